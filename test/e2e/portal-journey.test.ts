import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReleaseSnapshot } from "../../src/core/index.ts";
import { translate } from "../../src/portal/i18n/translate.ts";
import type { CycleDetail } from "../../src/server/api-schemas/cycles.ts";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { csvScores, engineScores, type ScoreMap, sdmxScores, xlsxScores } from "../support/release-files.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * The proof, in Chromium on the real server with the CPI demo (which
 * publishes 2023 v1 and 2025 v1): the demo admin publishes a correction of
 * 2025 through the API; then every page type of the new release is visited in
 * English, French and Arabic (heading, lang and dir, the language switch
 * leads to the same page, axe finds no serious or critical problem); the
 * compare picker works from the keyboard; each download format is taken
 * through the page's links and parsed back (the numbers equal the engine's);
 * the country and regional PDFs are rendered to PNG with pdftoppm; the DOCX
 * holds the country's name and score. Screenshots of every page type in
 * English and Arabic go to /tmp/portal-journey-shots/ to be looked at.
 */
const SHOTS = "/tmp/portal-journey-shots";
const LANGS = ["en", "fr", "ar"] as const;
const COUNTRY = "GE";
const COUNTRY_NAMES: Record<string, string> = { en: "Georgia", fr: "Géorgie", ar: "جورجيا" };
const DEMO_TITLE = (
  JSON.parse(readFileSync(join(import.meta.dirname, "../../examples/cpi-demo/framework.json"), "utf8")) as {
    title: Record<string, string>;
  }
).title;

describe.skipIf(!canRunBrowser)("the public portal of a release (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let dataDir: string;
  let slug: string;
  let root: string;
  let downloadsDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-portal-"));
    downloadsDir = mkdtempSync(join(tmpdir(), "childmark-e2e-portal-files-"));
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ port: 0, dataDir, databaseUrl: "", demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    context = await browser.newContext({
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    for (const dir of [dataDir, downloadsDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  it("the demo admin publishes a correction of the 2025 release through the API", async () => {
    const login = server.demoLogin!;
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: login.email, password: login.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cycles = (await (
      await fetch(`${server.url}/api/cycles`, { headers: { cookie } })
    ).json()) as CycleDetail[];
    const cycle = cycles.find((c) => c.period === "2025")!;
    const published = await fetch(`${server.url}/api/cycles/${cycle.id}/releases`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({ notes: "Correction: a source of the 2025 answers was re-checked." }),
    });
    expect(published.status).toBe(201);
    const release = (await published.json()) as { slug: string; version: number; supersedes: string };
    expect(release).toMatchObject({ version: 2, supersedes: "cpi-demo-2025-v1" });
    slug = release.slug;
    root = `${server.url}/portal/${slug}/`;

    // The portal lists it first, and the index's "latest" address leads to it.
    const page = await newPage();
    await page.goto(`${server.url}/portal/`);
    await expect(page.locator("main a[href]").first().getAttribute("href")).resolves.toContain(slug);
    await page.goto(`${server.url}/portal/cpi-demo/latest/en/`);
    expect(page.url()).toBe(`${root}en/`);
    await page.close();
  });

  /** Every page type, relative to a language folder, with the heading it must show. */
  function pageTypes(lang: string) {
    const indicator = "cv.01";
    const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) =>
      translate(lang, key, vars);
    return [
      // The framework has no Arabic title: English, its default language, stands in.
      { type: "home", path: "", heading: DEMO_TITLE[lang] ?? DEMO_TITLE.en! },
      {
        type: "country",
        path: "countries/ge/",
        heading: t("countryTitle", { country: COUNTRY_NAMES[lang]! }),
      },
      { type: "compare", path: "compare/", heading: t("compareTitle") },
      { type: "indicators", path: "indicators/", heading: t("indicatorsTitle") },
      {
        type: "indicator",
        path: `indicators/${indicator}/`,
        heading: new RegExp(`^${indicator.replaceAll(".", "\\.")}\\s`),
      },
      { type: "methodology", path: "methodology/", heading: t("methodologyTitle") },
      { type: "downloads", path: "downloads/", heading: t("downloadsTitle") },
      { type: "releases", path: "releases/", heading: t("releasesTitle") },
      { type: "embed", path: "embed/map/", heading: t("mapTitle") },
    ];
  }

  for (const lang of LANGS)
    it(`shows every page type in ${lang}: heading, lang and dir, language switch, no serious axe violation`, async () => {
      expect(slug, "published by the first test").toBeTruthy();
      const page = await newPage();
      for (const { type, path, heading } of pageTypes(lang)) {
        const url = `${root}${lang}/${path}`;
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(200);
        const h1 = ((await page.locator("h1").first().textContent()) ?? "").replace(/\s+/g, " ").trim();
        if (typeof heading === "string") expect(h1, url).toBe(heading);
        else expect(h1, url).toMatch(heading);
        expect(await page.getAttribute("html", "lang"), url).toBe(lang);
        expect(await page.getAttribute("html", "dir"), url).toBe(lang === "ar" ? "rtl" : "ltr");
        await expectNoSeriousViolations(page, `${type} (${lang})`);
        if (lang !== "fr") await page.screenshot({ path: `${SHOTS}/${type}-${lang}.png`, fullPage: true });
        if (type === "embed") continue; // an embed is one chart, with no site header
        // The switch offers the same page in every other language; following the next one leads there.
        for (const other of LANGS.filter((l) => l !== lang)) {
          const href = await page.locator(`nav.lang-switch a[hreflang="${other}"]`).getAttribute("href");
          expect(new URL(href!, url).href, `${url} → ${other}`).toBe(`${root}${other}/${path}`);
        }
        const next = LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length]!;
        await page.locator(`nav.lang-switch a[hreflang="${next}"]`).click();
        await page.waitForURL(`${root}${next}/${path}`);
        expect(await page.getAttribute("html", "lang")).toBe(next);
      }
      await page.close();
    });

  it("compares countries with the keyboard: Space on a country's box hides its column", async () => {
    const page = await newPage();
    await page.goto(`${root}en/compare/`);
    const box = page.locator('form[data-compare-picker] input[name="c"][value="ge"]');
    await expect(box.isChecked()).resolves.toBe(true);
    const column = page.locator('th[data-cc="ge"]').first();
    await expect(column.isVisible()).resolves.toBe(true);
    // Tab from the top of the page until Georgia's box has the focus.
    let tabs = 0;
    while (!(await box.evaluate((el) => el === document.activeElement))) {
      await page.keyboard.press("Tab");
      if (++tabs > 80) throw new Error("Tab never reached Georgia's box in the compare picker");
    }
    await page.keyboard.press("Space");
    await expect(box.isChecked()).resolves.toBe(false);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-cc="ge"]')].every((el) => (el as HTMLElement).hidden),
    );
    expect(await column.isVisible()).toBe(false);
    expect(await page.locator('th[data-cc="am"]').first().isVisible()).toBe(true);
    expect(page.url()).toMatch(/#c=[a-z,]+$/);
    expect(page.url()).not.toContain("ge");
    await page.keyboard.press("Space");
    await expect(column.isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, "compare after unchecking");
    await page.close();
  });

  /** Clicks a link of the page and returns the downloaded file. */
  async function download(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
    const link = page.locator(selector);
    await expect(link.count(), selector).resolves.toBe(1);
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const path = join(downloadsDir, file.suggestedFilename());
    await file.saveAs(path);
    return { name: file.suggestedFilename(), body: readFileSync(path) };
  }

  it("downloads every format through the page's links; the numbers are the engine's", async () => {
    const page = await newPage();
    await page.goto(`${root}en/downloads/`);
    const json = await download(page, `a[href$="downloads/${slug}.json"]`);
    const snapshot = JSON.parse(json.body.toString("utf8")) as ReleaseSnapshot;
    expect(snapshot.release.slug).toBe(slug);
    expect(snapshot.countries).toHaveLength(9);
    // Article 20 takes an unanswered question from the country's previous cycle: the engine reads
    // the comparison (2023) release's public answers too, as publishing did.
    const comparison = snapshot.release.comparison!;
    const earlier = [
      (await (
        await fetch(`${server.url}/api/public/releases/${comparison.slug}/downloads/${comparison.slug}.json`)
      ).json()) as ReleaseSnapshot,
    ];
    expect(snapshot.scores.some((s) => s.imputed)).toBe(true);
    const engine = engineScores(snapshot, undefined, earlier);
    expect(engine.size).toBeGreaterThan(9 * 100);
    const expectEngine = (source: string, got: ScoreMap, expected: ScoreMap) => {
      expect(got.size, source).toBe(expected.size);
      for (const [key, score] of expected) expect(got.get(key), `${source} ${key}`).toBe(score);
    };
    const release = async (format: string) =>
      (await download(page, `a[href$="downloads/${slug}.${format}"]`)).body;
    expectEngine("release CSV", csvScores((await release("csv")).toString("utf8")), engine);
    expectEngine("release XLSX", await xlsxScores(await release("xlsx")), engine);
    expectEngine(
      "release SDMX-CSV",
      sdmxScores((await release("sdmx.csv")).toString("utf8"), snapshot),
      engine,
    );

    const name = "Georgia";
    const country = async (format: string) =>
      (
        await download(
          page,
          `a[href$="downloads/countries/ge.${format}"][aria-label="${name} ${format === "sdmx.csv" ? "SDMX-CSV" : format.toUpperCase()}"]`,
        )
      ).body;
    const georgia = engineScores(snapshot, [COUNTRY], earlier);
    expectEngine("Georgia CSV", csvScores((await country("csv")).toString("utf8")), georgia);
    expectEngine("Georgia XLSX", await xlsxScores(await country("xlsx")), georgia);
    expectEngine(
      "Georgia SDMX-CSV",
      sdmxScores((await country("sdmx.csv")).toString("utf8"), snapshot),
      georgia,
    );
    const countryJson = JSON.parse((await country("json")).toString("utf8")) as ReleaseSnapshot;
    expect(countryJson.scores).toEqual(snapshot.scores.filter((s) => s.country === COUNTRY));
    expect(problems).toEqual([]);

    // Reports: PDF pages rendered to PNG, DOCX text read back.
    const rootNode = snapshot.framework.nodes.find((n) => n.parent === null)!.code;
    const overall = snapshot.scores.find((s) => s.country === COUNTRY && s.item === rootNode)!.score!;
    const reports = [
      { label: `${name} PDF`, png: "report-ge-en" },
      { label: `${name} DOCX`, png: null },
    ];
    for (const { label, png } of reports) {
      const file = await download(page, `a[aria-label="${label}"]`);
      if (png) expectPdfPage(file.body, png);
      else await expectDocx(file.body, name, overall.toFixed(snapshot.framework.precision));
    }
    const regionalPdf = await download(page, 'a[href$="reports/regional.pdf"]');
    expectPdfPage(regionalPdf.body, "report-regional-en");
    // An Arabic country report too: right-to-left print.
    await page.goto(`${root}ar/downloads/`);
    const arabic = await download(page, `a[aria-label="${COUNTRY_NAMES.ar} PDF"]`);
    expectPdfPage(arabic.body, "report-ge-ar");
    await page.close();
  }, 120_000);

  it("reported no script or console error on any page", () => {
    expect(problems).toEqual([]);
  });
});

/** Renders a PDF's first page to PNG with pdftoppm (60 dpi) into the screenshots folder and checks it. */
function expectPdfPage(pdf: Buffer, name: string): void {
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const file = join(SHOTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", file, join(SHOTS, name)]);
  const png = [`${name}-1.png`, `${name}-01.png`].map((n) => join(SHOTS, n)).find((p) => exists(p));
  expect(png, `${name}: pdftoppm wrote no page`).toBeTruthy();
  const bytes = readFileSync(png!);
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  // An A4 page at 60 dpi is about 496 × 702 pixels; a blank page compresses to a few hundred bytes.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(400);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(600);
  expect(bytes.length).toBeGreaterThan(15_000);
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The DOCX's document.xml holds the country's name and its overall score. */
async function expectDocx(body: Buffer, country: string, score: string): Promise<void> {
  const xml = await (await JSZip.loadAsync(body)).file("word/document.xml")!.async("string");
  expect(xml).toContain(country);
  expect(xml).toContain(score);
}
