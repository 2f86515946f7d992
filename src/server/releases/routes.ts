import { and, desc, eq, isNull } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ReleaseAnswer } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import { publishBody, publishedRelease, releaseCandidates, releaseSummary } from "../api-schemas/releases.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { assessments, countries, cycles, frameworks, frameworkVersions, releases } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { loadPublicAnswers } from "./public-answers.ts";
import { publishRelease } from "./publish.ts";
import { findRelease, listReleases } from "./read-release.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const cycleParams = z.object({ id: z.uuid() });

/**
 * The cycle and its assessments, after checking the actor may publish it: a release speaks for
 * every country of the cycle, so each must be within the actor's scope (401, 404, then 403).
 */
export async function loadPublishableCycle(db: Db, request: FastifyRequest, cycleId: string) {
  const actor = requireActor(request);
  const [cycle] = await db
    .select({ id: cycles.id, period: cycles.period, frameworkCode: frameworks.code })
    .from(cycles)
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycles.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(cycles.id, cycleId));
  if (!cycle) throw new UserError("no such cycle", [], 404);
  const rows = await db
    .select({
      id: assessments.id,
      country: assessments.countryCode,
      status: assessments.status,
      region: countries.regionCode,
    })
    .from(assessments)
    .innerJoin(countries, eq(countries.code, assessments.countryCode))
    .where(and(eq(assessments.cycleId, cycleId), isNull(assessments.areaCode)))
    .orderBy(assessments.countryCode);
  authorize(request, "release:publish");
  for (const row of rows) authorize(request, "release:publish", { country: row.country, region: row.region });
  return { actor, cycle, assessments: rows };
}

/** The same public content (the stored snapshot's JSON may order keys differently). */
function sameAnswer(a: ReleaseAnswer | undefined, b: ReleaseAnswer | undefined): boolean {
  if (!a || !b) return a === b;
  const evidence = (x: ReleaseAnswer) =>
    x.evidence.map((e) =>
      [e.kind, e.citation, e.url, e.legalReference, e.sourceDate, e.fileName].join("\u0000"),
    );
  return (
    a.value === b.value &&
    a.justification === b.justification &&
    JSON.stringify(evidence(a)) === JSON.stringify(evidence(b))
  );
}

/** Routes of publishing (registered under /api by app/build-app.ts). */
export async function registerReleaseRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["releases"];

  api.get(
    "/releases",
    {
      schema: {
        tags,
        summary: "Every published release, newest first (public metadata only)",
        response: { 200: z.array(releaseSummary), 401: errorBody },
      },
    },
    async (request) => {
      requireActor(request);
      return listReleases(db);
    },
  );

  api.post(
    "/cycles/:id/releases",
    {
      schema: {
        tags,
        summary:
          "Publish validated assessments of a cycle as an immutable release (a correction when the period is already published)",
        params: cycleParams,
        body: publishBody,
        response: { 201: publishedRelease, ...errors, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { actor } = await loadPublishableCycle(db, request, request.params.id);
      const published = await publishRelease(db, {
        cycleId: request.params.id,
        assessmentIds: request.body.assessmentIds,
        notes: request.body.notes,
        userId: actor.userId,
        via: "api",
        audit: auditActorOf(request),
      });
      request.log.info({ release: published.slug, by: actor.userId }, "release published");
      return reply.code(201).send(published);
    },
  );

  api.get(
    "/cycles/:id/release-candidates",
    {
      schema: {
        tags,
        summary:
          "What publishing this cycle would include: its assessments, which are validated, and how many public answers changed since the previous release of the period",
        params: cycleParams,
        response: { 200: releaseCandidates, ...errors },
      },
    },
    async (request) => {
      const { cycle, assessments: rows } = await loadPublishableCycle(db, request, request.params.id);
      const [previous] = await db
        .select({ slug: releases.slug, version: releases.version, publishedAt: releases.publishedAt })
        .from(releases)
        .where(and(eq(releases.frameworkCode, cycle.frameworkCode), eq(releases.period, cycle.period)))
        .orderBy(desc(releases.version))
        .limit(1);
      const before = previous ? await findRelease(db, previous.slug) : null;
      const current = await loadPublicAnswers(
        db,
        rows.map((r) => r.id),
      );
      const key = (a: ReleaseAnswer) => `${a.country}\u0000${a.indicator}`;
      const now = new Map(current.map((a) => [key(a), a]));
      const then = new Map((before?.answers ?? []).map((a) => [key(a), a]));
      const published = new Set(before?.countries.map((c) => c.code) ?? []);
      const indicatorCodes = before?.framework.indicators.map((i) => i.code) ?? [];
      return {
        cycleId: cycle.id,
        frameworkCode: cycle.frameworkCode,
        period: cycle.period,
        previous: previous ? { ...previous, publishedAt: previous.publishedAt.toISOString() } : null,
        nextSlug: `${cycle.frameworkCode}-${cycle.period}-v${(previous?.version ?? 0) + 1}`,
        assessments: rows.map((r) => ({
          id: r.id,
          country: r.country,
          status: r.status,
          publishable: r.status === "validated",
          inPrevious: published.has(r.country),
          changedAnswers: published.has(r.country)
            ? indicatorCodes.filter((code) => {
                const k = `${r.country}\u0000${code}`;
                return !sameAnswer(now.get(k), then.get(k));
              }).length
            : null,
        })),
      };
    },
  );
}
