import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";
import { parseDownloadFileName } from "../../core/publishing/downloads.ts";
import { errorBody } from "../api-schemas/index.ts";
import { addVary } from "../app/compress.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { releaseDownload } from "../releases/downloads.ts";
import { findRelease, listReleases, onForgetReleases } from "../releases/read-release.ts";
import { countryResponse, indicatorResponse, PUBLIC_API, releaseResponse } from "./responses.ts";
import {
  publicCountry,
  publicCountryDownloadParams,
  publicCountryParams,
  publicDownloadParams,
  publicIndicator,
  publicIndicatorParams,
  publicRelease,
  publicReleaseListItem,
  publicSlugParams,
} from "./schemas.ts";

/** A response ready to send: its bytes (or JSON text), type and strong ETag. */
export interface Prepared {
  body: string | Buffer;
  contentType: string;
  etag: string;
  disposition?: string;
}

/** A release never changes: its answers may be cached by browsers and proxies for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** The list grows when a release is published. */
export const LIST = "public, max-age=300";
const CACHE_SIZE = 512;
const prepared = new WeakMap<Db, Map<string, Prepared>>();
onForgetReleases((db) => prepared.delete(db));

const etagOf = (body: string | Buffer) =>
  `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

export function prepareJson(schema: ZodType, value: unknown): Prepared {
  // Parsing drops any field the schema does not declare: only what is documented leaves.
  // Kept as bytes: sending it again costs no encoding.
  const body = Buffer.from(JSON.stringify(schema.parse(value)));
  return { body, contentType: "application/json; charset=utf-8", etag: etagOf(body) };
}

/** A file to download (CSV…), with its ETag and the name it is saved under. */
export function prepareFile(body: string | Buffer, contentType: string, fileName: string): Prepared {
  return { body, contentType, etag: etagOf(body), disposition: `attachment; filename="${fileName}"` };
}

/** Least-recently-used cache of prepared answers per database, keyed by slug and route. */
async function cached(db: Db, key: string, make: () => Promise<Prepared | null>): Promise<Prepared | null> {
  let cache = prepared.get(db);
  if (!cache) {
    cache = new Map();
    prepared.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = await make();
  if (made) {
    cache.set(key, made);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return made;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

export function send(request: FastifyRequest, reply: FastifyReply, p: Prepared, cacheControl: string) {
  reply.header("cache-control", cacheControl).header("etag", p.etag);
  if (matches(request.headers["if-none-match"], p.etag)) return reply.code(304).send();
  if (p.disposition) reply.header("content-disposition", p.disposition);
  return reply.type(p.contentType).send(p.body);
}

const notFound = (what: string) => new UserError(what, [], 404);

/**
 * The public, read-only API of releases (no sign-in, registered under /api): every answer comes
 * from a release snapshot, is the same for everyone, may be read from any site (CORS `*`), carries
 * a strong ETag (304 on `If-None-Match`) and cache headers; answers about one release are
 * immutable. Prepared answers are kept in memory (releases never change).
 */
export async function registerPublicApiRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["public"];
  const errors = { 400: errorBody, 404: errorBody };

  app.addHook("onSend", async (request, reply, payload) => {
    // Every public answer (releases, published trackings) may be read from any site.
    if (request.url.startsWith("/api/public/")) {
      reply.header("access-control-allow-origin", "*");
      reply.header("access-control-expose-headers", "ETag, Content-Disposition");
      reply.header("vary", addVary(reply.getHeader("vary"), "Origin"));
      if (reply.statusCode >= 400) reply.header("cache-control", "no-cache");
    }
    return payload;
  });

  api.options(
    "/public/*",
    { schema: { tags, summary: "CORS preflight of the public API", hide: true } },
    async (_request, reply) =>
      reply
        .code(204)
        .header("access-control-allow-methods", "GET, HEAD, OPTIONS")
        .header("access-control-allow-headers", "If-None-Match, Accept, Accept-Language")
        .header("access-control-max-age", "86400")
        .send(),
  );

  api.get(
    "/public/releases",
    {
      schema: {
        tags,
        summary: "Published releases, newest first (no sign-in)",
        response: { 200: z.array(publicReleaseListItem) },
      },
    },
    async (request, reply) => {
      const list = (await listReleases(db)).map((r) => ({
        ...r,
        url: `${PUBLIC_API}/${encodeURIComponent(r.slug)}`,
      }));
      return send(request, reply, prepareJson(z.array(publicReleaseListItem), list), LIST);
    },
  );

  api.get(
    "/public/releases/:slug",
    {
      schema: {
        tags,
        summary: "A release: its metadata, framework, countries with overall scores, regional averages",
        params: publicSlugParams,
        response: { 200: publicRelease, ...errors },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const p = await cached(db, `${slug}\u0000release`, async () => {
        const snapshot = await findRelease(db, slug);
        return snapshot && prepareJson(publicRelease, releaseResponse(snapshot));
      });
      if (!p) throw notFound(`no release ${slug}`);
      return send(request, reply, p, IMMUTABLE);
    },
  );

  api.get(
    "/public/releases/:slug/countries/:code",
    {
      schema: {
        tags,
        summary:
          "One country in a release: every score (with change), its answers with evidence, its trend across releases",
        params: publicCountryParams,
        response: { 200: publicCountry, ...errors },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const code = request.params.code.toUpperCase();
      const p = await cached(db, `${slug}\u0000country\u0000${code}`, async () => {
        const snapshot = await findRelease(db, slug);
        if (!snapshot) throw notFound(`no release ${slug}`);
        const body = countryResponse(snapshot, code);
        return body && prepareJson(publicCountry, body);
      });
      if (!p) throw notFound(`${code} is not in release ${slug}`);
      return send(request, reply, p, IMMUTABLE);
    },
  );

  api.get(
    "/public/releases/:slug/indicators/:code",
    {
      schema: {
        tags,
        summary: "One indicator in a release: its definition and every country's answer, evidence and score",
        params: publicIndicatorParams,
        response: { 200: publicIndicator, ...errors },
      },
    },
    async (request, reply) => {
      const { slug, code } = request.params;
      const p = await cached(db, `${slug}\u0000indicator\u0000${code}`, async () => {
        const snapshot = await findRelease(db, slug);
        if (!snapshot) throw notFound(`no release ${slug}`);
        const body = indicatorResponse(snapshot, code);
        return body && prepareJson(publicIndicator, body);
      });
      if (!p) throw notFound(`no indicator ${code} in release ${slug}`);
      return send(request, reply, p, IMMUTABLE);
    },
  );

  const download = async (slug: string, file: string, perCountry: boolean): Promise<Prepared> => {
    const p = await cached(
      db,
      `${slug}\u0000download\u0000${perCountry ? "countries/" : ""}${file}`,
      async () => {
        const snapshot = await findRelease(db, slug);
        if (!snapshot) throw notFound(`no release ${slug}`);
        const wanted = parseDownloadFileName(file, slug, perCountry);
        if (!wanted) return null;
        const d = await releaseDownload(snapshot, wanted);
        return prepareFile(d.body, d.contentType, d.fileName);
      },
    );
    if (!p)
      throw notFound(
        perCountry
          ? `no download ${file}: use {cc}.csv, .answers.csv, .xlsx, .json or .sdmx.csv`
          : `no download ${file}: use ${slug}.csv, .answers.csv, .xlsx, .json or .sdmx.csv`,
      );
    return p;
  };

  api.get(
    "/public/releases/:slug/downloads/:file",
    {
      schema: {
        tags,
        summary: "A download of the whole release: scores CSV, answers CSV, XLSX, JSON snapshot or SDMX-CSV",
        params: publicDownloadParams,
        response: { 200: z.any().describe("The file"), ...errors },
      },
    },
    async (request, reply) =>
      send(request, reply, await download(request.params.slug, request.params.file, false), IMMUTABLE),
  );

  api.get(
    "/public/releases/:slug/downloads/countries/:file",
    {
      schema: {
        tags,
        summary: "A download of one country of a release: scores CSV, answers CSV, XLSX, JSON or SDMX-CSV",
        params: publicCountryDownloadParams,
        response: { 200: z.any().describe("The file"), ...errors },
      },
    },
    async (request, reply) =>
      send(request, reply, await download(request.params.slug, request.params.file, true), IMMUTABLE),
  );
}
