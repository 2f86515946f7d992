import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { startServer } from "../../src/server/app/start.ts";

/** Debian's Chromium, driven by playwright-core (CI installs the `chromium` package). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * End-to-end tests need a real browser. Without one they are skipped on a
 * laptop, but CI (which sets `CI`) must have it, so there they fail instead.
 */
export const canRunBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI);

export interface AppUnderTest {
  url: string;
  browser: Browser;
  newPage(): Promise<Page>;
  /** Fetches JSON from the running server's API. */
  getJson<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the real server (serving the web app built for the run) on a free port with a
 * fresh PGlite folder and the CPI demo loaded, and launches Chromium.
 */
export async function startAppUnderTest(): Promise<AppUnderTest> {
  // The web app was built once for the run by test/e2e/global-setup.ts.
  const dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-"));
  const server = await startServer({ port: 0, dataDir, demo: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  const problems: string[] = [];
  return {
    url: server.url,
    browser,
    async newPage() {
      const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
      // Fail fast with a clear locator error rather than at the test timeout.
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      // A script error in the app fails the journey even when the page still looks right.
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      Object.assign(page, { problems });
      return page;
    },
    async getJson<T>(path: string) {
      const response = await fetch(new URL(path, server.url));
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as T;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Errors the page reported so far (script errors and console errors). */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Waits until no loading notice is left on the page. */
export async function waitUntilLoaded(page: Page): Promise<void> {
  await page.waitForSelector("main h1");
  await page.waitForFunction(() => document.querySelector(".status--loading") === null);
}
