import { desc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AnalysisSettings } from "../../core/index.ts";
import { analysisDetail, analysisJob, analysisOverview, analysisRunBody } from "../api-schemas/analysis.ts";
import { errorBody } from "../api-schemas/index.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { releaseAnalyses, releases } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { loadPublishableCycle } from "../releases/routes.ts";
import { analysisJobOf, cancelAnalysis, publishAnalysis, startAnalysis, stopAnalysisJobs } from "./jobs.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const cycleParams = z.object({ id: z.uuid() });
const analysisParams = z.object({ id: z.uuid(), analysisId: z.uuid() });

const summaryColumns = {
  id: releaseAnalyses.id,
  release: releases.slug,
  version: releaseAnalyses.version,
  evaluations: releaseAnalyses.evaluations,
  elapsedMs: releaseAnalyses.elapsedMs,
  createdAt: releaseAnalyses.createdAt,
  publishedAt: releaseAnalyses.publishedAt,
  settings: releaseAnalyses.settings,
};

const summaryOut = <T extends { createdAt: Date; publishedAt: Date | null }>(row: T) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  publishedAt: row.publishedAt?.toISOString() ?? null,
});

/**
 * Uncertainty and sensitivity analyses of a cycle's releases (under /api). Those who may publish
 * the cycle set them up, run them in the background (one at a time per cycle), follow and cancel
 * the run, read the results and publish them with the release.
 */
export async function registerAnalysisRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["analysis"];
  app.addHook("onClose", () => stopAnalysisJobs(db));

  api.get(
    "/cycles/:id/analyses",
    {
      schema: {
        tags,
        summary:
          "The cycle's releases, their stored analyses (newest first), its framework's nodes and the current run",
        params: cycleParams,
        response: { 200: analysisOverview, ...errors },
      },
    },
    async (request) => {
      const { cycle } = await loadPublishableCycle(db, request, request.params.id);
      const rows = await db
        .select({ slug: releases.slug, version: releases.version, snapshot: releases.snapshot })
        .from(releases)
        .where(eq(releases.cycleId, cycle.id))
        .orderBy(desc(releases.version));
      const analyses = await db
        .select(summaryColumns)
        .from(releaseAnalyses)
        .innerJoin(releases, eq(releases.id, releaseAnalyses.releaseId))
        .where(eq(releases.cycleId, cycle.id))
        .orderBy(desc(releases.version), desc(releaseAnalyses.version));
      const fw = rows[0]?.snapshot.framework;
      const depth = new Map<string, number>();
      for (const node of fw?.nodes ?? [])
        depth.set(node.code, node.parent ? (depth.get(node.parent) ?? 0) + 1 : 0);
      return {
        cycleId: cycle.id,
        period: cycle.period,
        releases: rows.map((r) => ({
          slug: r.slug,
          version: r.version,
          countries: r.snapshot.countries.length,
        })),
        nodes: (fw?.nodes ?? []).map((n) => ({
          code: n.code,
          label: n.label,
          depth: depth.get(n.code) ?? 0,
        })),
        analyses: analyses.map(summaryOut),
        job: analysisJobOf(db, cycle.id),
      };
    },
  );

  api.post(
    "/cycles/:id/analyses",
    {
      schema: {
        tags,
        summary:
          "Start an uncertainty and sensitivity analysis of a release of this cycle in the background (one run at a time per cycle; the result is stored as the release's next analysis version)",
        params: cycleParams,
        body: analysisRunBody,
        response: { 202: analysisJob, ...errors, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { actor, cycle } = await loadPublishableCycle(db, request, request.params.id);
      const job = await startAnalysis(db, {
        cycleId: cycle.id,
        release: request.body.release,
        settings: request.body.settings as AnalysisSettings,
        userId: actor.userId,
        audit: auditActorOf(request),
      });
      request.log.info({ release: job.release, by: actor.userId }, "analysis started");
      return reply.code(202).send(job);
    },
  );

  api.delete(
    "/cycles/:id/analyses/job",
    {
      schema: {
        tags,
        summary: "Cancel the cycle's running analysis (nothing of it is stored)",
        params: cycleParams,
        response: { 200: analysisJob, ...errors },
      },
    },
    async (request) => {
      const { cycle } = await loadPublishableCycle(db, request, request.params.id);
      return cancelAnalysis(db, cycle.id);
    },
  );

  api.get(
    "/cycles/:id/analyses/:analysisId",
    {
      schema: {
        tags,
        summary:
          "A stored analysis: rank intervals per country, Sobol indices per uncertain input, leave-one-out shifts",
        params: analysisParams,
        response: { 200: analysisDetail, ...errors },
      },
    },
    async (request) => {
      const { cycle } = await loadPublishableCycle(db, request, request.params.id);
      const [row] = await db
        .select({
          ...summaryColumns,
          cycleId: releases.cycleId,
          result: releaseAnalyses.result,
          snapshot: releases.snapshot,
        })
        .from(releaseAnalyses)
        .innerJoin(releases, eq(releases.id, releaseAnalyses.releaseId))
        .where(eq(releaseAnalyses.id, request.params.analysisId));
      if (!row || row.cycleId !== cycle.id) throw new UserError("no such analysis of this cycle", [], 404);
      const { snapshot, cycleId: _cycle, ...rest } = row;
      return {
        ...summaryOut(rest),
        countries: snapshot.countries,
        bands: snapshot.framework.bands.map((b) => ({ code: b.code, label: b.label, color: b.color })),
      };
    },
  );

  api.post(
    "/cycles/:id/analyses/:analysisId/publish",
    {
      schema: {
        tags,
        summary:
          "Publish a stored analysis: the portal shows it with its release (rank intervals, robustness, sensitivity, downloads)",
        params: analysisParams,
        response: { 200: z.object({ published: z.literal(true) }), ...errors, 409: errorBody },
      },
    },
    async (request) => {
      const { actor, cycle } = await loadPublishableCycle(db, request, request.params.id);
      await publishAnalysis(db, {
        cycleId: cycle.id,
        analysisId: request.params.analysisId,
        userId: actor.userId,
        audit: auditActorOf(request),
      });
      return { published: true as const };
    },
  );
}
