/*
 * Reads, from a PDF that Chromium printed, the page of each named destination (the id of an
 * element that an internal link points to). Chromium (Skia) writes the catalog's /Dests and the
 * page tree as plain dictionaries, so no PDF library is needed.
 */

function objects(pdf: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of pdf.matchAll(/(?:^|\n)(\d+) 0 obj\s*([\s\S]*?)endobj/g)) out.set(Number(m[1]), m[2]!);
  return out;
}

/** Page objects in reading order, walking the page tree from the catalog's /Pages. */
function pageOrder(objs: Map<number, string>, root: number): number[] {
  const out: number[] = [];
  const walk = (n: number) => {
    const body = objs.get(n) ?? "";
    const kids = body.match(/\/Kids\s*\[([^\]]*)\]/);
    if (/\/Type\s*\/Pages\b/.test(body) && kids) {
      for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else out.push(n);
  };
  walk(root);
  return out;
}

/** Page number (1-based) of each named destination of the PDF; empty when it has none. */
export function destinationPages(pdf: Buffer): Map<string, number> {
  const text = pdf.toString("latin1");
  const objs = objects(text);
  const pages = new Map<string, number>();
  let catalog: string | undefined;
  for (const body of objs.values()) if (/\/Type\s*\/Catalog\b/.test(body)) catalog = body;
  const pagesRef = catalog?.match(/\/Pages\s+(\d+) 0 R/);
  const destsRef = catalog?.match(/\/Dests\s+(\d+) 0 R/);
  if (!pagesRef || !destsRef) return pages;
  const order = pageOrder(objs, Number(pagesRef[1]));
  const index = new Map(order.map((n, i) => [n, i + 1]));
  const dests = objs.get(Number(destsRef[1])) ?? "";
  for (const m of dests.matchAll(/\/([^\s[/]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = index.get(Number(m[2]));
    if (page) pages.set(decodeName(m[1]!), page);
  }
  return pages;
}

/** A PDF name with its `#xx` escapes decoded. */
function decodeName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}
