import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { addVary, chooseEncoding } from "../../src/server/app/compress.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser } from "../support/factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";

/*
 * Answers are compressed when the browser accepts it, and the bytes it reads back are the same:
 * dynamic JSON, HTML and CSV above 1 KB with brotli or gzip, the built web app from its
 * pre-compressed .br/.gz twins.
 */

function decode(encoding: string | undefined, bytes: Buffer): string {
  if (encoding === "br") return brotliDecompressSync(bytes).toString("utf8");
  if (encoding === "gzip") return gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

describe("choosing the encoding", () => {
  it("prefers brotli, falls back to gzip, and honours q=0", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0")).toBeUndefined();
    expect(chooseEncoding("identity")).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });

  it("adds to Vary without repeating a name", () => {
    expect(addVary(undefined, "Accept-Encoding")).toBe("Accept-Encoding");
    expect(addVary("Origin", "Accept-Encoding")).toBe("Origin, Accept-Encoding");
    expect(addVary("accept-encoding", "Accept-Encoding")).toBe("accept-encoding");
  });
});

describeEachDatabase("compressed answers", (database) => {
  let app: FastifyInstance;
  let slug = "";
  let webDir = "";
  const script = `console.log(${JSON.stringify("Childmark ".repeat(600))});\n`;
  const indexHtml = `<!doctype html><html><head><title>Childmark</title></head><body>${"<p>page</p>".repeat(200)}<div id="root"></div></body></html>`;

  beforeAll(async () => {
    // A built web app of two files, each with its twins as the build writes them.
    webDir = mkdtempSync(join(tmpdir(), "childmark-compress-"));
    mkdirSync(join(webDir, "assets"));
    for (const [name, text] of [
      ["index.html", indexHtml],
      ["assets/app.js", script],
    ] as const) {
      writeFileSync(join(webDir, name), text);
      writeFileSync(join(webDir, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(webDir, `${name}.gz`), gzipSync(text));
    }
    const previous = process.env.CHILDMARK_WEB_DIST;
    process.env.CHILDMARK_WEB_DIST = webDir;
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    if (previous === undefined) delete process.env.CHILDMARK_WEB_DIST;
    else process.env.CHILDMARK_WEB_DIST = previous;
    const cycle = await buildPublishableCycle(db, { countries: ["MD", "GE"], validated: ["MD", "GE"] });
    const user = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      assessmentIds: [cycle.assessments.MD!, cycle.assessments.GE!],
      userId: user.id,
    }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it("compresses JSON, portal HTML and CSV with brotli or gzip, and they read back the same", async () => {
    for (const url of [
      "/api/docs/json",
      `/portal/${slug}/en/`,
      `/api/public/releases/${slug}`,
      `/api/public/releases/${slug}/downloads/${slug}.csv`,
    ]) {
      const plain = await app.inject({ url });
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers["content-encoding"], url).toBeUndefined();
      expect(plain.rawPayload.length, url).toBeGreaterThan(1024);
      expect(String(plain.headers.vary), url).toContain("Accept-Encoding");
      for (const [accept, expected] of [
        ["gzip, deflate, br", "br"],
        ["gzip, deflate", "gzip"],
        ["br;q=0, gzip", "gzip"],
      ] as const) {
        const res = await app.inject({ url, headers: { "accept-encoding": accept } });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers["content-encoding"], `${url} ${accept}`).toBe(expected);
        expect(res.headers["content-type"], url).toBe(plain.headers["content-type"]);
        expect(res.rawPayload.length, url).toBeLessThan(plain.rawPayload.length);
        expect(decode(expected, res.rawPayload), url).toBe(plain.rawPayload.toString("utf8"));
      }
    }
  });

  it("leaves small answers as they are", async () => {
    const res = await app.inject({ url: "/api/health", headers: { "accept-encoding": "br, gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.json()).toBeTruthy();
  });

  it("keeps the public API's ETag usable: weak when compressed, 304 on If-None-Match, Vary on Origin too", async () => {
    const url = `/api/public/releases/${slug}`;
    const res = await app.inject({
      url,
      headers: { "accept-encoding": "br", origin: "https://news.example" },
    });
    expect(res.headers["content-encoding"]).toBe("br");
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect(String(res.headers.vary)).toMatch(/Accept-Encoding/);
    expect(String(res.headers.vary)).toMatch(/Origin/);
    const again = await app.inject({ url, headers: { "accept-encoding": "br", "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it("sends the web app's pre-compressed files, and the plain file to a browser that accepts neither", async () => {
    for (const [url, text] of [
      ["/assets/app.js", script],
      ["/work", indexHtml],
    ] as const) {
      const br = await app.inject({ url, headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(br.statusCode, url).toBe(200);
      expect(br.headers["content-encoding"], url).toBe("br");
      expect(decode("br", br.rawPayload), url).toBe(text);
      const gz = await app.inject({ url, headers: { "accept-encoding": "gzip" } });
      expect(gz.headers["content-encoding"], url).toBe("gzip");
      expect(decode("gzip", gz.rawPayload), url).toBe(text);
      const plain = await app.inject({ url });
      expect(plain.headers["content-encoding"], url).toBeUndefined();
      expect(plain.body, url).toBe(text);
    }
  });
});
