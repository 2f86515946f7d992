import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ReleaseSnapshot } from "../../core/index.ts";
import {
  type PortalContext,
  type PortalIndexTracking,
  parsePortalPath,
  portalLanguages,
  renderPortalIndex,
  renderPortalNotFound,
} from "../../portal/render.tsx";
import { findPublishedAnalysis } from "../analysis/read-analysis.ts";
import { latestBudgetSnapshots } from "../budgets/publish.ts";
import { readChildrenVoices } from "../children/children-view.ts";
import type { Db } from "../db/connect.ts";
import { readAllAreaShapes } from "../network/area-shapes.ts";
import { readDirectory, readPublicLogos } from "../network/directory.ts";
import { countryName } from "../reference/countries.ts";
import { findLatestRelease, findRelease, listReleases } from "../releases/read-release.ts";
import { PORTAL_ASSETS_DIR } from "../reports/portal-css.ts";
import { listPublicPlans } from "../results/public/read-public-plan.ts";
import { siteFile } from "../site/site-files.ts";
import { listTrackingPublications, readPortalTrackings } from "../tracking/publish-tracking.ts";

const HTML = "text/html; charset=utf-8";
const CACHE = "public, max-age=300";

/** Sends a body with a strong ETag, answering 304 when the reader already has it. */
function sendCached(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, type: string) {
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  reply.header("cache-control", CACHE).header("etag", etag);
  if (request.headers["if-none-match"] === etag) return reply.code(304).send();
  return reply.type(type).send(body);
}

function queryOf(url: string): string {
  const at = url.indexOf("?");
  return at < 0 ? "" : url.slice(at);
}

function langOf(request: FastifyRequest): string {
  const wanted = (request.query as { lang?: unknown }).lang;
  return typeof wanted === "string" ? wanted : "en";
}

async function contextOf(db: Db, snapshot: ReleaseSnapshot, request: FastifyRequest): Promise<PortalContext> {
  const releases = (await listReleases(db)).filter((r) => r.frameworkCode === snapshot.release.frameworkCode);
  const host = request.headers.host;
  return {
    releases,
    languages: portalLanguages(snapshot.framework),
    mode: "live",
    baseUrl: host ? `${request.protocol}://${host}/portal/${snapshot.release.slug}/` : undefined,
    childrenVoices: await readChildrenVoices(db),
    budgets: await latestBudgetSnapshots(db),
    trackings: await readPortalTrackings(db),
    analysis: await findPublishedAnalysis(db, snapshot.release.slug),
    directory: await readDirectory(db),
    directoryLogos: await readPublicLogos(db),
    areaShapes: snapshot.areas?.length ? await readAllAreaShapes(db) : undefined,
  };
}

/** The newest published tracking of each country, for the portal's front page. */
async function latestTrackings(db: Db): Promise<PortalIndexTracking[]> {
  return (await listTrackingPublications(db))
    .filter((t) => t.supersededBy === null)
    .map((t) => ({
      slug: t.slug,
      countryName: countryName(t.country),
      version: t.version,
      publishedAt: t.publishedAt,
      recommendations: t.recommendations,
    }));
}

async function notFound(db: Db, request: FastifyRequest, reply: FastifyReply) {
  const body = renderPortalIndex(await listReleases(db), langOf(request), {
    root: "/portal/",
    notFound: true,
  });
  return reply.code(404).type(HTML).header("cache-control", "no-store").send(body);
}

/**
 * The public portal, no sign-in: `/portal/` lists the releases, `/portal/{code}/latest/…`
 * redirects to the newest release of an index, `/portal/{slug}/…` serves a release's pages,
 * assets, downloads and reports — all from the release's snapshot, through the same
 * `siteFile` the static export writes, so live and exported portals are the same files.
 */
export async function registerPortalRoutes(app: FastifyInstance, db: Db): Promise<void> {
  app.get("/portal", (_request, reply) => reply.redirect("/portal/", 301));
  app.get("/portal/", async (request, reply) =>
    sendCached(
      request,
      reply,
      renderPortalIndex(await listReleases(db), langOf(request), {
        trackings: await latestTrackings(db),
        plans: await listPublicPlans(db),
      }),
      HTML,
    ),
  );
  app.get("/portal/assets/portal.css", async (request, reply) =>
    sendCached(request, reply, await readFile(`${PORTAL_ASSETS_DIR}portal.css`), "text/css; charset=utf-8"),
  );
  app.get<{ Params: { code: string; "*": string } }>("/portal/:code/latest/*", async (request, reply) => {
    const latest = await findLatestRelease(db, request.params.code);
    if (!latest) return notFound(db, request, reply);
    const rest = request.params["*"];
    return reply.redirect(
      `/portal/${encodeURIComponent(latest.release.slug)}/${rest}${queryOf(request.url)}`,
      302,
    );
  });
  app.get<{ Params: { slug: string } }>("/portal/:slug", (request, reply) =>
    reply.redirect(`/portal/${encodeURIComponent(request.params.slug)}/`, 301),
  );
  app.get<{ Params: { slug: string; "*": string } }>("/portal/:slug/*", async (request, reply) => {
    const { slug } = request.params;
    const snapshot = await findRelease(db, slug);
    if (!snapshot) return notFound(db, request, reply);
    const path = request.params["*"];
    const root = `/portal/${encodeURIComponent(slug)}/`;
    if (path === "") return reply.redirect(`${root}${snapshot.framework.defaultLanguage}/`, 302);
    const route = parsePortalPath(path);
    // Pages are folders: their relative links need the final slash.
    if (route && route.page !== "root" && !path.endsWith("/") && !path.endsWith("index.html"))
      return reply.redirect(`${root}${path}/${queryOf(request.url)}`, 301);
    const ctx = await contextOf(db, snapshot, request);
    const file = await siteFile(
      snapshot,
      `${path}${route?.page === "compare" ? queryOf(request.url) : ""}`,
      ctx,
    );
    if (!file) {
      const lang = path.split("/")[0]!;
      return reply
        .code(404)
        .type(HTML)
        .header("cache-control", "no-store")
        .send(renderPortalNotFound(snapshot, lang, root, ctx));
    }
    if (path.startsWith("downloads/") || /\/reports\//.test(path)) {
      const name = path.slice(path.lastIndexOf("/") + 1);
      const file = path.startsWith(`downloads/${slug}.`) ? name : `${slug}-${name}`;
      reply.header("content-disposition", `attachment; filename="${file}"`);
    }
    return sendCached(request, reply, file.body, file.contentType);
  });
}
