/*
 * A report as content, independent of its format: the PDF (HTML printed by Chromium) and the
 * DOCX are both written from one ReportDocument, so they say the same thing.
 */

/** A chart drawn for print: an SVG at its printed size (1 CSS px = 1/96 in), never scaled. */
export interface PrintChart {
  svg: string;
  width: number;
  height: number;
  title: string;
  /** The chart's data in words: its text alternative. */
  description: string;
}

export type Cell = string | { text: string; fill?: string; lines?: string[] };

export type Block =
  | { kind: "paragraph"; text: string; tone?: "lead" | "note" }
  | { kind: "subheading"; text: string }
  | { kind: "chart"; chart: PrintChart }
  | { kind: "table"; head: string[]; rows: Cell[][]; widths?: number[] }
  | { kind: "list"; items: string[] };

/** A top-level part of the report: a Heading 1, an entry of the table of contents. */
export interface ReportSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  lang: string;
  dir: "ltr" | "rtl";
  /** The index's name, above the title on the cover. */
  index: string;
  title: string;
  /** Who the report is for, under the title. */
  subtitle: string;
  /** The release and its date, on the cover and in every page's footer. */
  release: string;
  published: string;
  /** The release and its date, short enough for a footer line. */
  footerRelease: string;
  demoNotice: string | null;
  /** `Page {page} of {total}` with the placeholders left in. */
  pageLabel: string;
  contentsTitle: string;
  sections: ReportSection[];
}
