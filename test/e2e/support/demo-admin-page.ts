import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { type RunningServer, startServer } from "../../../src/server/app/start.ts";
import { CHROMIUM } from "../app-under-test.ts";

export interface DemoAdminPage {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** The server's fresh data folder (removed by `close`). */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real server with the demo on a fresh data folder, one Chromium, and a page signed in as the
 * demo administrator (English, 1280 × 900). Page errors and console errors go to `problems`,
 * except console errors `expected` says the test causes on purpose.
 */
export async function openDemoAdminPage(
  name: string,
  problems: string[],
  options: { timeout?: number; expected?: (text: string) => boolean } = {},
): Promise<DemoAdminPage> {
  const dataDir = mkdtempSync(join(tmpdir(), `childmark-e2e-${name}-`));
  const server = await startServer({ port: 0, dataDir, demo: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  const context = await browser.newContext({
    locale: "en-GB",
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(options.timeout ?? 10_000);
  const login = server.demoLogin!;
  const res = await context.request.post(`${server.url}/api/auth/sign-in`, {
    data: { email: login.email, password: login.password },
  });
  if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !options.expected?.(m.text())) problems.push(m.text());
  });
  return {
    server,
    browser,
    page,
    dataDir,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
