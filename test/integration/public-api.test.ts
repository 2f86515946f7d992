import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReleaseSnapshot } from "../../src/core/index.ts";
import {
  ANSWERS_CSV_COLUMNS,
  SCORES_CSV_COLUMNS,
  SDMX_COLUMNS,
  sdmxId,
} from "../../src/core/publishing/downloads.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { CANARY, publishCanaryRelease } from "../support/canary.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { engineScores } from "../support/release-files.ts";
import type { PublishableCycle } from "../support/release-setup.ts";

const FORMATS = ["csv", "answers.csv", "xlsx", "json", "sdmx.csv"] as const;

describeEachDatabase("public API of releases", (database) => {
  let app: FastifyInstance;
  let cycle: PublishableCycle;
  let slug: string;
  let snapshot: ReleaseSnapshot;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-public-"));
    const { db } = database();
    await seedReference(db);
    // MD and GE validated, AM a draft; only MD is published.
    ({ cycle, slug } = await publishCanaryRelease(db));
    app = await buildApp({ database: database() });
    snapshot = JSON.parse((await app.inject(`/api/public/releases/${slug}/downloads/${slug}.json`)).body);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Every public URL of the release: the API routes and every download. */
  function publicUrls(): string[] {
    const base = `/api/public/releases/${slug}`;
    return [
      "/api/public/releases",
      base,
      ...cycle.framework.indicators.map((i) => `${base}/indicators/${encodeURIComponent(i.code)}`),
      ...["md", "ge", "am"].map((cc) => `${base}/countries/${cc}`),
      ...FORMATS.map((f) => `${base}/downloads/${slug}.${f}`),
      ...FORMATS.flatMap((f) => ["md", "ge", "am"].map((cc) => `${base}/downloads/countries/${cc}.${f}`)),
    ];
  }

  async function textOf(url: string): Promise<{ status: number; text: string }> {
    const res = await app.inject(url);
    if (url.endsWith(".xlsx") && res.statusCode === 200) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => {
          row.eachCell((cell) => {
            cells.push(String(cell.value));
          });
        }),
      );
      return { status: 200, text: cells.join("\n") };
    }
    return { status: res.statusCode, text: res.body };
  }

  it("publishes nothing that was not published: the canary is in no route and no download", async () => {
    const found: string[] = [];
    let crawled = 0;
    for (const url of publicUrls()) {
      const { status, text } = await textOf(url);
      if (status === 200) crawled++;
      if (text.includes("CANARY")) found.push(url);
    }
    expect(crawled).toBeGreaterThan(cycle.framework.indicators.length + 8);
    expect(found).toEqual([]);
    // The canary is really in the database (the crawl could have found it).
    expect(JSON.stringify(await textOf(`/api/public/releases/${slug}/countries/md`))).not.toContain(CANARY);
    const { db } = database();
    const { sql } = await import("drizzle-orm");
    const planted = await db.execute(
      sql`select count(*)::int as n from comments where body like ${`${CANARY}%`}`,
    );
    expect((planted as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
  });

  it("keeps only the published countries, the chosen assessments", async () => {
    expect(snapshot.countries.map((c) => c.code)).toEqual(["MD"]);
    expect((await app.inject(`/api/public/releases/${slug}/countries/ge`)).statusCode).toBe(404);
    expect((await app.inject(`/api/public/releases/${slug}/downloads/countries/am.csv`)).statusCode).toBe(
      404,
    );
  });

  it("answers with CORS, a strong ETag, 304 when unchanged, and cache headers", async () => {
    const url = `/api/public/releases/${slug}/countries/MD`;
    const first = await app.inject({ url, headers: { origin: "https://news.example" } });
    expect(first.statusCode).toBe(200);
    expect(first.headers["access-control-allow-origin"]).toBe("*");
    expect(first.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    const again = await app.inject({ url, headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    const other = await app.inject({ url, headers: { "if-none-match": '"something-else"' } });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);

    const list = await app.inject("/api/public/releases");
    expect(list.headers["cache-control"]).toBe("public, max-age=300");
    expect(list.headers["access-control-allow-origin"]).toBe("*");
    expect(
      (
        await app.inject({
          url: "/api/public/releases",
          headers: { "if-none-match": list.headers.etag as string },
        })
      ).statusCode,
    ).toBe(304);

    const preflight = await app.inject({
      method: "OPTIONS",
      url,
      headers: { origin: "https://news.example", "access-control-request-method": "GET" },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers["access-control-allow-methods"]).toContain("GET");

    const csv = await app.inject(`/api/public/releases/${slug}/downloads/${slug}.csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="${slug}.csv"`);
  });

  it("answers 404 (naming what) for an unknown release, country, indicator or file", async () => {
    for (const url of [
      "/api/public/releases/no-such-release",
      "/api/public/releases/no-such-release/countries/md",
      `/api/public/releases/${slug}/countries/zz`,
      `/api/public/releases/${slug}/indicators/no-such-indicator`,
      `/api/public/releases/${slug}/downloads/other.csv`,
      `/api/public/releases/${slug}/downloads/${slug}.pdf`,
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error, url).toMatch(/no |not in/);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves the release, a country and an indicator as documented in the OpenAPI", async () => {
    const release = (await app.inject(`/api/public/releases/${slug}`)).json();
    expect(release.release.slug).toBe(slug);
    expect(release.countries).toEqual([
      expect.objectContaining({ code: "MD", overall: expect.objectContaining({ rank: 1 }) }),
    ]);
    expect(release.downloads.csv).toBe(`/api/public/releases/${slug}/downloads/${slug}.csv`);
    const country = (await app.inject(`/api/public/releases/${slug}/countries/md`)).json();
    expect(country.country.name.en).toBe("Moldova");
    expect(country.answers.length).toBeGreaterThan(100);
    expect(country.answers.some((a: { evidence: unknown[] }) => a.evidence.length)).toBe(true);
    expect(country.trend).toHaveLength(1);
    const code = cycle.framework.indicators[0]!.code;
    const indicator = (await app.inject(`/api/public/releases/${slug}/indicators/${code}`)).json();
    expect(indicator.indicator.code).toBe(code);
    expect(indicator.answers[0].evidence[0].citation).toContain("Law on the rights of the child");
    const doc = (await app.inject("/api/docs/json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/public/releases",
        "/api/public/releases/{slug}",
        "/api/public/releases/{slug}/countries/{code}",
        "/api/public/releases/{slug}/indicators/{code}",
        "/api/public/releases/{slug}/downloads/{file}",
      ]),
    );
  });

  it("the answers CSV and the XLSX carry each published answer with its value, meaning and sources", async () => {
    const rows = parse(
      (await app.inject(`/api/public/releases/${slug}/downloads/${slug}.answers.csv`)).body,
      {
        columns: true,
        bom: true,
      },
    ) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...ANSWERS_CSV_COLUMNS]);
    expect(rows).toHaveLength(snapshot.answers.length);
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(["MD"]));
    const published = new Map(snapshot.answers.map((a) => [a.indicator, a]));
    for (const row of rows) {
      const answer = published.get(row.indicator!)!;
      expect(row.value).toBe(String(answer.value));
      expect(Number(row.source_count)).toBe(answer.evidence.length);
      expect(row.question).not.toBe("");
    }
    const cited = rows.filter((r) => r.sources!.includes("Law on the rights of the child"));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited[0]!.sources).toContain("(2025-03-01)");
    const checklist = rows.find((r) => r.value === "yes");
    if (checklist) expect(checklist.value_label).toBe("Yes");
    // One country: the same rows for MD, none for a country not published.
    const md = (await app.inject(`/api/public/releases/${slug}/downloads/countries/md.answers.csv`)).body;
    expect((parse(md, { columns: true, bom: true }) as unknown[]).length).toBe(rows.length);
    expect(
      (await app.inject(`/api/public/releases/${slug}/downloads/countries/am.answers.csv`)).statusCode,
    ).toBe(404);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await app.inject(`/api/public/releases/${slug}/downloads/${slug}.xlsx`))
        .rawPayload as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet("Answers")!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(expect.arrayContaining(["Answer", "Meaning", "Comment", "Sources", "Evidence"]));
    const evidence = head.indexOf("Evidence") + 1;
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(String(row.getCell(evidence).value ?? ""));
    });
    expect(cells.some((c) => c.includes("Law on the rights of the child"))).toBe(true);
  });

  it("downloads parse back to the engine's numbers (CSV, XLSX, SDMX-CSV, JSON, API)", async () => {
    // Score the answers of the JSON download again with the core engine.
    const engine = engineScores(snapshot);
    expect(engine.size).toBeGreaterThan(150);
    const check = (source: string, got: Map<string, number | null>) => {
      expect(got.size, source).toBe(engine.size);
      for (const [key, score] of engine) expect(got.get(key), `${source} ${key}`).toBe(score);
    };
    const num = (v: string) => (v === "" ? null : Number(v));

    for (const path of [`${slug}.csv`, "countries/md.csv"]) {
      const rows = parse((await app.inject(`/api/public/releases/${slug}/downloads/${path}`)).body, {
        columns: true,
        bom: true,
      }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual([...SCORES_CSV_COLUMNS]);
      check(path, new Map(rows.map((r) => [`${r.country} ${r.item}`, num(r.score!)])));
    }

    const sdmx = parse((await app.inject(`/api/public/releases/${slug}/downloads/${slug}.sdmx.csv`)).body, {
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(sdmx[0]!)).toEqual([...SDMX_COLUMNS]);
    expect(sdmx[0]!.DATAFLOW).toMatch(/^CHILDMARK:CPI_DEMO_[0-9A-F]+\(1\.0\)$/i);
    expect(new Set(sdmx.map((r) => r.TIME_PERIOD))).toEqual(new Set(["2026"]));
    const items = new Map(snapshot.scores.map((s) => [sdmxId(s.item), s.item]));
    check("sdmx", new Map(sdmx.map((r) => [`${r.REF_AREA} ${items.get(r.INDICATOR!)}`, num(r.OBS_VALUE!)])));

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await app.inject(`/api/public/releases/${slug}/downloads/${slug}.xlsx`))
        .rawPayload as unknown as ArrayBuffer,
    );
    expect(book.worksheets.map((s) => s.name)).toEqual(["Scores", "Answers", "Indicators", "About"]);
    const xlsx = new Map<string, number | null>();
    book.getWorksheet("Scores")!.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.getCell(6).value;
      xlsx.set(`${row.getCell(1).value} ${row.getCell(3).value}`, v === null || v === "" ? null : Number(v));
    });
    check("xlsx", xlsx);
    expect(book.getWorksheet("Answers")!.rowCount - 1).toBe(snapshot.answers.length);

    const api = (await app.inject(`/api/public/releases/${slug}/countries/md`)).json() as {
      scores: { item: string; score: number | null }[];
    };
    check("api", new Map(api.scores.map((s) => [`MD ${s.item}`, s.score])));
    const country = JSON.parse(
      (await app.inject(`/api/public/releases/${slug}/downloads/countries/md.json`)).body,
    );
    expect(country.scores).toEqual(snapshot.scores.filter((s) => s.country === "MD"));
  });
});
