import type { Page } from "playwright-core";

/**
 * Loads `url` in `page` and waits until the app has mounted its main
 * landmark; a failed load fails the test at once, with its status.
 */
export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  if (!response?.ok()) throw new Error(`${url} did not load: HTTP ${response?.status() ?? "no response"}`);
  await page.waitForSelector("main", { timeout: 10_000 });
}
