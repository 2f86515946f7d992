import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { implementationAssessments, recommendations } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { closeChromium } from "../../src/server/reports/chromium.ts";
import { publishTracking } from "../../src/server/tracking/publish-tracking.ts";
import { CANARY, hasPdftotext, publishCanaryRelease, readableTexts } from "../support/canary.ts";
import { plantPortalVoices } from "../support/children-factories.ts";
import { describeEachDatabase } from "../support/databases.ts";
import type { PublishableCycle } from "../support/release-setup.ts";
import { type CrawlResult, crawl } from "../support/static-crawl.ts";

/*
 * The issue's canary, over the LIVE portal: a string planted in drafts,
 * comments, rework reasons, removed evidence, history, workflow notes, a stale
 * justification, a validated assessment that is not published and the
 * publisher's name must appear on no page (every page type in every
 * language), no download and no report (PDF text and DOCX XML included) that
 * a reader can reach by following links from /portal/, nor in the public API.
 */
describeEachDatabase("the live portal publishes nothing unpublished", (database) => {
  let app: FastifyInstance;
  let base: string;
  let cycle: PublishableCycle;
  let slug: string;
  let result: CrawlResult;
  let voices: Awaited<ReturnType<typeof plantPortalVoices>>;
  /** Every non-HTML file the crawl reached, with its bytes. */
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-portal-canary-"));
    const { db } = database();
    await seedReference(db);
    // MD and GE validated, AM a draft; only MD is published.
    ({ cycle, slug } = await publishCanaryRelease(db, "First release of the portal canary test."));
    // Children's consultations about the first indicator: one published, two not (canary inside).
    voices = await plantPortalVoices(db, cycle.framework.indicators[0]!.code, CANARY);
    // A published tracking of a recommendation to MD, then a newer assessment that is not published.
    const [rec] = await db
      .insert(recommendations)
      .values({
        mechanism: "upr",
        stateCode: "MD",
        stateName: "Moldova",
        session: "54",
        cycle: "4",
        documentSymbol: "A/HRC/54/MD",
        paragraph: "120.7",
        issuedOn: "2027-03-01",
        uncrcArticles: ["19"],
        text: { en: "Prohibit corporal punishment in all settings" },
        importKey: "portal-canary-md",
      })
      .returning({ id: recommendations.id });
    await db.insert(implementationAssessments).values({
      recommendationId: rec!.id,
      status: "in_progress",
      assessedByKind: "coalition",
      assessedOn: "2027-06-01",
      evidenceText: "Published follow-up evidence: a draft law is in Parliament.",
      evidenceUrl: "https://example.org/draft-law",
    });
    await publishTracking(db, { country: "MD", notes: "First follow-up" });
    await db.insert(implementationAssessments).values({
      recommendationId: rec!.id,
      status: "regressed",
      assessedByKind: "coalition",
      assessedOn: "2027-09-01",
      evidenceText: `${CANARY} unpublished follow-up evidence`,
    });
    app = await buildApp({ database: database() });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    result = await crawl(`${base}/portal/`);
    for (const [url, status] of result.visited) {
      if (status !== 200 || result.pages.has(url)) continue;
      files.set(url, Buffer.from(await (await fetch(url)).arrayBuffer()));
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await closeChromium();
  });

  const paths = () => [...result.visited.keys()].map((u) => new URL(u).pathname);

  it("reaches every page type in every language, every download and every report, with no 404 or 500", () => {
    const broken = [...result.visited].filter(([, status]) => status >= 400);
    expect(broken).toEqual([]);
    const root = `/portal/${slug}/`;
    const reached = paths();
    for (const lang of ["en", "fr", "ar"]) {
      for (const page of [
        "",
        "compare/",
        "indicators/",
        `indicators/${encodeURIComponent(cycle.framework.indicators[0]!.code)}/`,
        "methodology/",
        "downloads/",
        "releases/",
        "countries/md/",
      ])
        expect(reached).toContain(`${root}${lang}/${page}`);
      expect(reached.some((p) => p.startsWith(`${root}${lang}/embed/`))).toBe(true);
      for (const report of ["md.pdf", "md.docx", "regional.pdf", "regional.docx"])
        expect(reached).toContain(`${root}${lang}/reports/${report}`);
    }
    for (const format of ["csv", "answers.csv", "xlsx", "json", "sdmx.csv"]) {
      expect(reached).toContain(`${root}downloads/${slug}.${format}`);
      expect(reached).toContain(`${root}downloads/countries/md.${format}`);
    }
    // Every indicator page of every language.
    expect(result.pages.size).toBeGreaterThan(3 * cycle.framework.indicators.length);
  });

  it("shows what children said in the published consultation only, with its figures", () => {
    const code = encodeURIComponent(cycle.framework.indicators[0]!.code);
    const pages = [`/portal/${slug}/en/indicators/${code}/`, `/portal/${slug}/en/countries/md/`];
    for (const path of pages) {
      const html = [...result.pages].find(([url]) => new URL(url).pathname === path)?.[1] ?? "";
      const said = html.slice(html.indexOf('id="children-said"'));
      expect(said, path).toContain(voices.published.title);
      expect(said, path).toContain(`${voices.published.children} children answered`);
      expect(said, path).toContain("67%");
      for (const n of voices.hidden) expect(said, path).not.toContain(`${n} children`);
    }
  });

  it("shows the last review's follow-up card and the implementation series from the published tracking only", async () => {
    for (const lang of ["en", "fr", "ar"]) {
      const path = `/portal/${slug}/${lang}/countries/md/`;
      const html = [...result.pages].find(([url]) => new URL(url).pathname === path)?.[1] ?? "";
      const card = html.slice(html.indexOf('id="follow-up"'), html.indexOf('id="implementation-over-time"'));
      expect(card, lang).toContain("Published follow-up evidence: a draft law is in Parliament.");
      expect(card, lang).toContain("fu-status--in_progress");
      expect(card, lang).not.toContain("fu-status--regressed");
      expect(card, lang).toContain("A/HRC/54/MD");
      expect(html, lang).toContain('id="implementation-over-time"');
      if (lang === "ar") expect(html).toMatch(/<html[^>]* dir="rtl"/);
    }
    const en = [...result.pages].find(
      ([url]) => new URL(url).pathname === `/portal/${slug}/en/countries/md/`,
    )![1];
    expect(en).toContain("Follow-up of the last UN review of Moldova");
    const fr = [...result.pages].find(
      ([url]) => new URL(url).pathname === `/portal/${slug}/fr/countries/md/`,
    )![1];
    expect(fr).toContain("Évaluation de la coalition");
    const ar = [...result.pages].find(
      ([url]) => new URL(url).pathname === `/portal/${slug}/ar/countries/md/`,
    )![1];
    expect(ar).toContain("تقييم الائتلاف");
    expect(paths()).toContain(`/portal/${slug}/downloads/tracking/md.implementation.csv`);
    const csv = (
      await (await fetch(`${base}/portal/${slug}/downloads/tracking/md.implementation.csv`)).text()
    ).split("\r\n");
    expect(csv[0]).toContain("country,version,slug,published_on,recommendations,not_started,in_progress");
    expect(csv[1]).toMatch(/^MD,1,md-tracking-v1,\d{4}-\d{2}-\d{2},1,0,1,0,0,0,0$/);
  });

  it("shows the canary on no page", () => {
    const found = [...result.pages].filter(([, html]) => html.includes("CANARY")).map(([url]) => url);
    expect(found).toEqual([]);
  });

  it("puts the canary in no download or report (bytes, DOCX XML, XLSX cells, PDF text)", async () => {
    expect(files.size).toBeGreaterThanOrEqual(8 + 12);
    const found: string[] = [];
    let pdfs = 0;
    for (const [url, body] of files) {
      const texts = await readableTexts(new URL(url).pathname, body);
      if (texts.some((t) => t.includes("CANARY"))) found.push(url);
      if (url.endsWith(".pdf")) {
        pdfs++;
        expect(body.subarray(0, 5).toString(), url).toBe("%PDF-");
        // pdftotext really reads the report: Moldova is named in every one of them.
        if (hasPdftotext && /md\.pdf$/.test(url))
          expect(texts.at(-1), url).toMatch(/Moldova|Moldavie|مولدوفا/);
      }
    }
    expect(pdfs).toBe(6);
    expect(found).toEqual([]);
  });

  it("puts the canary in no public API answer", async () => {
    const api = `${base}/api/public/releases`;
    const urls = [
      api,
      `${api}/${slug}`,
      `${api}/${slug}/countries/md`,
      ...cycle.framework.indicators
        .slice(0, 10)
        .map((i) => `${api}/${slug}/indicators/${encodeURIComponent(i.code)}`),
      `${base}/api/public/children/voices`,
      ...cycle.framework.indicators
        .slice(0, 3)
        .map((i) => `${base}/api/public/children/indicators/${encodeURIComponent(i.code)}?country=md`),
      // Published plans: none here, and never an unpublished one.
      `${base}/api/public/plans`,
      ...["en", "fr", "ar"].map((l) => `${base}/portal/plans/?lang=${l}`),
    ];
    for (const url of urls) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(await res.text(), url).not.toContain("CANARY");
    }
  });

  it("had the canary to find: it is in the database, in unpublished places", async () => {
    const { db } = database();
    const count = async (query: ReturnType<typeof sql>) =>
      ((await db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    expect(await count(sql`select count(*)::int as n from comments where body like ${`${CANARY}%`}`)).toBe(2);
    expect(
      await count(sql`select count(*)::int as n from answers where justification like ${`${CANARY}%`}`),
    ).toBe(3);
    expect(await count(sql`select count(*)::int as n from users where name like ${`${CANARY}%`}`)).toBe(2);
  });
});
