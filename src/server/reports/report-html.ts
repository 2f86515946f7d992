import { escapeXml as escapeHtml } from "./print-charts.ts";
import type { Block, Cell, ReportDocument } from "./report-model.ts";

/*
 * A report as one self-contained HTML document laid out for A4 printing: a cover, the table of
 * contents (page numbers filled in after a first printing), each section on a new page with a
 * real <h1>, charts at their printed size, tables whose header repeats on every page.
 */

const CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #1f2933; }
body { margin: 0; line-height: 1.45; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: space-between; break-after: page; }
.cover__band { background: #1d4e89; color: #fff; padding: 14mm 12mm; border-radius: 2mm; }
.cover__index { font-size: 13pt; letter-spacing: .02em; margin: 0 0 8mm; opacity: .9; }
.cover__title { font-size: 28pt; line-height: 1.15; font-weight: 700; margin: 0 0 4mm; }
.cover__subtitle { font-size: 13pt; margin: 0; }
.cover__meta { font-size: 11pt; border-top: 1.5pt solid #1d4e89; padding-top: 5mm; }
.cover__meta p { margin: 0 0 2mm; }
.demo { background: #fff4ce; border: 1pt solid #b7791f; padding: 3mm 4mm; font-weight: 700; }
.toc { break-after: page; }
.toc h2 { font-size: 18pt; color: #1d4e89; margin: 0 0 6mm; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { margin: 0 0 3mm; font-size: 11.5pt; }
.toc a { display: flex; color: inherit; text-decoration: none; gap: 2mm; }
.toc .toc__dots { flex: 1; border-bottom: 1pt dotted #9aa5b1; margin-bottom: 1.2mm; }
.toc .toc__page { min-width: 8mm; text-align: end; font-variant-numeric: tabular-nums; }
.part { break-before: page; }
h1 { font-size: 18pt; color: #1d4e89; margin: 0 0 5mm; padding-bottom: 2mm; border-bottom: 1.5pt solid #1d4e89; }
h2 { font-size: 12.5pt; color: #1d4e89; margin: 6mm 0 2.5mm; break-after: avoid; }
p { margin: 0 0 3mm; }
p.lead { font-size: 11.5pt; }
ul { margin: 0 0 3mm; padding-inline-start: 6mm; }
li { margin-bottom: 1mm; }
figure { margin: 2mm 0 5mm; break-inside: avoid; }
figcaption { font-weight: 700; font-size: 10.5pt; margin-bottom: 2mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 5mm; font-size: 9pt; }
thead { display: table-header-group; }
th { background: #e9eef4; text-align: start; font-weight: 700; }
th, td { border: 0.6pt solid #bcc5cf; padding: 1.4mm 2mm; vertical-align: top; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
td .more { display: block; margin-top: 1mm; }
`;

function cell(c: Cell): string {
  if (typeof c === "string") return `<td>${escapeHtml(c)}</td>`;
  const style = c.fill ? ` style="background:${c.fill};color:${textOn(c.fill)}"` : "";
  const more = (c.lines ?? []).map((l) => `<span class="more">${escapeHtml(l)}</span>`).join("");
  return `<td${style}>${escapeHtml(c.text)}${more}</td>`;
}

/** Black or white, whichever reads better on a band colour. */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return lum > 0.55 ? "#111" : "#fff";
}

function block(b: Block, section: string): string {
  switch (b.kind) {
    case "paragraph":
      return `<p${b.tone === "lead" ? ' class="lead"' : ""}>${escapeHtml(b.text)}</p>`;
    case "subheading":
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case "list":
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "chart":
      // A chart titled as its section or as the heading before it needs no caption of its own.
      return `<figure>${b.chart.title === section ? "" : `<figcaption>${escapeHtml(b.chart.title)}</figcaption>`}${b.chart.svg}</figure>`;
    case "table": {
      const cols = b.widths
        ? `<colgroup>${b.widths.map((w) => `<col style="width:${w}%">`).join("")}</colgroup>`
        : "";
      const head = `<thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
      const rows = b.rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("");
      return `<table>${cols}${head}<tbody>${rows}</tbody></table>`;
    }
  }
}

/** The id of a section's heading in the HTML (and the PDF's named destination). */
export const anchorOf = (id: string) => `part-${id}`;

/**
 * The report as HTML; `pages` gives the page of each section for the table of contents (a
 * first printing passes none: the numbers are then placeholders of the same width).
 */
export function reportHtml(doc: ReportDocument, pages?: ReadonlyMap<string, number>): string {
  const toc = doc.sections
    .map((s) => {
      const page = pages?.get(anchorOf(s.id));
      return `<li><a href="#${anchorOf(s.id)}"><span>${escapeHtml(s.title)}</span><span class="toc__dots"></span><span class="toc__page">${page ?? "00"}</span></a></li>`;
    })
    .join("");
  const parts = doc.sections
    .map(
      (s) =>
        `<section class="part"><h1 id="${anchorOf(s.id)}">${escapeHtml(s.title)}</h1>${s.blocks
          .map((b, i) => {
            const before = s.blocks[i - 1];
            return block(b, before?.kind === "subheading" ? before.text : s.title);
          })
          .join("")}</section>`,
    )
    .join("");
  return `<!doctype html><html lang="${escapeHtml(doc.lang)}" dir="${doc.dir}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${CSS}</style></head><body>
<section class="cover"><div class="cover__band"><p class="cover__index">${escapeHtml(doc.index)}</p><p class="cover__title">${escapeHtml(doc.title)}</p><p class="cover__subtitle">${escapeHtml(doc.subtitle)}</p></div>
${doc.demoNotice ? `<p class="demo">${escapeHtml(doc.demoNotice)}</p>` : ""}
<div class="cover__meta"><p><strong>${escapeHtml(doc.release)}</strong></p><p>${escapeHtml(doc.published)}</p></div></section>
<nav class="toc"><h2>${escapeHtml(doc.contentsTitle)}</h2><ol>${toc}</ol></nav>
${parts}</body></html>`;
}

/** Chromium's footer on every page: the index, the release and its date, and the page number. */
export function reportFooter(doc: ReportDocument): string {
  const page = escapeHtml(doc.pageLabel)
    .replace("{page}", '<span class="pageNumber"></span>')
    .replace("{total}", '<span class="totalPages"></span>');
  return `<div dir="${doc.dir}" style="font-family:'Liberation Sans','DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#52606d;width:100%;margin:0 14mm;display:flex;justify-content:space-between;gap:6mm"><span>${escapeHtml(doc.index)}</span><span style="white-space:nowrap">${escapeHtml(doc.footerRelease)}</span><span style="white-space:nowrap">${page}</span></div>`;
}
