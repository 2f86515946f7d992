import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { chromium } from "playwright-core";
import { startServer } from "../src/server/app/start.ts";
import { assessments, cycles } from "../src/server/db/schema.ts";
import type { BenchFigure } from "./harness.ts";

export const name = "web app first load";

const CHROMIUM = "/usr/bin/chromium";
const DIST = join(import.meta.dirname, "../dist/web");

const kb = (bytes: number) => bytes / 1000;

/**
 * What the web app's first page downloads, cold (a new browser context each time), in English and
 * in Arabic (saved as the chosen language before the page opens): `/sign-in` signed out, and the
 * workspace of Moldova's 2025 assessment signed in as the demo administrator. Every script the
 * page fetched is counted by its file in `dist/web/assets`: raw, and gzipped at level 9 (the
 * server sends the build's brotli or gzip twin, smaller still). Run `npx vite build` first.
 */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(join(DIST, "index.html")))
    throw new Error("dist/web is missing: run `npx vite build` first");
  const dataDir = mkdtempSync(join(tmpdir(), "childmark-bench-first-load-"));
  const server = await startServer({ port: 0, dataDir, demo: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  const figures: BenchFigure[] = [];
  try {
    const [row] = await server.database.db
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(and(eq(assessments.countryCode, "MD"), eq(cycles.period, "2025")));
    const pages = [
      { label: "/sign-in", path: "/sign-in", signedIn: false },
      { label: "workspace", path: `/assessments/${row!.id}`, signedIn: true },
    ];
    for (const page of pages) {
      for (const lang of ["en", "ar"]) {
        const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
        if (page.signedIn) {
          const login = server.demoLogin!;
          const res = await context.request.post(`${server.url}/api/auth/sign-in`, {
            data: { email: login.email, password: login.password },
          });
          if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
        }
        await context.addInitScript((l) => window.localStorage.setItem("childmark.lang", l), lang);
        const tab = await context.newPage();
        const scripts = new Set<string>();
        tab.on("response", (response) => {
          const url = new URL(response.url());
          if (url.pathname.endsWith(".js")) scripts.add(url.pathname);
        });
        await tab.goto(`${server.url}${page.path}`);
        await tab.waitForSelector(`html[dir="${lang === "ar" ? "rtl" : "ltr"}"] h1`);
        await tab.waitForLoadState("networkidle");
        let raw = 0;
        let gzip = 0;
        const files = [...scripts].sort().map((path) => {
          const body = readFileSync(join(DIST, path));
          raw += body.length;
          gzip += gzipSync(body, { level: 9 }).length;
          return path.replace(/^\/assets\//, "").replace(/-[\w-]{8}\.js$/, "");
        });
        console.log(
          `  ${page.label} (${lang}): ${files.length} scripts, ${kb(raw).toFixed(1)} kB raw, ${kb(gzip).toFixed(1)} kB gzipped`,
        );
        console.log(`    ${files.join(", ")}`);
        figures.push(
          { metric: `${page.label} ${lang}: JavaScript raw`, value: kb(raw), unit: "kB" },
          { metric: `${page.label} ${lang}: JavaScript gzipped`, value: kb(gzip), unit: "kB" },
        );
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}
