import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { FastifyInstance } from "fastify";

/** Answers shorter than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

const COMPRESSIBLE =
  /^(text\/(html|css|csv|plain|javascript|markdown)|application\/(json|javascript|xml|problem\+json)|image\/svg\+xml)\b/i;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = "br" | "gzip";

/**
 * The encoding to use for an `Accept-Encoding` header: brotli if accepted, else gzip, else none.
 * A coding given `q=0` is refused; `*` accepts both.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    weights.set(name!.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const accepted = (coding: Encoding) => (weights.get(coding) ?? weights.get("*") ?? 0) > 0;
  if (accepted("br")) return "br";
  if (accepted("gzip")) return "gzip";
  return undefined;
}

/** Adds `value` to a Vary header without repeating it. */
export function addVary(current: unknown, value: string): string {
  const names = String(current ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (names.includes("*") || names.some((n) => n.toLowerCase() === value.toLowerCase()))
    return names.join(", ");
  return [...names, value].join(", ");
}

/**
 * Compresses the dynamic answers (JSON, HTML, CSS, CSV, SVG…) of at least
 * COMPRESS_THRESHOLD_BYTES with brotli or gzip, as the request accepts. Streams (files, the
 * built web app, which is pre-compressed at build) are left to their own route. A strong ETag
 * becomes weak, since the bytes differ from the uncompressed answer's. Call it on the root
 * instance before the routes are registered.
 */
export function addCompression(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const type = String(reply.getHeader("content-type") ?? "");
    if (!COMPRESSIBLE.test(type) || reply.hasHeader("content-encoding")) return payload;
    reply.header("vary", addVary(reply.getHeader("vary"), "Accept-Encoding"));
    if (reply.statusCode === 204 || reply.statusCode === 304 || request.method === "HEAD") return payload;
    const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
    if (bytes.length < COMPRESS_THRESHOLD_BYTES) return payload;
    const encoding = chooseEncoding(request.headers["accept-encoding"]);
    if (!encoding) return payload;
    const compressed =
      encoding === "br"
        ? await brotli(bytes, {
            // Quality 5: most of brotli's gain at a small part of its cost on answers made per request.
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          })
        : await gzipAsync(bytes, { level: 6 });
    reply.header("content-encoding", encoding);
    reply.removeHeader("content-length");
    const etag = reply.getHeader("etag");
    if (typeof etag === "string" && !etag.startsWith("W/")) reply.header("etag", `W/${etag}`);
    return compressed;
  });
}
