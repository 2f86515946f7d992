import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { deriveBudgetFigures } from "../../core/index.ts";
import { budgetLineOut, budgetSectorOut, contextYearOut, derivedSeriesOut } from "../api-schemas/budgets.ts";
import { errorBody, localTextOut } from "../api-schemas/index.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { IMMUTABLE, LIST, prepareJson, send } from "../public-api/routes.ts";
import { budgetLinesCsv, budgetWorkbook } from "./export-budgets.ts";
import { findBudgetPublication, listBudgetPublications } from "./publish.ts";

const tags = ["public"];

const publicSummary = z.object({
  slug: z.string(),
  country: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string(),
  lines: z.number().int(),
  isDemo: z.boolean(),
});

/** What of a publication leaves the server: declared here, field by field. */
const publicBudgets = z.object({
  slug: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string(),
  newer: z.string().nullable(),
  country: z.object({ code: z.string(), name: localTextOut }),
  currency: z.string().nullable(),
  isDemo: z.boolean(),
  sectors: z.array(budgetSectorOut),
  lines: z.array(budgetLineOut.omit({ isDemo: true, version: true, updatedBy: true, updatedAt: true })),
  context: z.array(contextYearOut),
  derived: derivedSeriesOut,
  bySector: z.record(z.string(), derivedSeriesOut),
});

const keyParams = z.object({
  key: z
    .string()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9-]+$/i, "a country code or a publication's slug"),
});

async function found(db: Db, key: string) {
  const publication = await findBudgetPublication(db, key);
  if (!publication) throw new UserError(`no published budget data "${key}"`, [], 404);
  return publication;
}

/** The public API of published budget data (no sign-in): the latest per country, or a version by slug. */
export async function registerPublicBudgetRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/public/budgets",
    {
      schema: {
        tags,
        summary: "Published budget data: the latest version of each country",
        response: { 200: z.array(publicSummary) },
      },
    },
    async (request, reply) =>
      send(request, reply, prepareJson(z.array(publicSummary), await listBudgetPublications(db)), LIST),
  );

  api.get(
    "/public/budgets/:key",
    {
      schema: {
        tags,
        summary:
          "A country's published budget data (by country code: the latest; by slug: that version), with derived figures",
        params: keyParams,
        querystring: z.object({ basis: z.enum(["current", "constant", "usd"]).default("current") }),
        response: { 200: publicBudgets, 404: errorBody },
      },
    },
    async (request, reply) => {
      const p = await found(db, request.params.key);
      const { snapshot } = p;
      const options = { basis: request.query.basis };
      const body = {
        ...p,
        ...snapshot,
        derived: deriveBudgetFigures(snapshot.lines, snapshot.context, options),
        bySector: Object.fromEntries(
          snapshot.sectors
            .filter((s) => snapshot.lines.some((l) => l.sector === s.key))
            .map((s) => [
              s.key,
              deriveBudgetFigures(snapshot.lines, snapshot.context, { ...options, sector: s.key }),
            ]),
        ),
      };
      const latest = /^[a-z]{2}$/i.test(request.params.key);
      return send(request, reply, prepareJson(publicBudgets, body), latest ? LIST : IMMUTABLE);
    },
  );

  for (const format of ["csv", "xlsx"] as const) {
    api.get(
      `/public/budgets/:key/budgets.${format}`,
      {
        schema: {
          tags,
          summary: `A country's published budget data as ${format.toUpperCase()}`,
          params: keyParams,
          response: { 200: z.any(), 404: errorBody },
        },
      },
      async (request, reply) => {
        const p = await found(db, request.params.key);
        const data = { ...p.snapshot, country: p.snapshot.country.code };
        const body = format === "csv" ? budgetLinesCsv(data) : await budgetWorkbook(data);
        return reply
          .type(
            format === "csv"
              ? "text/csv; charset=utf-8"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          )
          .header("cache-control", LIST)
          .header("content-disposition", `attachment; filename="${p.slug}.${format}"`)
          .send(body);
      },
    );
  }
}
