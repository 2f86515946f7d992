import { gzipSync } from "node:zlib";
import { siteFile } from "../src/server/site/site-files.ts";
import type { BenchFigure } from "./harness.ts";
import { demoPortal } from "./portal-site.ts";

export const name = "portal page weight";

const TARGET_JS_KB = 150;
/** Pages weighed: the country profile (the target) in English and Arabic, and the home page. */
const PAGES = ["en/countries/ge/", "ar/countries/ge/", "en/"];

const kb = (bytes: number) => bytes / 1024;
const gz = (body: string | Buffer) => gzipSync(body, { level: 9 }).length;

interface Weight {
  raw: number;
  gzip: number;
  files: string[];
}

/**
 * (a) What a reader downloads for a portal page of the demo's 2025 release
 * (ten countries, 158 indicators), built without a database and read with
 * `siteFile` (the function the live portal and the static export serve
 * pages with): every script the page loads (external files and inline
 * blocks), each gzipped at level 9, then the HTML and the stylesheets.
 */
export async function run(): Promise<BenchFigure[]> {
  const { snapshot, ctx } = await demoPortal();
  const figures: BenchFigure[] = [];
  for (const path of PAGES) {
    const page = await siteFile(snapshot, path, ctx);
    if (!page) throw new Error(`no page at ${path}`);
    const html = String(page.body);
    const js = await weigh(
      path,
      [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
        src: /\ssrc="([^"]+)"/.exec(m[1]!)?.[1],
        inline: m[2]!,
      })),
    );
    const css = await weigh(path, [
      ...[...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => ({
        src: /\shref="([^"]+)"/.exec(m[0])?.[1],
        inline: "",
      })),
      ...[...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => ({ inline: m[1]! })),
    ]);
    const htmlGzip = gz(html);
    console.log(`  ${path}`);
    console.log(
      `    JavaScript: ${js.files.length} script(s) [${js.files.join(", ")}]: ${kb(js.raw).toFixed(1)} KB raw, ${kb(js.gzip).toFixed(1)} KB gzipped`,
    );
    console.log(
      `    HTML: ${kb(Buffer.byteLength(html)).toFixed(1)} KB raw, ${kb(htmlGzip).toFixed(1)} KB gzipped`,
    );
    console.log(
      `    CSS: ${css.files.length} file(s) [${css.files.join(", ")}]: ${kb(css.raw).toFixed(1)} KB raw, ${kb(css.gzip).toFixed(1)} KB gzipped`,
    );
    const isProfile = path.includes("/countries/");
    figures.push(
      {
        metric: `${path} JavaScript, gzipped`,
        value: kb(js.gzip),
        unit: "KB",
        ...(isProfile ? { target: TARGET_JS_KB } : {}),
      },
      { metric: `${path} HTML, gzipped`, value: kb(htmlGzip), unit: "KB" },
      { metric: `${path} CSS, gzipped`, value: kb(css.gzip), unit: "KB" },
    );
  }
  return figures;

  /** Sizes of a page's resources: `src` files read from the site (relative to the page), inline text as is. */
  async function weigh(page: string, items: { src?: string; inline: string }[]): Promise<Weight> {
    const weight: Weight = { raw: 0, gzip: 0, files: [] };
    for (const item of items) {
      let body: string | Buffer;
      if (item.src) {
        const url = new URL(item.src, `http://site/${page}`);
        if (url.origin !== "http://site") throw new Error(`${page} loads ${item.src} from another site`);
        const file = await siteFile(snapshot, url.pathname.slice(1), ctx);
        if (!file) throw new Error(`${page} loads ${item.src}, which the site does not have`);
        body = file.body;
        weight.files.push(url.pathname.slice(1));
      } else {
        if (!item.inline.trim()) continue;
        body = item.inline;
        weight.files.push("inline");
      }
      weight.raw += typeof body === "string" ? Buffer.byteLength(body) : body.length;
      weight.gzip += gz(body);
    }
    return weight;
  }
}
