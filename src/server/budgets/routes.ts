import multipart from "@fastify/multipart";
import { and, desc, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type Action,
  type Actor,
  BUDGET_REVIEW_MOVE_NAMES,
  BUDGET_REVIEW_MOVES,
  can,
  deriveBudgetFigures,
  scopeOf,
} from "../../core/index.ts";
import {
  budgetCompareOut,
  budgetCompareQuery,
  budgetCountryParams,
  budgetCountrySummaryOut,
  budgetHistoryOut,
  budgetImportOut,
  budgetLineBody,
  budgetLineDeleteQuery,
  budgetLineParams,
  budgetLineUpdateBody,
  budgetPublishBody,
  budgetQuery,
  budgetReviewBody,
  budgetReviewMoveOut,
  budgetSectorBody,
  budgetSectorOut,
  countryBudgetsOut,
} from "../api-schemas/budgets.ts";
import { errorBody } from "../api-schemas/index.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { budgetHistory, budgetSectors, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { maxFileBytes } from "../files/limits.ts";
import { budgetLinesCsv, budgetWorkbook } from "./export-budgets.ts";
import { importContextFile, importLinesFile } from "./import-files.ts";
import { publishBudgets } from "./publish.ts";
import {
  listBudgetCountries,
  listPublications,
  listSectors,
  loadBudgetCountry,
  loadLine,
  readContext,
  readLines,
  targetOf,
} from "./read-budgets.ts";
import { moveReview, readReviews } from "./reviews.ts";
import { createLine, deleteLine, updateLine } from "./save-lines.ts";

const tags = ["budgets"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const importFields = z.object({ dryRun: z.enum(["true", "false"]).default("false") });

/** A country named in the route, if the person may do `action` on it (401/403/404 otherwise). */
async function authorizedCountry(db: Db, request: FastifyRequest, code: string, action: Action) {
  requireActor(request);
  const country = await loadBudgetCountry(db, code);
  const actor = authorize(request, action, targetOf(country));
  return { country, actor };
}

/** The line named in the route and its country, if the person may do `action` there. */
async function authorizedLine(
  db: Db,
  request: FastifyRequest,
  id: string,
  action: "budget:read" | "budget:edit",
) {
  requireActor(request);
  const line = await loadLine(db, id);
  const { country, actor } = await authorizedCountry(db, request, line.countryCode, action);
  return { line, country, actor };
}

/** Routes of public investment in children (signed in, within one's country or region). */
export async function registerBudgetRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/budgets/sectors",
    {
      schema: {
        tags,
        summary: "The sector classification of budget lines",
        response: { 200: z.array(budgetSectorOut), 401: errorBody },
      },
    },
    async (request) => {
      requireActor(request);
      return listSectors(db);
    },
  );

  api.post(
    "/budgets/sectors",
    {
      schema: {
        tags,
        summary: "Add a sector to the classification (or rename one)",
        body: budgetSectorBody,
        response: { 201: budgetSectorOut, ...errors },
      },
    },
    async (request, reply) => {
      authorize(request, "framework:manage");
      const { key, name, cofog } = request.body;
      await db
        .insert(budgetSectors)
        .values({ key, name, cofog, position: 100 })
        .onConflictDoUpdate({ target: budgetSectors.key, set: { name, cofog } });
      return reply.code(201).send({ key, name, cofog });
    },
  );

  api.get(
    "/budgets/countries",
    {
      schema: {
        tags,
        summary: "Countries whose budget data you may read, with what is kept for each",
        response: { 200: z.array(budgetCountrySummaryOut), 401: errorBody },
      },
    },
    async (request) => listBudgetCountries(db, scopeOf(requireActor(request), "budget:read")),
  );

  api.get(
    "/budgets/compare",
    {
      schema: {
        tags,
        summary: "The derived figures of every country you may read, for one year (the latest by default)",
        querystring: budgetCompareQuery,
        response: { 200: budgetCompareOut, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const list = (await listBudgetCountries(db, scopeOf(actor, "budget:read"))).filter((c) => c.lines > 0);
      const latest = Math.max(0, ...list.map((c) => c.lastYear ?? 0));
      const year = request.query.year ?? (latest || null);
      const rows = [];
      for (const c of list) {
        const [lines, context] = await Promise.all([readLines(db, c.code), readContext(db, c.code)]);
        const series = deriveBudgetFigures(lines, context, {
          basis: "current",
          sector: request.query.sector,
        });
        const usd = deriveBudgetFigures(lines, context, { basis: "usd", sector: request.query.sector });
        const at = series.years.find((y) => y.year === year) ?? null;
        const usdAt = usd.years.find((y) => y.year === year);
        rows.push({
          country: c.code,
          name: c.name,
          fiscalYear: at?.fiscalYear ?? null,
          figures: at?.figures ?? null,
          allocatedUsd: usdAt?.amounts.allocated ?? null,
          perChildUsd: usdAt?.figures.perChildAllocated ?? null,
        });
      }
      return { year, rows };
    },
  );

  api.get(
    "/budgets/countries/:country",
    {
      schema: {
        tags,
        summary: "A country's budget lines, context series and derived figures (in the basis asked for)",
        params: budgetCountryParams,
        querystring: budgetQuery,
        response: { 200: countryBudgetsOut, ...errors },
      },
    },
    async (request) => {
      const { country, actor } = await authorizedCountry(db, request, request.params.country, "budget:read");
      const [lines, context, sectors, publications, reviews] = await Promise.all([
        readLines(db, country.code),
        readContext(db, country.code),
        listSectors(db),
        listPublications(db, country.code),
        readReviews(db, country, actor),
      ]);
      const options = { basis: request.query.basis, baseYear: request.query.baseYear };
      const bySector = Object.fromEntries(
        sectors
          .filter((s) => lines.some((l) => l.sector === s.key))
          .map((s) => [s.key, deriveBudgetFigures(lines, context, { ...options, sector: s.key })]),
      );
      return {
        country,
        currency: lines[0]?.currency ?? null,
        sectors,
        lines,
        context,
        derived: deriveBudgetFigures(lines, context, { ...options, sector: request.query.sector }),
        bySector,
        publications,
        reviews,
        may: {
          edit: can(actor, "budget:edit", targetOf(country)),
          publish: can(actor, "budget:publish", targetOf(country)),
        },
      };
    },
  );

  api.post(
    "/budgets/countries/:country/lines",
    {
      schema: {
        tags,
        summary: "Enter a budget line (checked like a row of an imported table)",
        params: budgetCountryParams,
        body: budgetLineBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (request, reply) => {
      const { country, actor } = await authorizedCountry(db, request, request.params.country, "budget:edit");
      const id = await createLine(db, country.code, request.body, actor.userId);
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/budgets/lines/:id",
    {
      schema: {
        tags,
        summary:
          "Change a budget line, its sources and links (409 when someone changed it since expectedVersion)",
        params: budgetLineParams,
        body: budgetLineUpdateBody,
        response: { 200: z.object({ version: z.number().int(), changed: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const { actor } = await authorizedLine(db, request, request.params.id, "budget:edit");
      return updateLine(db, request.params.id, request.body, actor.userId);
    },
  );

  api.delete(
    "/budgets/lines/:id",
    {
      schema: {
        tags,
        summary: "Remove a budget line (its history stays)",
        params: budgetLineParams,
        querystring: budgetLineDeleteQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { actor } = await authorizedLine(db, request, request.params.id, "budget:edit");
      await deleteLine(db, request.params.id, request.query.expectedVersion, actor.userId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/budgets/lines/:id/history",
    {
      schema: {
        tags,
        summary: "Every change to a budget line: who, when, before and after",
        params: budgetLineParams,
        response: { 200: budgetHistoryOut, ...errors },
      },
    },
    async (request) => {
      await authorizedLine(db, request, request.params.id, "budget:read");
      const rows = await db
        .select({
          id: budgetHistory.id,
          changedAt: budgetHistory.changedAt,
          changedBy: users.name,
          source: budgetHistory.source,
          before: budgetHistory.before,
          after: budgetHistory.after,
        })
        .from(budgetHistory)
        .leftJoin(users, eq(users.id, budgetHistory.changedBy))
        .where(and(eq(budgetHistory.entity, "line"), eq(budgetHistory.entityKey, request.params.id)))
        .orderBy(desc(budgetHistory.id));
      return rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() }));
    },
  );

  api.get(
    "/budgets/countries/:country/export.csv",
    {
      schema: {
        tags,
        summary: "A country's budget lines as CSV (the columns the import reads)",
        params: budgetCountryParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { country } = await authorizedCountry(db, request, request.params.country, "budget:read");
      const lines = await readLines(db, country.code);
      const csv = budgetLinesCsv({ country: country.code, currency: null, sectors: [], lines, context: [] });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="budgets-${country.code.toLowerCase()}.csv"`)
        .send(csv);
    },
  );

  api.get(
    "/budgets/countries/:country/export.xlsx",
    {
      schema: {
        tags,
        summary: "A country's budget lines, context and derived figures as XLSX",
        params: budgetCountryParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { country } = await authorizedCountry(db, request, request.params.country, "budget:read");
      const [lines, context, sectors] = await Promise.all([
        readLines(db, country.code),
        readContext(db, country.code),
        listSectors(db),
      ]);
      const book = await budgetWorkbook({
        country: country.code,
        currency: lines[0]?.currency ?? null,
        sectors,
        lines,
        context,
      });
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="budgets-${country.code.toLowerCase()}.xlsx"`)
        .send(book);
    },
  );

  for (const move of BUDGET_REVIEW_MOVE_NAMES) {
    const { from, to, action } = BUDGET_REVIEW_MOVES[move];
    api.post(
      `/budgets/countries/:country/reviews/${move}`,
      {
        schema: {
          tags,
          summary: `Review of a fiscal year's budget data: ${from} → ${to} (${action}, as for assessments)`,
          description:
            "Only validated fiscal years are published; the lines of a submitted or validated year cannot be changed (409) until it is back to draft. 409 when expectedVersion is not current (0 for a year never reviewed); 400 when the year is not " +
            from,
          params: budgetCountryParams,
          body: budgetReviewBody,
          response: { 200: budgetReviewMoveOut, ...errors },
        },
      },
      async (request) => {
        const { country, actor } = await authorizedCountry(db, request, request.params.country, action);
        return moveReview(db, country, move, request.body, actor, auditActorOf(request));
      },
    );
  }

  api.post(
    "/budgets/countries/:country/publications",
    {
      schema: {
        tags,
        summary: "Publish a country's budget data on the portal (a new immutable version)",
        params: budgetCountryParams,
        body: budgetPublishBody,
        response: {
          201: z.object({ slug: z.string(), version: z.number().int(), lines: z.number().int() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { country, actor } = await authorizedCountry(
        db,
        request,
        request.params.country,
        "budget:publish",
      );
      const published = await publishBudgets(db, country, {
        notes: request.body.notes,
        userId: actor.userId,
        audit: auditActorOf(request),
      });
      return reply.code(201).send(published);
    },
  );

  // Imports: multipart (file, dryRun), in their own scope for the upload limits.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxFileBytes(), files: 1, fields: 2, fieldSize: 100, parts: 3 },
    });
    const upload = scope.withTypeProvider<ZodTypeProvider>();
    const description =
      "dryRun=true: 200 with what would be added or changed and every problem (row and column named), nothing written. Otherwise 200 with what was written, or 400 listing every problem and nothing written.";
    for (const [path, summary, run] of [
      [
        "/budgets/imports/lines",
        "Import budget lines from a CSV or XLSX table (multipart: file, dryRun)",
        importLinesFile,
      ],
      [
        "/budgets/imports/context",
        "Import context series (World Bank wide CSV, or a long table country/year/series/value; multipart: file, dryRun)",
        importContextFile,
      ],
    ] as const) {
      upload.post(
        path,
        { schema: { tags, summary, description, response: { 200: budgetImportOut, ...errors } } },
        async (request, reply) => {
          const actor = requireActor(request) as Actor;
          if (!can(actor, "budget:edit")) throw new UserError("you are not allowed to do this", [], 403);
          if (!request.isMultipart())
            throw new UserError("send the file as multipart/form-data (fields file, dryRun)");
          return withImportSlot(async () => {
            const file = await readUpload(request, "the budget file");
            const fields = importFields.safeParse(file.fields);
            if (!fields.success) throw new UserError("dryRun: use true or false");
            const report = await run(db, {
              bytes: file.bytes,
              fileName: file.fileName,
              actor,
              dryRun: fields.data.dryRun === "true",
              audit: auditActorOf(request),
            });
            const errors = report.problems.filter((p) => p.severity === "error");
            if (!report.dryRun && errors.length) {
              throw new UserError(
                `${file.fileName}: nothing was imported; fix these ${errors.length} problems and import again`,
                errors.map((p) => p.message),
              );
            }
            return reply.code(200).send(report);
          });
        },
      );
    }
  });
}
