import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".csv": "text/csv",
  ".pdf": "application/pdf",
};

/**
 * The plainest static file server: a folder's files by path, `index.html` for
 * a folder, 404 otherwise. Stands for any static host (no rewrites, no API).
 */
export async function serveFolder(
  root: string,
): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url!, "http://x").pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) {
        if (!path.endsWith("/")) return res.writeHead(301, { location: `${path}/` }).end();
        file = join(file, "index.html");
      }
      await stat(file);
    } catch {
      return res.writeHead(404).end("not found");
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, server, requests };
}

/** Links and resources of an HTML page: href and src attribute values (entities decoded). */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) =>
    m[1]!.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'"),
  );
}

export interface CrawlResult {
  /** Every URL fetched, with its status. */
  visited: Map<string, number>;
  /** Pages (HTML) among them, with their text. */
  pages: Map<string, string>;
  /** Links that leave the site (absolute http(s) to another origin). */
  external: Set<string>;
}

/** Follows every same-origin link from `start` (HTML pages are parsed; other files only fetched). */
export async function crawl(start: string, options: { within?: string } = {}): Promise<CrawlResult> {
  const origin = new URL(start).origin;
  const within = options.within ?? new URL(start).pathname;
  const visited = new Map<string, number>();
  const pages = new Map<string, string>();
  const external = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    const res = await fetch(url, { redirect: "manual" });
    visited.set(url, res.status);
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location");
      if (location) queue.push(new URL(location, url).href);
      continue;
    }
    if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    pages.set(url, html);
    for (const link of linksOf(html)) {
      if (link === "" || link.startsWith("#") || link.startsWith("mailto:")) continue;
      const target = new URL(link, url);
      target.hash = "";
      if (target.origin !== origin) {
        external.add(target.href);
        continue;
      }
      if (!target.pathname.startsWith(within)) continue;
      if (!visited.has(target.href)) queue.push(target.href);
    }
  }
  return { visited, pages, external };
}
