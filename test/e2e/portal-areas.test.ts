import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetPaths, type PortalRoute, renderPortalPage, routePath } from "../../src/portal/render.tsx";
import { moldovaAreaShapes, withMoldovaAreas } from "../support/area-release-fixture.ts";
import { buildDemoReleases } from "../support/release-fixture.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * The portal's page of a country's areas, from a release fixture carrying Moldova's areas (until
 * publishing carries real ones) and the hand-made shapes: written as static files with the
 * portal's assets and opened in Chromium. The tables sort by a column heading (portal.js), the
 * map's areas link to their rows, axe finds nothing serious, and a 390 px phone does not scroll
 * sideways, in English and Arabic. Screenshots go to /tmp/s15-areas.
 */

const SHOTS = "/tmp/s15-areas";

describe.runIf(canRunBrowser)("the portal's page of a country's areas", () => {
  let browser: Browser;
  let page: Page;
  let root: string;
  const url = (route: PortalRoute) => pathToFileURL(join(root, routePath(route), "index.html")).href;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    root = mkdtempSync(join(tmpdir(), "childmark-areas-portal-"));
    const { second } = await buildDemoReleases();
    const snapshot = withMoldovaAreas(second);
    const ctx = {
      releases: [],
      languages: ["en", "fr", "ar"],
      mode: "static" as const,
      areaShapes: { MD: moldovaAreaShapes() },
    };
    for (const lang of ["en", "ar"]) {
      for (const page of ["country-areas", "country"] as const) {
        const route: PortalRoute = { page, lang, country: "md" };
        const file = join(root, routePath(route), "index.html");
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, renderPortalPage(snapshot, route, ctx)!);
      }
    }
    mkdirSync(join(root, "assets"), { recursive: true });
    copyFileSync("src/portal/assets/portal.css", join(root, assetPaths.css));
    copyFileSync("src/portal/assets/portal.js", join(root, assetPaths.js));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const rowIds = (level: number) =>
    page.locator(`#level-${level} tbody tr`).evaluateAll((rows) => rows.map((r) => r.id));

  it("sorts a table by a column heading, and links each area of the map to its row", async () => {
    await page.goto(url({ page: "country-areas", lang: "en", country: "md" }));
    expect(await rowIds(2)).toEqual([
      "area-md-ba",
      "area-md-or",
      "area-md-so",
      "area-md-un",
      "area-md-ca",
      "area-md-ga",
    ]);
    const heading = page.locator("#level-2 thead th").filter({ hasText: "Area" }).first();
    await heading.getByRole("button").click();
    expect(await heading.getAttribute("aria-sort")).toBe("ascending");
    expect(await rowIds(2)).toEqual([
      "area-md-ba",
      "area-md-ca",
      "area-md-ga",
      "area-md-or",
      "area-md-so",
      "area-md-un",
    ]);
    const score = page.locator("#level-2 thead th").filter({ hasText: "Overall score" }).first();
    await score.getByRole("button").click();
    await score.getByRole("button").click();
    expect(await score.getAttribute("aria-sort")).toBe("descending");
    // Gagauzia, without a score, stays last either way.
    expect((await rowIds(2)).at(-1)).toBe("area-md-ga");
    await page.screenshot({ path: `${SHOTS}/areas-en-desktop.png`, fullPage: true });
    await page.locator('#level-1 svg a[href="#area-md-cu"]').click();
    expect(new URL(page.url()).hash).toBe("#area-md-cu");
    await expectNoSeriousViolations(page, "the areas page in English");
  });

  for (const lang of ["en", "ar"]) {
    it(`fits a 390 px phone in ${lang}`, async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const p of ["country-areas", "country"] as const) {
        await page.goto(url({ page: p, lang, country: "md" }));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p} ${lang}`).toBeLessThanOrEqual(0);
      }
      await page.goto(url({ page: "country-areas", lang, country: "md" }));
      if (lang === "ar") expect(await page.getAttribute("html", "dir")).toBe("rtl");
      await page.screenshot({ path: `${SHOTS}/areas-${lang}-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${SHOTS}/areas-${lang}-desktop-full.png`, fullPage: true });
      await expectNoSeriousViolations(page, `the areas page in ${lang}`);
    });
  }
});
