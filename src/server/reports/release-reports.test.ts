import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoReleases } from "../../../test/support/release-fixture.ts";
import type { ReleaseSnapshot } from "../../core/index.ts";
import type { PortalContext } from "../../portal/context.ts";
import { CHROMIUM_PATH, closeChromium } from "./chromium.ts";
import { countryReport } from "./country-report.ts";
import { MIN_LABEL_PT } from "./print-charts.ts";
import { regionalReport } from "./regional-report.ts";
import { reportFile } from "./release-reports.ts";
import type { ReportDocument } from "./report-model.ts";

const hasTools =
  existsSync(CHROMIUM_PATH) && existsSync("/usr/bin/pdftoppm") && existsSync("/usr/bin/pdftotext");
if (!hasTools) console.warn("skipping report rendering: needs Chromium, pdftoppm and pdftotext");

/** Where the rendered pages are left to be looked at (CHILDMARK_REPORT_PNGS to keep them elsewhere). */
const OUT = process.env.CHILDMARK_REPORT_PNGS ?? join(tmpdir(), `childmark-report-pages-${process.pid}`);

let second: ReleaseSnapshot;
let ctx: PortalContext;

beforeAll(async () => {
  ({ second } = await buildDemoReleases());
  ctx = { releases: [], languages: ["en", "fr", "ar"], mode: "static" };
  mkdirSync(OUT, { recursive: true });
});
afterAll(closeChromium);

/** Every font-size of a chart's SVG, in points. */
function fontSizesPt(svg: string): number[] {
  return [...svg.matchAll(/font-size="([\d.]+)(pt|px)?"/g)].map((m) =>
    m[2] === "pt" ? Number(m[1]) : (Number(m[1]) * 72) / 96,
  );
}

function chartsOf(doc: ReportDocument) {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])));
}

/** The entries of a DOCX's table of contents: each heading's title and the page number written for it. */
function contentsOf(xml: string): { title: string; page: number }[] {
  const start = xml.indexOf("TOC \\h \\o");
  const field = xml.slice(start, xml.indexOf("</w:sdtContent>", start));
  return [...field.matchAll(/<w:hyperlink [^>]*>([\s\S]*?)<\/w:hyperlink>/g)].map((m) => {
    const texts = [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]!);
    return { title: texts[0]!, page: Number(texts.at(-1)) };
  });
}

/** A DOCX laid out by LibreOffice (when installed), as the text of each page. */
function libreOfficePages(docx: Buffer, name: string): string[] {
  const dir = join(OUT, `${name}-lo`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.docx`), docx);
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, join(dir, `${name}.docx`)], {
    stdio: "ignore",
    timeout: 120_000,
  });
  return execFileSync("pdftotext", ["-layout", join(dir, `${name}.pdf`), "-"], { maxBuffer: 64 << 20 })
    .toString("utf8")
    .split("\f");
}

describe("report content", () => {
  it("draws every chart at its printed size with labels of at least 8 pt", () => {
    const docs = [countryReport(second, "MD", "en", ctx), regionalReport(second, "ar", ctx)];
    const charts = docs.flatMap(chartsOf);
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      const box = chart.svg.match(/viewBox="0 0 (\d+) (\d+)"/)!;
      // Width and height equal the viewBox: the SVG is never scaled, so 9 pt prints as 9 pt.
      expect(chart.svg).toContain(`width="${box[1]}" height="${box[2]}"`);
      const sizes = fontSizesPt(chart.svg);
      expect(sizes.length, chart.title).toBeGreaterThan(3);
      expect(Math.min(...sizes), chart.title).toBeGreaterThanOrEqual(MIN_LABEL_PT);
      expect(chart.svg).not.toMatch(/<text[^>]*>[^<]{60,}<\/text>/);
    }
  });

  it("holds every published answer of the country with its sources, and the methodology annex", () => {
    const doc = countryReport(second, "MD", "en", ctx);
    expect(doc.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining(["summary", "sections", "answers", "methodology"]),
    );
    expect(doc.sections.at(-1)!.id).toBe("methodology");
    const answers = doc.sections.find((s) => s.id === "answers")!;
    const rows = answers.blocks.flatMap((b) => (b.kind === "table" ? b.rows : []));
    expect(rows).toHaveLength(second.framework.indicators.length);
    const cited = second.answers.find((a) => a.country === "MD" && a.evidence.length)!;
    const row = rows.find((r) => r[0] === cited.indicator)!;
    const sources = row[3]!;
    expect(typeof sources === "string" ? sources : sources.text).toContain(cited.evidence[0]!.citation!);
  });
});

describe.skipIf(!hasTools)("printed reports", () => {
  /** Renders a PDF's pages to PNGs (kept in OUT) and returns its text per page (pdftotext). */
  function inspect(pdf: Buffer, name: string): { pages: string[]; pngs: string[] } {
    const file = join(OUT, `${name}.pdf`);
    writeFileSync(file, pdf);
    execFileSync("pdftoppm", ["-png", "-r", "60", file, join(OUT, name)]);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 << 20 }).toString("utf8");
    const pngs = readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"));
    return { pages: text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim()), pngs };
  }

  it("prints a country report with a cover, contents with page numbers and a footer on every page", async () => {
    const { body } = await reportFile(second, { lang: "en", country: "MD", format: "pdf", ctx });
    const { pages, pngs } = inspect(body, "md-en");
    expect(pngs).toHaveLength(pages.length);
    expect(pages.length).toBeGreaterThan(6);
    const total = pages.length;
    expect(pages[0]).toContain("Moldova");
    expect(pages[0]).toContain(second.release.slug);
    // Every page ends with the release line and "Page n of N".
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${total}`);
      expect(page, `page ${i + 1}`).toContain(second.release.slug);
    });
    // The contents name each part with the page it starts on.
    const doc = countryReport(second, "MD", "en", ctx);
    const toc = pages[1]!;
    expect(toc).toContain("Contents");
    for (const section of doc.sections) {
      const line = toc.split("\n").find((l) => l.includes(section.title));
      expect(line, section.title).toBeDefined();
      const page = Number(line!.trim().split(/\s+/).at(-1));
      expect(pages[page - 1], `${section.title} on page ${page}`).toContain(section.title);
    }
    expect(pages.join("\n")).toContain("Annex: Methodology");
  });

  it("prints the regional report in Arabic, right to left", async () => {
    const { body } = await reportFile(second, { lang: "ar", format: "pdf", ctx });
    const { pages } = inspect(body, "regional-ar");
    expect(pages.length).toBeGreaterThan(4);
    expect(pages[1]).toContain("المحتويات");
  });

  it("writes the DOCX with the same parts as real Heading 1 and Heading 2, contents and a page-numbered footer", async () => {
    const { body } = await reportFile(second, { lang: "en", country: "MD", format: "docx", ctx });
    writeFileSync(join(OUT, "md-en.docx"), body);
    const zip = await JSZip.loadAsync(body);
    const xml = await zip.file("word/document.xml")!.async("string");
    const doc = countryReport(second, "MD", "en", ctx);
    const headings = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map(
      (m) => m[1],
    );
    expect(headings).toEqual(doc.sections.map((s) => s.title));
    expect(xml.includes('w:val="Heading2"')).toBe(true);
    // A table of contents field with an entry per part: a link to its heading and the page it
    // starts on, written in the file (the field is clean, so Word shows it as written, no update).
    expect(xml.includes("TOC \\h \\o")).toBe(true);
    expect([...xml.matchAll(/PAGEREF _Toc\d+ \\h/g)]).toHaveLength(doc.sections.length);
    const entries = contentsOf(xml);
    expect(entries.map((e) => e.title)).toEqual(doc.sections.map((s) => s.title));
    // Cover on page 1, contents on page 2; each part starts a new page after the one before.
    expect(entries[0]!.page).toBe(3);
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]!.page, entries[i]!.title).toBeGreaterThan(entries[i - 1]!.page);
    // The answers (158 rows) take several pages: the annex starts well after them.
    const answersAt = entries.find((e) => e.title === "Answers and their sources")!.page;
    expect(entries.at(-1)!.page).toBeGreaterThan(answersAt + 2);
    expect(xml).not.toContain('w:dirty="true"');
    expect(await zip.file("word/settings.xml")!.async("string")).not.toContain("updateFields");
    // Where LibreOffice is installed, its layout puts each heading on the page the contents name.
    if (existsSync("/usr/bin/soffice")) {
      const pages = libreOfficePages(body, "md-en-docx");
      for (const e of entries) expect(pages[e.page - 1]!.trim().startsWith(e.title), e.title).toBe(true);
    }
    expect((await zip.file(/word\/footer\d*\.xml/)[0]!.async("string")).includes("PAGE")).toBe(true);
    expect(Object.keys(zip.files).filter((f) => f.startsWith("word/media/")).length).toBe(
      chartsOf(doc).length,
    );
    // The answers and their sources are in the document.
    const cited = second.answers.find((a) => a.country === "MD" && a.evidence.length)!;
    expect(xml.includes(cited.evidence[0]!.citation!.replaceAll("&", "&amp;"))).toBe(true);
  });

  it("writes the Arabic DOCX's contents right to left: bidirectional entries, page numbers after an end tab stop", async () => {
    const { body } = await reportFile(second, { lang: "ar", country: "MD", format: "docx", ctx });
    writeFileSync(join(OUT, "md-ar.docx"), body);
    const zip = await JSZip.loadAsync(body);
    const xml = await zip.file("word/document.xml")!.async("string");
    const styles = await zip.file("word/styles.xml")!.async("string");
    // One "toc 1" style, bidirectional, its runs right to left.
    const tocStyles = [
      ...styles.matchAll(
        /<w:style w:type="paragraph" w:styleId="(\w+)">(?:(?!<\/w:style>)[\s\S])*?<w:name w:val="toc 1"\/>[\s\S]*?<\/w:style>/g,
      ),
    ];
    expect(tocStyles).toHaveLength(1);
    expect(tocStyles[0]![0]).toContain("<w:bidi/>");
    expect(tocStyles[0]![0]).toContain("<w:rtl/>");
    // Every entry is a paragraph of that style, with the dotted tab stop at the text's width
    // before its page number (in a bidirectional paragraph it is measured from the right margin).
    const start = xml.indexOf("TOC \\h \\o");
    const field = xml.slice(xml.lastIndexOf("<w:sdtContent>", start), xml.indexOf("</w:sdtContent>", start));
    const entries = [...field.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].filter((p) => p[1]!.includes("PAGEREF"));
    const doc = countryReport(second, "MD", "ar", ctx);
    expect(entries).toHaveLength(doc.sections.length);
    for (const [entry] of entries) {
      expect(entry).toContain(`<w:pStyle w:val="${tocStyles[0]![1]}"/>`);
      expect(entry).toMatch(/<w:tab w:val="right" w:pos="9638" w:leader="dot"\/>/);
    }
    expect(contentsOf(xml).map((e) => e.title)).toEqual(doc.sections.map((s) => s.title));
    // The English report's contents stay left to right.
    const en = await JSZip.loadAsync(
      (await reportFile(second, { lang: "en", country: "MD", format: "docx", ctx })).body,
    );
    const enStyles = await en.file("word/styles.xml")!.async("string");
    expect(enStyles.match(/<w:name w:val="toc 1"\/>[\s\S]*?<\/w:style>/)![0]).not.toContain("<w:bidi/>");
  });
});
