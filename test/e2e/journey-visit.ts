import type { Page } from "playwright-core";

/**
 * Loads `url` in `page` until the app has mounted its main landmark. Other
 * end-to-end files rebuild dist/web while this one runs (each runs `vite
 * build`), and a page loaded in that moment finds no index.html or script:
 * such a load is retried, a few times, instead of failing the journey.
 */
export async function visit(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await page.goto(url);
    const mounted = await page
      .waitForSelector("main", { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (response?.ok() && mounted) return;
    if (attempt === 3) throw new Error(`${url} did not load: ${response?.status() ?? "no response"}`);
    await page.waitForTimeout(2_000);
  }
}
