import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serveFolder } from "../test/support/static-crawl.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";
import { demoPortal, writePortalPages } from "./portal-site.ts";

export const name = "portal largest contentful paint";

const CHROMIUM = "/usr/bin/chromium";
const RUNS = 5;
const TARGET_MS = 2500;
const PAGES = ["en/countries/ge/", "ar/countries/ge/", "en/"];

/**
 * Lighthouse's "slow 4G" throttling, applied by DevTools as Lighthouse's
 * devtools mode does: 150 ms round trip × 3.75, 1.6 Mbit/s down × 0.9,
 * 750 kbit/s up × 0.9; CPU slowed down 4×.
 */
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  // Bytes per second, counted in decimal units (Lighthouse counts in 1,024s: 188,743 and 86,400; these are a little slower).
  downloadThroughput: (1_600_000 * 0.9) / 8,
  uploadThroughput: (750_000 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;

/**
 * (b) Largest contentful paint of portal pages of the demo's 2025 release in
 * Debian Chromium under slow 4G and a 4× CPU slowdown, cold cache (a new
 * browser context each load, cache disabled). The pages are written as static
 * files by the export's `siteFile` and served by the plainest static server
 * (test/support/static-crawl.ts), so the application server is not measured.
 * LCP is read after the load event from a buffered PerformanceObserver.
 */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(CHROMIUM)) {
    console.log(`  ${CHROMIUM} not found: LCP benchmark skipped`);
    return [];
  }
  const dir = await mkdtemp(join(tmpdir(), "childmark-lcp-"));
  const { snapshot, ctx } = await demoPortal();
  const written = await writePortalPages(dir, snapshot, ctx);
  console.log(`  ${written} pages and assets written to ${dir}`);
  const site = await serveFolder(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  const figures: BenchFigure[] = [];
  try {
    for (const path of PAGES) {
      const lcps: number[] = [];
      const details: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Lighthouse's mobile screen size (a Moto G Power).
        const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
        await page.goto(new URL(path, site.url).href, { waitUntil: "load", timeout: 120_000 });
        const m = await page.evaluate(
          () =>
            new Promise<{ lcp: number; element: string; fcp: number; load: number }>((resolve) => {
              // Let the last frames after `load` paint, then read every buffered entry.
              setTimeout(() => {
                const entries: PerformanceEntry[] = [];
                new PerformanceObserver((list) => entries.push(...list.getEntries())).observe({
                  type: "largest-contentful-paint",
                  buffered: true,
                });
                setTimeout(() => {
                  const last = entries.at(-1) as
                    | (PerformanceEntry & { element?: Element | null })
                    | undefined;
                  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
                  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
                  const el = last?.element;
                  resolve({
                    lcp: last?.startTime ?? Number.NaN,
                    element: el
                      ? `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ""}`
                      : "?",
                    fcp: fcp?.startTime ?? Number.NaN,
                    load: nav.loadEventEnd,
                  });
                }, 100);
              }, 500);
            }),
        );
        await context.close();
        if (!Number.isFinite(m.lcp)) throw new Error(`${path}: no largest-contentful-paint entry`);
        lcps.push(m.lcp);
        details.push(
          `    load ${i + 1}: LCP ${formatFigure(m.lcp)} ms (${m.element}), FCP ${formatFigure(m.fcp)} ms, load event ${formatFigure(m.load)} ms`,
        );
      }
      const median = percentile(
        [...lcps].sort((a, b) => a - b),
        0.5,
      );
      console.log(`  ${path}: LCP median ${formatFigure(median)} ms of ${RUNS} cold loads`);
      for (const line of details) console.log(line);
      figures.push({
        metric: `${path} LCP, slow 4G + 4× CPU, median`,
        value: median,
        unit: "ms",
        target: TARGET_MS,
      });
    }
  } finally {
    await browser.close();
    site.server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
