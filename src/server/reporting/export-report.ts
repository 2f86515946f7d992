import {
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from "docx";
import { type Inline, inlineText, parseRichText } from "../../core/index.ts";
import type { Citation, ReportOut } from "../api-schemas/reporting.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { printPdf } from "../reports/chromium.ts";

/** A citation's link as an absolute URL: Childmark paths are prefixed with the public address. */
export function citationUrl(c: Citation): string | null {
  if (!c.href) return null;
  return c.href.startsWith("/") ? `${publicUrl()}${c.href}` : c.href;
}

/** A link of a section's text as an absolute URL (a path of this site gets the public address). */
const linkUrl = (href: string) => (href.startsWith("/") ? `${publicUrl()}${href}` : href);

/** A paragraph split into text and citation markers `[n]` (those the section cites). */
function splitMarkers(text: string, citations: readonly Citation[]): (string | Citation)[] {
  const out: (string | Citation)[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    const citation = citations.find((c) => c.n === Number(match[1]));
    if (!citation) continue;
    out.push(text.slice(last, match.index).replace(/ $/, ""), citation);
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out.filter((p) => p !== "");
}

const wordLine = (r: ReportOut) =>
  `${r.words.toLocaleString("en")} words${r.wordLimit ? ` of the ${r.wordLimit.toLocaleString("en")} the Committee allows` : ""}.`;

/**
 * The report as an editable Word document: a heading per cluster, the text in paragraphs, and
 * every citation marker a real footnote holding the source and its link, so the link back to the
 * evidence survives in the file; suggested questions for the list of issues after each cluster.
 */
export async function renderReportDocx(report: ReportOut, generatedOn: string): Promise<Buffer> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let next = 1;
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: report.title }),
    new Paragraph({ text: `${report.countryName}. Generated on ${generatedOn}. ${wordLine(report)}` }),
  ];
  for (const section of report.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.title }));
    const footnoteOf = (part: Citation) => {
      const id = next++;
      const url = citationUrl(part);
      footnotes[id] = {
        children: [
          new Paragraph({
            children: [
              new TextRun(`${part.label}${url ? " — " : ""}`),
              ...(url
                ? [
                    new ExternalHyperlink({
                      link: url,
                      children: [new TextRun({ text: url, style: "Hyperlink" })],
                    }),
                  ]
                : []),
            ],
          }),
        ],
      };
      return new FootnoteReferenceRun(id);
    };
    const runs = (
      nodes: readonly Inline[],
      marks: { bold?: boolean; italics?: boolean } = {},
    ): ParagraphChild[] =>
      nodes.flatMap((n): ParagraphChild[] => {
        if (n.type === "text")
          return splitMarkers(n.text, section.citations).map((part) =>
            typeof part === "string" ? new TextRun({ text: part, ...marks }) : footnoteOf(part),
          );
        if (n.type === "bold") return runs(n.children, { ...marks, bold: true });
        if (n.type === "italic") return runs(n.children, { ...marks, italics: true });
        return [
          new ExternalHyperlink({
            link: linkUrl(n.href),
            children: [new TextRun({ text: inlineText(n.children), style: "Hyperlink", ...marks })],
          }),
        ];
      });
    for (const block of parseRichText(section.body)) {
      if (block.type === "heading")
        children.push(
          new Paragraph({
            heading: block.level === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
            children: runs(block.children),
          }),
        );
      else if (block.type === "paragraph") children.push(new Paragraph({ children: runs(block.children) }));
      else
        for (const [i, item] of block.items.entries())
          children.push(
            block.ordered
              ? new Paragraph({ children: [new TextRun(`${i + 1}. `), ...runs(item)], indent: { left: 360 } })
              : new Paragraph({ children: runs(item), bullet: { level: 0 } }),
          );
    }
    if (section.questions.length) {
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_3,
          text: "Suggested questions for the list of issues",
        }),
      );
      for (const q of section.questions) children.push(new Paragraph({ text: q, bullet: { level: 0 } }));
    }
  }
  return Packer.toBuffer(new Document({ footnotes, sections: [{ children }] }));
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The same report as a print page for Chromium (inline CSS, no script): citation markers become
 * numbered notes at the end of each cluster, with their links. Every text is escaped.
 */
export function reportHtml(report: ReportOut, generatedOn: string): string {
  const out: string[] = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(report.title)}</title><style>
@page { size: A4; margin: 18mm 16mm; }
body { font: 11pt/1.5 "Noto Serif", Georgia, serif; color: #1d2530; }
h1 { font-size: 20pt; color: #1F4E79; margin: 0 0 2mm; } h2 { font-size: 14pt; color: #1F4E79; border-bottom: 1px solid #c9d3de; margin-top: 8mm; }
.meta { color: #445; margin-bottom: 6mm; } sup { font-size: 8pt; } ol.notes { font-size: 9pt; color: #333; border-top: 1px solid #c9d3de; padding-top: 2mm; }
a { color: #1F4E79; word-break: break-all; } h3 { font-size: 11pt; } h4 { font-size: 10.5pt; }
</style></head><body>`,
    `<h1>${esc(report.title)}</h1><p class="meta">${esc(report.countryName)} · generated on ${esc(generatedOn)} · ${esc(wordLine(report))}</p>`,
  ];
  for (const section of report.sections) {
    out.push(`<h2>${esc(section.title)}</h2>`);
    const notes: string[] = [];
    const inline = (nodes: readonly Inline[]): string =>
      nodes
        .map((n) => {
          if (n.type === "bold") return `<strong>${inline(n.children)}</strong>`;
          if (n.type === "italic") return `<em>${inline(n.children)}</em>`;
          if (n.type === "link") return `<a href="${esc(linkUrl(n.href))}">${inline(n.children)}</a>`;
          return splitMarkers(n.text, section.citations)
            .map((part) => {
              if (typeof part === "string") return esc(part);
              const url = citationUrl(part);
              notes.push(
                `<li value="${part.n}">${esc(part.label)}${url ? ` — <a href="${esc(url)}">${esc(url)}</a>` : ""}</li>`,
              );
              return `<sup>${part.n}</sup>`;
            })
            .join("");
        })
        .join("");
    for (const block of parseRichText(section.body)) {
      if (block.type === "heading") out.push(`<h${block.level}>${inline(block.children)}</h${block.level}>`);
      else if (block.type === "paragraph") out.push(`<p>${inline(block.children)}</p>`);
      else {
        const tag = block.ordered ? "ol" : "ul";
        out.push(`<${tag}>${block.items.map((item) => `<li>${inline(item)}</li>`).join("")}</${tag}>`);
      }
    }
    if (section.questions.length)
      out.push(
        `<h3>Suggested questions for the list of issues</h3><ul>${section.questions.map((q) => `<li>${esc(q)}</li>`).join("")}</ul>`,
      );
    if (notes.length) out.push(`<ol class="notes">${notes.join("")}</ol>`);
  }
  out.push("</body></html>");
  return out.join("\n");
}

/** The report printed to PDF by Chromium. */
export function renderReportPdf(report: ReportOut, generatedOn: string): Promise<Buffer> {
  return printPdf(
    reportHtml(report, generatedOn),
    `<div style="font-size:8px;width:100%;text-align:center;color:#667">${esc(report.title)} — <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
  );
}
