import { count, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { framework } from "../../core/index.ts";
import {
  cycleSummary,
  errorBody,
  frameworkParams,
  frameworkSummary,
  scoreRow,
  scoresQuery,
} from "../api-schemas/index.ts";
import type { Db } from "../db/connect.ts";
import { assessments, cycles } from "../db/schema.ts";
import { readScores } from "../scores/read-scores.ts";
import { findFrameworkVersion, listFrameworkVersions } from "./find-framework.ts";

const frameworkDetail = framework.extend({ id: z.uuid() });

export function registerFrameworkRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["frameworks"];

  api.get(
    "/frameworks",
    { schema: { tags, summary: "Every framework version", response: { 200: z.array(frameworkSummary) } } },
    () => listFrameworkVersions(db),
  );

  api.get(
    "/frameworks/:id",
    {
      schema: {
        tags,
        summary: "A framework version's full definition: tree, indicators, scoring rules, bands",
        params: frameworkParams,
        response: { 200: frameworkDetail, 404: errorBody },
      },
    },
    async (request) => {
      const found = await findFrameworkVersion(db, request.params.id);
      return { ...found.definition, id: found.versionId };
    },
  );

  api.get(
    "/frameworks/:id/cycles",
    {
      schema: {
        tags,
        summary: "Assessment cycles of a framework version",
        params: frameworkParams,
        response: { 200: z.array(cycleSummary), 404: errorBody },
      },
    },
    async (request) => {
      const found = await findFrameworkVersion(db, request.params.id);
      const rows = await db
        .select({
          id: cycles.id,
          frameworkVersionId: cycles.versionId,
          period: cycles.period,
          name: cycles.name,
          status: cycles.status,
          isDemo: cycles.isDemo,
          assessmentCount: count(assessments.id),
        })
        .from(cycles)
        .leftJoin(assessments, eq(assessments.cycleId, cycles.id))
        .where(eq(cycles.versionId, found.versionId))
        .groupBy(cycles.id)
        .orderBy(cycles.period);
      return rows.map((r) => ({ ...r, assessmentCount: Number(r.assessmentCount) }));
    },
  );

  api.get(
    "/frameworks/:id/scores",
    {
      schema: {
        tags,
        summary:
          "Current scores of every country: nodes and classification values, with band, rank, coverage and change",
        params: frameworkParams,
        querystring: scoresQuery,
        response: { 200: z.array(scoreRow), 404: errorBody },
      },
    },
    async (request) => {
      const found = await findFrameworkVersion(db, request.params.id);
      return readScores(db, found.versionId, request.query);
    },
  );
}
