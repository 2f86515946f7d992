import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  type IParagraphStylePropertiesOptions,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { estimatePageNumbersWith } from "docx/layout";
import type { ReleaseSnapshot } from "../../core/index.ts";
import type { PortalContext } from "../../portal/context.ts";
import { renderPngs } from "./chromium.ts";
import { countryReport } from "./country-report.ts";
import { regionalReport } from "./regional-report.ts";
import type { Block, Cell, PrintChart, ReportDocument } from "./report-model.ts";

const BLUE = "1D4E89";
const FONT = "Arial";

/** Black or white, whichever reads better on a band colour (hex without `#`). */
function textOn(hex: string): string {
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.55 ? "111111" : "FFFFFF";
}

/** Paragraphs, tables and images of a report, written in its direction. */
function writer(doc: ReportDocument, pngs: Map<PrintChart, Buffer>) {
  const rtl = doc.dir === "rtl";
  const align = rtl ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const run = (text: string, options: { bold?: boolean; size?: number; color?: string } = {}) =>
    new TextRun({ text, rightToLeft: rtl, ...options });
  const para = (
    text: string,
    options: { bold?: boolean; size?: number; after?: number; color?: string } = {},
  ) =>
    new Paragraph({
      children: [run(text, options)],
      bidirectional: rtl,
      alignment: align,
      spacing: { after: options.after ?? 120 },
    });
  const cell = (c: Cell, header = false) => {
    const fill = typeof c === "string" ? undefined : c.fill?.slice(1);
    const text = typeof c === "string" ? c : c.text;
    const lines = typeof c === "string" ? [] : (c.lines ?? []);
    return new TableCell({
      shading: header
        ? { type: ShadingType.CLEAR, fill: "E9EEF4", color: "auto" }
        : fill
          ? { type: ShadingType.CLEAR, fill, color: "auto" }
          : undefined,
      children: [text, ...lines].map(
        (t) =>
          new Paragraph({
            bidirectional: rtl,
            alignment: align,
            children: [run(t, { bold: header, size: 17, color: fill ? textOn(fill) : undefined })],
          }),
      ),
    });
  };
  const table = (b: Extract<Block, { kind: "table" }>) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: b.widths?.map((w) => Math.round(w * 96)),
      visuallyRightToLeft: rtl,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((h) => cell(h, true)) }),
        ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
      ],
    });
  const blocks = (list: Block[]): (Paragraph | Table)[] =>
    list.flatMap((b, i): (Paragraph | Table)[] => {
      switch (b.kind) {
        case "paragraph":
          return [para(b.text, { size: b.tone === "lead" ? 23 : undefined })];
        case "subheading":
          return [
            new Paragraph({
              heading: HeadingLevel.HEADING_2,
              bidirectional: rtl,
              alignment: align,
              children: [run(b.text)],
            }),
          ];
        case "list":
          return b.items.map(
            (i) =>
              new Paragraph({
                bullet: { level: 0 },
                bidirectional: rtl,
                alignment: align,
                children: [run(i)],
              }),
          );
        case "table":
          // A space after a table, unless it ends its part: there it would spill onto a blank page.
          return i < list.length - 1 ? [table(b), para("", { after: 60 })] : [table(b)];
        default:
          return [
            para(b.chart.title, { bold: true, after: 60 }),
            new Paragraph({
              bidirectional: rtl,
              keepLines: true,
              children: [
                new ImageRun({
                  type: "png",
                  data: pngs.get(b.chart)!,
                  transformation: { width: b.chart.width, height: b.chart.height },
                  altText: { name: b.chart.title, title: b.chart.title, description: b.chart.description },
                }),
              ],
            }),
          ];
      }
    });
  return { run, para, blocks, align, rtl };
}

/** A report as a Word document: the same cover, contents, sections and annex as the PDF. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const charts = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])));
  const images = charts.length
    ? await renderPngs(charts.map((c) => ({ fragment: c.svg, width: c.width, height: c.height })))
    : [];
  const w = writer(doc, new Map(charts.map((c, i) => [c, images[i]!])));
  const cover = [
    w.para(doc.index, { size: 26, color: BLUE, after: 480 }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      bidirectional: w.rtl,
      alignment: w.align,
      children: [w.run(doc.title)],
    }),
    w.para(doc.subtitle, { size: 26, after: 960 }),
    ...(doc.demoNotice ? [w.para(doc.demoNotice, { bold: true, color: "8A5A00" })] : []),
    w.para(doc.release, { bold: true }),
    w.para(doc.published),
  ];
  // The contents' title is a plain paragraph styled as a heading, so the contents do not list themselves.
  const contentsTitle = new Paragraph({
    bidirectional: w.rtl,
    alignment: w.align,
    spacing: { after: 200 },
    children: [
      new TextRun({ text: doc.contentsTitle, bold: true, size: 34, color: BLUE, rightToLeft: w.rtl }),
    ],
  });
  const contents = new TableOfContents(doc.contentsTitle, { hyperlink: true, headingStyleRange: "1-1" });
  const body = doc.sections.flatMap((s) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      bidirectional: w.rtl,
      alignment: w.align,
      children: [w.run(s.title)],
    }),
    ...w.blocks(s.blocks),
  ]);
  const [before, after] = doc.pageLabel.split("{page}") as [string, string];
  const [middle, end] = (after ?? "").split("{total}") as [string, string];
  const footer = new Footer({
    children: [
      new Paragraph({
        bidirectional: w.rtl,
        alignment: w.align,
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: "BCC5CF", space: 4 } },
        children: [
          new TextRun({
            text: `${doc.index} · ${doc.footerRelease}    `,
            size: 16,
            color: "52606D",
            rightToLeft: w.rtl,
          }),
          new TextRun({
            size: 16,
            color: "52606D",
            rightToLeft: w.rtl,
            children: [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES, end ?? ""],
          }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: "Childmark",
    title: doc.title,
    description: doc.release,
    // The contents are written with their page numbers, laid out as Word lays the pages out (docx's
    // estimator; `guess` keeps a number where it cannot follow Word exactly, e.g. a font it lacks),
    // and the field is clean: Word, LibreOffice and viewers that never update fields show them as
    // written, without asking. It costs a few seconds a country report; reports are cached.
    pageNumbers: estimatePageNumbersWith({ guess: true }),
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 } },
        heading1: {
          run: { font: FONT, size: 34, bold: true, color: BLUE },
          paragraph: { spacing: { after: 200 } },
        },
        heading2: {
          run: { font: FONT, size: 25, bold: true, color: BLUE },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        title: {
          run: { font: FONT, size: 56, bold: true, color: BLUE },
          paragraph: { spacing: { after: 240 } },
        },
      },
      // Right to left, the contents' entries are bidirectional paragraphs: the title starts at the
      // right margin and the page number, after the dotted end tab stop at the text's width, at
      // the left. The style named "toc 1" replaces docx's own, so Word keeps it when it updates.
      paragraphStyles: w.rtl
        ? [
            {
              id: "TOC1",
              name: "toc 1",
              basedOn: "Normal",
              next: "Normal",
              uiPriority: 39,
              semiHidden: true,
              unhideWhenUsed: true,
              // docx writes a style's `bidirectional` as <w:bidi/> (as a paragraph's) but its type
              // leaves it out.
              paragraph: {
                alignment: AlignmentType.RIGHT,
                spacing: { after: 100 },
                ...({ bidirectional: true } as unknown as IParagraphStylePropertiesOptions),
              },
              run: { rightToLeft: true },
            },
          ]
        : [],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1134, right: 1134, footer: 500 } } },
        footers: { default: footer },
        children: [
          ...cover,
          new Paragraph({ pageBreakBefore: true, children: [] }),
          contentsTitle,
          contents,
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A country's report as a Word document. */
export function countryReportDocx(
  snapshot: ReleaseSnapshot,
  country: string,
  lang: string,
  ctx: PortalContext,
): Promise<Buffer> {
  return reportDocx(countryReport(snapshot, country, lang, ctx));
}

/** The regional report as a Word document. */
export function regionalReportDocx(
  snapshot: ReleaseSnapshot,
  lang: string,
  ctx: PortalContext,
): Promise<Buffer> {
  return reportDocx(regionalReport(snapshot, lang, ctx));
}
