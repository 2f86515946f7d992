import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  IMPLEMENTATION_STATUSES,
  trackingDateSeriesCsv,
  trackingSeries,
  trackingSeriesByDate,
  trackingSeriesCsv,
} from "../../core/index.ts";
import {
  renderTrackingPage,
  TRACKING_CSS,
  TRACKING_LANGUAGES,
} from "../../portal/tracking/tracking-page.tsx";
import { errorBody } from "../api-schemas/index.ts";
import {
  trackingPublishBody as publishBody,
  trackingPublished as published,
  trackingSummary as summary,
} from "../api-schemas/tracking.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { IMMUTABLE, LIST, prepareFile, prepareJson, send } from "../public-api/routes.ts";
import {
  findTrackingPublication,
  isSuperseded,
  listCountryTrackings,
  listTrackingPublications,
  publishTracking,
} from "./publish-tracking.ts";

const tags = ["tracking"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

const implementation = z.object({
  status: z.string(),
  assessedOn: z.string(),
  evidenceText: z.string().nullable(),
  evidenceUrls: z.array(z.string()),
  responsibleInstitutions: z.array(z.string()),
  dueOn: z.string().nullable(),
});
/** The public shape of a tracking: what is declared here is all that leaves the server. */
const publicTracking = z.object({
  format: z.string(),
  slug: z.string(),
  country: z.object({ code: z.string(), name: z.record(z.string(), z.string()) }),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string(),
  supersedes: z.string().nullable(),
  recommendations: z.array(
    z.object({
      mechanism: z.string(),
      session: z.string().nullable(),
      cycle: z.string().nullable(),
      documentSymbol: z.string().nullable(),
      paragraph: z.string().nullable(),
      issuedOn: z.string().nullable(),
      recommendingStates: z.array(z.string()),
      text: z.record(z.string(), z.string()),
      position: z.string().nullable(),
      positionSource: z.string().nullable(),
      themes: z.array(z.string()),
      affectedGroups: z.array(z.string()),
      uncrcArticles: z.array(z.string()),
      sdgTargets: z.array(z.string()),
      coalition: implementation.nullable(),
      government: implementation.nullable(),
      timeline: z.array(z.object({ status: z.string(), assessedOn: z.string(), by: z.string() })),
    }),
  ),
});

const pageUrl = (slug: string) => `/portal/tracking/${slug}/`;

const statusCounts = z.object(
  Object.fromEntries([...IMPLEMENTATION_STATUSES, "not_assessed"].map((s) => [s, z.number().int()])),
);
/** A country's implementation over time, from its published trackings only. */
const publicSeries = z.object({
  format: z.literal("childmark-tracking-series/1"),
  country: z.object({ code: z.string(), name: z.record(z.string(), z.string()) }),
  /** The newest published version, which `byDate` is read from. */
  latest: z.string(),
  /** One point per published version, oldest first: recommendations by the coalition's status. */
  versions: z.array(
    z.object({
      slug: z.string(),
      version: z.number().int(),
      publishedAt: z.string(),
      total: z.number().int(),
      counts: statusCounts,
    }),
  ),
  /** One point per date the newest version's coalition timeline records a status. */
  byDate: z.array(z.object({ date: z.string(), total: z.number().int(), counts: statusCounts })),
});
const seriesParams = z.object({
  country: z.string().regex(/^[A-Za-z]{2}$/, "an ISO country code of two letters"),
});

/** Every published version of a country's tracking, or 404. */
async function countrySnapshots(db: Db, country: string) {
  const snapshots = await listCountryTrackings(db, country.toUpperCase());
  if (!snapshots.length) throw new UserError(`no published tracking of ${country.toUpperCase()}`, [], 404);
  return snapshots;
}

/**
 * Publishing a coalition's tracking of UN recommendations (signed in, the
 * country's coordinator or above), the public API of published trackings,
 * and their public pages under /portal/tracking/.
 */
export async function registerTrackingRoutes(api: FastifyInstance, db: Db): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/tracking-publications",
    {
      schema: {
        tags,
        summary:
          "Make a coalition's tracking of a State's UN recommendations public (a new immutable version)",
        body: publishBody,
        response: { 201: published, ...errors },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const code = request.body.country.toUpperCase();
      const [country] = await db
        .select({ region: countries.regionCode })
        .from(countries)
        .where(eq(countries.code, code));
      if (!country)
        throw new UserError(`country: "${request.body.country}" is not a known country code`, [], 404);
      const actor = authorize(request, "recommendation:publish", { country: code, region: country.region });
      const result = await publishTracking(db, {
        country: code,
        notes: request.body.notes,
        userId: actor.userId,
        audit: auditActorOf(request),
      });
      return reply.code(201).send({ ...result, url: pageUrl(result.slug) });
    },
  );

  app.get(
    "/tracking-publications",
    {
      schema: {
        tags,
        summary: "Published trackings of UN recommendations, by country, newest version first",
        response: { 200: z.array(summary), 401: errorBody },
      },
    },
    async (request) => {
      requireActor(request);
      return (await listTrackingPublications(db)).map((s) => ({ ...s, url: pageUrl(s.slug) }));
    },
  );

  app.get(
    "/public/tracking",
    {
      schema: {
        tags: ["public"],
        summary: "Published trackings of UN recommendations (no sign-in)",
        response: { 200: z.array(summary) },
      },
    },
    async (request, reply) => {
      const list = (await listTrackingPublications(db)).map((s) => ({
        ...s,
        url: `/api/public/tracking/${s.slug}`,
      }));
      return send(request, reply, prepareJson(z.array(summary), list), LIST);
    },
  );

  app.get(
    "/public/tracking/countries/:country/series",
    {
      schema: {
        tags: ["public"],
        summary:
          "A country's implementation over time: recommendations by the coalition's status per published version, and by assessment date (published trackings only)",
        params: seriesParams,
        response: { 200: publicSeries, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const snapshots = await countrySnapshots(db, request.params.country);
      const latest = snapshots.at(-1)!;
      const body = {
        format: "childmark-tracking-series/1" as const,
        country: latest.country,
        latest: latest.slug,
        versions: trackingSeries(snapshots),
        byDate: trackingSeriesByDate(latest),
      };
      return send(request, reply, prepareJson(publicSeries, body), LIST);
    },
  );

  app.get(
    "/public/tracking/countries/:country/series.csv",
    {
      schema: {
        tags: ["public"],
        summary:
          "The same series as CSV: one row per published version (by=version, the default) or per assessment date (by=date)",
        params: seriesParams,
        querystring: z.object({ by: z.enum(["version", "date"]).default("version") }),
        response: { 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const snapshots = await countrySnapshots(db, request.params.country);
      const code = snapshots.at(-1)!.country.code;
      const csv =
        request.query.by === "date"
          ? trackingDateSeriesCsv(code, trackingSeriesByDate(snapshots.at(-1)!))
          : trackingSeriesCsv(code, trackingSeries(snapshots));
      const file = `${code.toLowerCase()}.implementation${request.query.by === "date" ? ".by-date" : ""}.csv`;
      return send(request, reply, prepareFile(csv, "text/csv; charset=utf-8", file), LIST);
    },
  );

  app.get(
    "/public/tracking/:slug",
    {
      schema: {
        tags: ["public"],
        summary:
          "One published tracking: every recommendation with the coalition's assessment and the government's claim",
        params: z.object({ slug: z.string().min(1).max(100) }),
        response: { 200: publicTracking, 404: errorBody },
      },
    },
    async (request, reply) => {
      const snapshot = await findTrackingPublication(db, request.params.slug);
      if (!snapshot) throw new UserError(`no published tracking ${request.params.slug}`, [], 404);
      const latest = !/-v\d+$/.test(request.params.slug);
      return send(request, reply, prepareJson(publicTracking, snapshot), latest ? LIST : IMMUTABLE);
    },
  );
}

/** The public pages of published trackings (outside /api, no sign-in). */
export async function registerTrackingPages(app: FastifyInstance, db: Db): Promise<void> {
  const css = new URL(`../../portal/tracking/${TRACKING_CSS}`, import.meta.url);
  app.get(`/portal/tracking/assets/${TRACKING_CSS}`, async (_request, reply) =>
    reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(await readFile(css)),
  );
  app.get<{ Params: { slug: string } }>("/portal/tracking/:slug/", async (request, reply) =>
    reply.redirect(`/portal/tracking/${encodeURIComponent(request.params.slug)}/en/`),
  );
  app.get<{ Params: { slug: string } }>("/portal/tracking/:slug/tracking.json", async (request, reply) => {
    const snapshot = await findTrackingPublication(db, request.params.slug);
    if (!snapshot) return reply.code(404).type("text/plain").send("not found");
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="${snapshot.slug}.json"`)
      .send(JSON.stringify(publicTracking.parse(snapshot)));
  });
  app.get<{ Params: { slug: string; lang: string } }>(
    "/portal/tracking/:slug/:lang/",
    async (request, reply) => {
      const { slug, lang } = request.params;
      const snapshot = TRACKING_LANGUAGES.includes(lang as never)
        ? await findTrackingPublication(db, slug)
        : null;
      const body = snapshot
        ? renderTrackingPage(snapshot, lang, { superseded: await isSuperseded(db, snapshot) })
        : "<!doctype html><title>Not found</title><p>No such published tracking.</p>";
      return reply
        .code(snapshot ? 200 : 404)
        .type("text/html; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(body);
    },
  );
}
