import type { Browser, BrowserContext, Page } from "playwright-core";
import { UserError } from "../errors.ts";

/** Debian's Chromium by default; `CHILDMARK_CHROMIUM` names another build. */
export const CHROMIUM_PATH = process.env.CHILDMARK_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"];
/** Pages printed at once; more requests wait their turn. */
const MAX_PAGES = 2;
/** The browser closes after this long without work, so an idle server holds no Chromium. */
const IDLE_MS = 60_000;

let browser: Promise<Browser> | null = null;
/** One context per device scale factor, and its idle pages: opening a page costs far more than reusing one. */
const contexts = new Map<number, Promise<BrowserContext>>();
const idlePages = new Map<number, Page[]>();
let idle: NodeJS.Timeout | null = null;
let busy = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<Browser> {
  if (busy >= MAX_PAGES) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  if (idle) clearTimeout(idle);
  idle = null;
  // playwright-core is loaded on first use: it holds ~35 MB of heap that a server printing no report never needs.
  browser ??= import("playwright-core")
    .then(({ chromium }) => chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true }))
    .catch((error: Error) => {
      browser = null;
      throw new UserError(
        `reports need Chromium at ${CHROMIUM_PATH} (install the Debian package "chromium" or set CHILDMARK_CHROMIUM): ${error.message.split("\n")[0]}`,
        [],
        503,
      );
    });
  return browser;
}

function release(): void {
  busy--;
  waiting.shift()?.();
  if (busy === 0 && !idle) {
    idle = setTimeout(() => void closeChromium(), IDLE_MS);
    idle.unref();
  }
}

/** Closes the shared browser (tests and shutdown). */
export async function closeChromium(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  const open = browser;
  browser = null;
  contexts.clear();
  idlePages.clear();
  if (open) await (await open.catch(() => null))?.close();
}

/** A page with scripts disabled and every network request refused (data: URLs aside). */
async function openPage(b: Browser, deviceScaleFactor: number): Promise<Page> {
  let context = contexts.get(deviceScaleFactor);
  if (!context) {
    context = b.newContext({ javaScriptEnabled: false, deviceScaleFactor });
    contexts.set(deviceScaleFactor, context);
  }
  const page = await (await context).newPage();
  await page.route("**/*", (route) =>
    route.request().url().startsWith("data:") ? route.continue() : route.abort(),
  );
  return page;
}

/**
 * Runs `work` on a page holding `html`, with scripts disabled and every
 * network request refused: the document must be self-contained (inline CSS,
 * inline SVG), so printing can neither run nor fetch anything it carries.
 * Pages are reused (the document is replaced each time); one that fails is closed.
 */
async function withPage<T>(
  html: string,
  viewport: { width: number; height: number },
  deviceScaleFactor: number,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const b = await acquire();
  let page: Page | undefined;
  try {
    page = idlePages.get(deviceScaleFactor)?.pop() ?? (await openPage(b, deviceScaleFactor));
    await page.setViewportSize(viewport);
    await page.setContent(html, { waitUntil: "load" });
    const result = await work(page);
    const pool = idlePages.get(deviceScaleFactor) ?? [];
    pool.push(page);
    idlePages.set(deviceScaleFactor, pool);
    page = undefined;
    return result;
  } finally {
    if (page) await page.close().catch(() => {});
    release();
  }
}

/**
 * Prints a self-contained HTML document to an A4 PDF (print CSS applies; backgrounds kept).
 * `footer` (Chromium's footer template: `<span class="pageNumber">` etc.) is printed on every page.
 */
export function printPdf(html: string, footer?: string): Promise<Buffer> {
  return withPage(html, { width: 1200, height: 1600 }, 1, (page) =>
    page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" },
      ...(footer
        ? { displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate: footer }
        : {}),
    }),
  );
}

/** Renders an SVG (or any self-contained HTML fragment) to a PNG of the given CSS size, at 2× for print. */
export async function renderPng(fragment: string, size: { width: number; height: number }): Promise<Buffer> {
  return (await renderPngs([{ fragment, ...size }]))[0]!;
}

/**
 * Renders several fragments to PNGs (2× for print) in one page: they are laid
 * out one under the other and each is cut out by its box. `head` (e.g. a
 * `<style>`) applies to all of them.
 */
export function renderPngs(
  fragments: readonly { fragment: string; width: number; height: number }[],
  head = "",
): Promise<Buffer[]> {
  const width = Math.max(1, ...fragments.map((f) => f.width));
  const boxes = fragments.map(
    (f) => `<div style="width:${f.width}px;height:${f.height}px;overflow:hidden">${f.fragment}</div>`,
  );
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style>${head}</head><body>${boxes.join("")}</body></html>`;
  const height = fragments.reduce((sum, f) => sum + f.height, 0);
  return withPage(html, { width, height: Math.max(1, height) }, 2, async (page) => {
    const out: Buffer[] = [];
    let top = 0;
    for (const f of fragments) {
      out.push(
        await page.screenshot({
          type: "png",
          clip: { x: 0, y: top, width: f.width, height: f.height },
          scale: "device",
          fullPage: true,
        }),
      );
      top += f.height;
    }
    return out;
  });
}
