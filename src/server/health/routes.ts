import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { health } from "../api-schemas/index.ts";
import type { Database } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/health",
      { schema: { tags: ["system"], summary: "Liveness and database check", response: { 200: health } } },
      async () => {
        await queryRows(database.db, sql`select 1 as ok`);
        return { status: "ok" as const, version: "0.1.0", database: database.kind };
      },
    );
}
