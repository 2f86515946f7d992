import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { country } from "../api-schemas/index.ts";
import type { Db } from "../db/connect.ts";
import { countries } from "../db/schema.ts";

export function registerCountryRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/countries",
    {
      schema: {
        tags: ["reference"],
        summary: "ISO 3166-1 countries (Kosovo as XK) with names in several languages",
        response: { 200: z.array(country) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return db
        .select({
          code: countries.code,
          iso3: countries.iso3,
          name: countries.name,
          regionCode: countries.regionCode,
        })
        .from(countries)
        .orderBy(countries.code);
    },
  );
}
