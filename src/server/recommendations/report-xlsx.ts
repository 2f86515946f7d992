import { loadExcelJs } from "../exceljs.ts";
import { writeWorkbook } from "../frameworks/xlsx/neutralise-workbook.ts";
import { labelOf, type Report } from "./report-rows.ts";

/**
 * The follow-up report as a workbook: one row per recommendation and group (the same rows as the
 * Word report), so a coalition can sort and filter. Cells are plain values, never formulas: a text
 * starting with `=` is written `'=` (see `neutraliseWorkbook`).
 */
export async function renderReportXlsx(report: Report): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  const sheet = book.addWorksheet("Recommendations");
  sheet.columns = [
    { header: report.groupBy === "article" ? "UNCRC article" : "Cluster", key: "group", width: 30 },
    { header: "Symbol", key: "symbol", width: 18 },
    { header: "Paragraph", key: "paragraph", width: 10 },
    { header: "Session", key: "session", width: 10 },
    { header: "Recommendation", key: "text", width: 80 },
    { header: "Position", key: "position", width: 16 },
    { header: "Coalition status", key: "status", width: 20 },
    { header: "Assessed on", key: "assessedOn", width: 12 },
    { header: "Evidence", key: "evidence", width: 50 },
    { header: "Evidence links", key: "urls", width: 40 },
  ];
  for (const group of report.groups)
    for (const row of group.rows)
      sheet.addRow({
        group: group.heading,
        symbol: row.documentSymbol ?? "",
        paragraph: row.paragraph ?? "",
        session: row.session ?? "",
        text: row.text,
        position: row.position ? labelOf(row.position) : "",
        status: labelOf(row.status),
        assessedOn: row.assessedOn ?? "",
        evidence: row.evidenceText ?? "",
        urls: row.evidenceUrls.join("\n"),
      });
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return writeWorkbook(book);
}
