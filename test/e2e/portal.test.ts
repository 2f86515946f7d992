import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReleaseSnapshot } from "../../src/core/index.ts";
import type { PortalContext } from "../../src/portal/context.ts";
import { parsePortalPath, portalRoutes, renderPortalPage, routePath } from "../../src/portal/render.tsx";
import { buildDemoReleases } from "../support/release-fixture.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * The portal's pages as a static host serves them (no application server, no
 * database): every page type in English and Arabic passes axe with no serious
 * or critical violation, the page's script raises no error, and the compare
 * picker and the language switch work from the keyboard alone.
 */
const ASSETS = new URL("../../src/portal/assets/", import.meta.url);

describe.skipIf(!canRunBrowser)("portal pages in Chromium (served as static files)", () => {
  let server: Server;
  let browser: Browser;
  let base: string;
  let snapshot: ReleaseSnapshot;
  const ctx: PortalContext = { releases: [], languages: ["en", "fr", "ar"], mode: "static" };
  const problems: string[] = [];

  beforeAll(async () => {
    ({ second: snapshot } = await buildDemoReleases());
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url!, "http://x").pathname).replace(/^\//, "");
      if (path === "assets/portal.css" || path === "assets/portal.js") {
        const type = path.endsWith(".css") ? "text/css" : "text/javascript";
        response.writeHead(200, { "content-type": type }).end(readFileSync(new URL(path.slice(7), ASSETS)));
        return;
      }
      // Like a static host, only the path counts: the compare page is one file for every choice.
      const route = parsePortalPath(path);
      const page = route && renderPortalPage(snapshot, route, ctx);
      if (!page) response.writeHead(404).end("not found");
      else response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => problems.push(`${path}: ${error.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${path}: ${m.text()}`);
    });
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    return page;
  }

  /** One route of each page type, in one language. */
  function oneOfEachKind(lang: string) {
    const seen = new Set<string>();
    return portalRoutes(snapshot, ctx).filter((r) => {
      if (r.page === "root" || r.lang !== lang || seen.has(r.page)) return false;
      seen.add(r.page);
      return true;
    });
  }

  for (const lang of ["en", "ar"]) {
    it(`has no serious or critical axe violation on any page type in ${lang}`, async () => {
      const routes = oneOfEachKind(lang);
      expect(routes.length).toBe(14);
      for (const route of routes) {
        const page = await open(routePath(route));
        await expect.poll(() => page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
        await expectNoSeriousViolations(page, `${routePath(route)}`);
        await page.close();
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }

  /** Presses Tab until the focused element matches `selector` (fails after `max` presses). */
  async function tabTo(page: Page, selector: string, max = 60) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  it("picks countries to compare with the keyboard, and keeps the choice in the address", async () => {
    const page = await open("en/compare/");
    const column = page.locator('.heatmap th[data-cc="ba"]');
    await expect(column.isVisible()).resolves.toBe(true);
    await tabTo(page, 'input[name="c"][value="ba"]');
    await page.keyboard.press("Space");
    await expect(column.isVisible()).resolves.toBe(false);
    expect(await page.locator('.answers-grid td[data-cc="ba"]').first().isVisible()).toBe(false);
    expect(new URL(page.url()).hash).toMatch(/^#c=[a-z,]+$/);
    expect(new URL(page.url()).hash).not.toContain("ba");
    // The same address, opened afresh (as from a bookmark on a static host), shows the same choice.
    const again = await open(`en/compare/${new URL(page.url()).hash}`);
    expect(await again.locator('.heatmap th[data-cc="ba"]').isVisible()).toBe(false);
    expect(await again.locator('.heatmap th[data-cc="md"]').isVisible()).toBe(true);
    await tabTo(again, "button[data-compare-all]");
    await again.keyboard.press("Enter");
    expect(await again.locator('.heatmap th[data-cc="ba"]').isVisible()).toBe(true);
    expect(new URL(again.url()).hash).toBe("");
    await page.close();
    await again.close();
  });

  it("switches language with the keyboard to the same page", async () => {
    const page = await open("en/countries/md/");
    await tabTo(page, '.lang-switch a[hreflang="ar"]');
    await Promise.all([page.waitForURL(/\/ar\/countries\/md\/$/), page.keyboard.press("Enter")]);
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.textContent("h1")).toContain("مولدوفا");
    await page.close();
  });

  it("filters the indicator list as one types, and says how many are shown", async () => {
    const page = await open("fr/indicators/");
    await page.fill("#indicator-search", "cv.0");
    const shown = await page.locator("li[data-search]:visible").count();
    expect(shown).toBe(9);
    expect(await page.textContent(".search__count")).toBe("9 indicateurs affichés.");
    await page.fill("#indicator-search", "zzzz");
    expect(await page.textContent(".search__count")).toBe("Aucun indicateur ne correspond.");
    await page.close();
    expect(problems).toEqual([]);
  });
});
