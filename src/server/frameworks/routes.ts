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
import { readVisibleScores } from "../scores/read-scores.ts";
import { registerFrameworkFileRoutes } from "./file-routes.ts";
import { findFrameworkVersion, listFrameworkVersions } from "./find-framework.ts";
import { listVisibleCycles } from "./list-visible-cycles.ts";

const frameworkDetail = framework.extend({ id: z.uuid() });

export function registerFrameworkRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["frameworks"];
  registerFrameworkFileRoutes(app, db);

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
        summary: "Assessment cycles of a framework version that the caller may know of",
        description:
          "Cycles with a published release, or with an assessment the caller may read; assessmentCount counts only the assessments whose figures the caller sees.",
        params: frameworkParams,
        response: { 200: z.array(cycleSummary), 404: errorBody },
      },
    },
    async (request) => {
      const found = await findFrameworkVersion(db, request.params.id);
      return listVisibleCycles(db, found.versionId, request.actor);
    },
  );

  api.get(
    "/frameworks/:id/scores",
    {
      schema: {
        tags,
        summary:
          "Scores of the countries the caller may see: nodes and classifications, band, rank, coverage, change",
        description:
          "Signed out, or outside an assessment's country and region, only the figures of each cycle's latest published release; an assessment the caller may read shows its working figures (`published: false`), unranked unless the caller may read every assessment of the cycle.",
        params: frameworkParams,
        querystring: scoresQuery,
        response: { 200: z.array(scoreRow), 404: errorBody },
      },
    },
    async (request) => {
      const found = await findFrameworkVersion(db, request.params.id);
      return readVisibleScores(db, found.versionId, request.query, request.actor);
    },
  );
}
