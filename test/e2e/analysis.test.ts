import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The robustness page and the portal, on the real server with the demo (each demo release has a
 * published analysis, version 1). The demo admin runs a new analysis of cpi-demo-2025-v1 from the
 * workspace, sees the progress bar and then the results (rank ranges, Sobol indices, leave-one-out),
 * publishes it, and finds it on the portal: rank ranges on the ranking, the robustness sentence on
 * a profile, the sensitivity chart on the methodology page, the draws' summary in the downloads.
 * axe in English and Arabic; the pages at 390 px. Screenshots go to SCREENSHOTS_DIR when set.
 */

const SHOTS = process.env.SCREENSHOTS_DIR;
const SLUG = "cpi-demo-2025-v1";

describe.skipIf(!canRunBrowser)("uncertainty analysis: workspace and portal (Chromium)", () => {
  let app: DemoAdminPage;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("analysis", problems, { timeout: 20_000 });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const shot = async (name: string) => {
    if (SHOTS) await app.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const loaded = () => app.page.waitForFunction(() => document.querySelector(".status--loading") === null);
  /** Whether each shown rank range "a–b" has its first character left of its last one, as laid out by Chromium. */
  const rangesReadLeftToRight = (selector: string) =>
    app.page.evaluate((sel) => {
      const edge = (node: Text, at: number) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      };
      return [...document.querySelectorAll(sel)]
        .map((el) => el.firstChild)
        .filter((node): node is Text => node instanceof Text && node.data.includes("–"))
        .map((node) => edge(node, 0) < edge(node, node.data.length - 1));
    }, selector);

  it("sets up and runs an analysis with a progress bar, shows its results and publishes it", async () => {
    const { page, server } = app;
    await visit(page, `${server.url}/analysis`);
    await page.getByRole("heading", { name: "How robust is the ranking?", level: 1 }).waitFor();
    await loaded();
    expect(await page.getByRole("navigation").getByRole("link", { name: "Robustness" }).count()).toBe(1);
    // The demo's own analysis of the 2025 release: version 1, published.
    const stored = page.locator("table.an-stored tbody tr");
    await stored.first().waitFor();
    expect(await stored.count()).toBe(1);
    expect(await stored.first().textContent()).toContain(SLUG);
    expect(await stored.first().textContent()).toContain("Published");

    await page.getByLabel("Number of calculations").fill("30000");
    await page.getByLabel("Random seed").fill("42");
    await page.getByRole("checkbox", { name: "Z-score" }).check();
    await page.getByRole("checkbox", { name: "Copeland outranking count" }).check();
    // The framework's other aggregation methods can be drawn too.
    await page.getByRole("checkbox", { name: "Minimum (no compensation)" }).check();
    expect(await page.getByRole("checkbox", { name: "Harmonic mean" }).count()).toBe(1);
    expect(await page.getByRole("checkbox", { name: "Weighted median" }).count()).toBe(1);
    await page.getByRole("button", { name: "Run the analysis" }).click();
    // The run goes in the background: a progress bar while it runs, the button disabled.
    const progress = page.getByRole("progressbar", { name: /Running: .* of .* calculations/ });
    await progress.waitFor();
    expect(Number(await progress.getAttribute("max"))).toBeGreaterThan(20_000);
    expect(await page.getByRole("button", { name: "Run the analysis" }).isDisabled()).toBe(true);
    await shot("analysis-running-en");
    await page.getByText(`The analysis is stored as version 2 of ${SLUG}.`).waitFor({ timeout: 120_000 });
    expect(await stored.count()).toBe(2);

    // Its results: a rank range per country (nine in the 2025 release), Sobol indices, leave-one-out.
    await page.getByRole("heading", { name: `Results of ${SLUG}, version 2` }).waitFor();
    await loaded();
    const rows = page.locator("table.an-intervals tbody tr");
    expect(await rows.count()).toBe(9);
    const ranges = await page.locator("table.an-intervals .an-interval__value").allTextContents();
    expect(ranges.every((r) => /^\d+(–\d+)?$/.test(r))).toBe(true);
    const factors = await page.locator("table.an-sobol tbody th").allTextContents();
    expect(factors).toEqual(expect.arrayContaining(["Normalisation", "Aggregation"]));
    expect(await page.locator("table.an-loo tbody tr").count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(page, "robustness page with results (EN)");
    await shot("analysis-results-en");

    const mine = stored.filter({ hasText: "Not published" });
    expect(await mine.count()).toBe(1);
    await mine.getByRole("button", { name: /^Publish on the portal/ }).click();
    await expect.poll(() => stored.filter({ hasText: "Not published" }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 180_000);

  it("shows the published analysis on the portal: ranking, profile, methodology, downloads", async () => {
    const { page, server } = app;
    await visit(page, `${server.url}/portal/${SLUG}/en/`);
    const ranking = page.locator("table.ranking");
    expect(await ranking.locator("thead").textContent()).toContain("Rank range");
    expect(await ranking.locator(".rankint").count()).toBe(9);
    expect(await page.locator(".chart__note").filter({ hasText: "Rank range:" }).textContent()).toMatch(
      /in 90% of [\d,]+ alternative calculations/,
    );
    await expectNoSeriousViolations(page, "portal ranking with rank ranges (EN)");
    await shot("portal-ranking-en");

    await visit(page, `${server.url}/portal/${SLUG}/en/countries/ge/`);
    expect(await page.locator("#rank-robustness").textContent()).toMatch(
      /^Georgia's rank \(\d+\) (is robust|is fairly robust|depends on methodological choices)/,
    );
    await visit(page, `${server.url}/portal/${SLUG}/en/methodology/`);
    await page.locator("#sensitivity-chart").waitFor();
    expect(await page.locator("#robustness").textContent()).toContain("Random seed");
    expect(await page.locator("#robustness").textContent()).toContain("42");
    await shot("portal-methodology-en");

    const summary = (await (
      await page.request.get(`${server.url}/portal/${SLUG}/downloads/${SLUG}.uncertainty.json`)
    ).json()) as { analysisVersion: number; settings: { seed: number }; countries: unknown[] };
    expect(summary).toMatchObject({ analysisVersion: 2, settings: { seed: 42 } });
    expect(summary.countries).toHaveLength(9);
    const csv = await page.request.get(`${server.url}/portal/${SLUG}/downloads/${SLUG}.uncertainty.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\r\n")[0]).toContain("p5_rank,p95_rank");

    // Arabic, right to left: the ranking and the profile.
    await visit(page, `${server.url}/portal/${SLUG}/ar/`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await page.locator("table.ranking .rankint").count()).toBe(9);
    // A range reads low to high, left to right, inside the right-to-left page (not "3–1").
    const portalRanges = await rangesReadLeftToRight("table.ranking .rank-range");
    expect(portalRanges.length).toBeGreaterThan(0);
    expect(portalRanges.every(Boolean)).toBe(true);
    await expectNoSeriousViolations(page, "portal ranking with rank ranges (AR)");
    await shot("portal-ranking-ar");
    await visit(page, `${server.url}/portal/${SLUG}/ar/countries/ge/`);
    expect(await page.locator("#rank-robustness").textContent()).toContain("ترتيب");
    await expectNoSeriousViolations(page, "portal profile with robustness (AR)");
    await visit(page, `${server.url}/portal/${SLUG}/ar/methodology/`);
    await expectNoSeriousViolations(page, "portal methodology with sensitivity (AR)");
    await shot("portal-methodology-ar");
    expect(problems).toEqual([]);
  }, 120_000);

  it("reads in Arabic and fits a 390 px phone", async () => {
    const { page, server } = app;
    await page.evaluate(() => window.localStorage.setItem("childmark.lang", "ar"));
    await visit(page, `${server.url}/analysis`);
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await loaded();
    await page.locator("table.an-stored tbody tr").first().waitFor();
    await page
      .locator("table.an-stored tbody tr")
      .first()
      .getByRole("button", { name: /^عرض النتائج/ })
      .click();
    await page.locator("table.an-intervals").waitFor();
    await loaded();
    const workspaceRanges = await rangesReadLeftToRight("table.an-intervals .rank-range");
    expect(workspaceRanges.length).toBeGreaterThan(0);
    expect(workspaceRanges.every(Boolean)).toBe(true);
    await expectNoSeriousViolations(page, "robustness page (AR)");
    await shot("analysis-results-ar");
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot("analysis-ar-390");
    await page.evaluate(() => window.localStorage.setItem("childmark.lang", "en"));
    for (const path of ["en/", "ar/", "en/methodology/", "en/countries/ge/"]) {
      await visit(page, `${server.url}/portal/${SLUG}/${path}`);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
    }
    await shot("portal-country-en-390");
    await visit(page, `${server.url}/portal/${SLUG}/ar/`);
    await shot("portal-ranking-ar-390");
    expect(problems).toEqual([]);
  }, 120_000);
});
