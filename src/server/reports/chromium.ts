import { type Browser, chromium } from "playwright-core";
import { UserError } from "../errors.ts";

/** Debian's Chromium by default; `CHILDMARK_CHROMIUM` names another build. */
export const CHROMIUM_PATH = process.env.CHILDMARK_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"];
/** Pages printed at once; more requests wait their turn. */
const MAX_PAGES = 2;
/** The browser closes after this long without work, so an idle server holds no Chromium. */
const IDLE_MS = 60_000;

let browser: Promise<Browser> | null = null;
let idle: NodeJS.Timeout | null = null;
let busy = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<Browser> {
  if (busy >= MAX_PAGES) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  if (idle) clearTimeout(idle);
  idle = null;
  browser ??= chromium
    .launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true })
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
  if (open) await (await open.catch(() => null))?.close();
}

/**
 * Runs `work` on a fresh page holding `html`, with scripts disabled and every
 * network request refused: the document must be self-contained (inline CSS,
 * inline SVG), so printing can neither run nor fetch anything it carries.
 */
async function withPage<T>(
  html: string,
  viewport: { width: number; height: number },
  deviceScaleFactor: number,
  work: (page: import("playwright-core").Page) => Promise<T>,
): Promise<T> {
  const b = await acquire();
  const context = await b.newContext({ javaScriptEnabled: false, viewport, deviceScaleFactor });
  try {
    const page = await context.newPage();
    await page.route("**/*", (route) =>
      route.request().url().startsWith("data:") ? route.continue() : route.abort(),
    );
    await page.setContent(html, { waitUntil: "load" });
    return await work(page);
  } finally {
    await context.close();
    release();
  }
}

/** Prints a self-contained HTML document to an A4 PDF (print CSS applies; backgrounds kept). */
export function printPdf(html: string): Promise<Buffer> {
  return withPage(html, { width: 1200, height: 1600 }, 1, (page) =>
    page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" },
    }),
  );
}

/** Renders an SVG (or any self-contained HTML fragment) to a PNG of the given CSS size, at 2× for print. */
export function renderPng(fragment: string, size: { width: number; height: number }): Promise<Buffer> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style></head><body>${fragment}</body></html>`;
  return withPage(html, size, 2, (page) =>
    page.screenshot({ type: "png", clip: { x: 0, y: 0, ...size }, scale: "device" }),
  );
}
