import { printPdf } from "./chromium.ts";
import { destinationPages } from "./pdf-destinations.ts";
import { reportFooter, reportHtml } from "./report-html.ts";
import type { ReportDocument } from "./report-model.ts";

/**
 * Prints a report to an A4 PDF with its footer (index, release, date, page n of N) on every page.
 * It is printed twice: the first printing tells on which page each section starts (the links of
 * the table of contents become named destinations), the second writes those pages into the table.
 */
export async function reportPdf(doc: ReportDocument): Promise<Buffer> {
  const footer = reportFooter(doc);
  const first = await printPdf(reportHtml(doc), footer);
  const pages = destinationPages(first);
  return pages.size ? printPdf(reportHtml(doc, pages), footer) : first;
}
