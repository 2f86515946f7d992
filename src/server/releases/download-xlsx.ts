import { type ReleaseSnapshot, releaseImputedCounts } from "../../core/index.ts";
import { answerRows } from "../../core/publishing/answers-table.ts";
import {
  aboutRows,
  inDefaultLanguage,
  itemLabel,
  releaseForCountry,
} from "../../core/publishing/downloads.ts";
import { loadExcelJs } from "../exceljs.ts";
import { writeWorkbook } from "../frameworks/xlsx/neutralise-workbook.ts";

/**
 * A release (or one country of it) as a workbook: scores (long format, as the CSV), answers with
 * their evidence, the indicators, and "About" (the release, how to cite it). Cells are plain
 * values, never formulas: a text starting with `=` is written `'=` (see `neutraliseWorkbook`).
 */
export async function releaseXlsx(snapshot: ReleaseSnapshot, country?: string): Promise<Buffer> {
  const s = releaseForCountry(snapshot, country);
  const fw = s.framework;
  const names = new Map(s.countries.map((c) => [c.code, inDefaultLanguage(c.name, fw)]));
  const book = new (await loadExcelJs()).Workbook();
  book.created = new Date(s.release.publishedAt);
  book.title = `${inDefaultLanguage(fw.title, fw)} — ${s.release.slug}`;

  const scores = book.addWorksheet("Scores");
  scores.columns = [
    { header: "Country", key: "country", width: 9 },
    { header: "Country name", key: "countryName", width: 22 },
    { header: "Item", key: "item", width: 24 },
    { header: "Kind", key: "kind", width: 14 },
    { header: "Label", key: "label", width: 60 },
    { header: "Score", key: "score", width: 9 },
    { header: "Band", key: "band", width: 12 },
    { header: "Rank", key: "rank", width: 7 },
    { header: "Coverage", key: "coverage", width: 10 },
    { header: "Change", key: "change", width: 9 },
    { header: "Imputed", key: "imputed", width: 9 },
  ];
  const imputed = releaseImputedCounts(s);
  for (const row of s.scores)
    scores.addRow({
      ...row,
      countryName: names.get(row.country),
      label: itemLabel(fw, row.item, row.kind),
      imputed: imputed(row.country, row.item),
    });

  const answers = book.addWorksheet("Answers");
  answers.columns = [
    { header: "Country", key: "country", width: 9 },
    { header: "Country name", key: "countryName", width: 22 },
    { header: "Indicator", key: "indicator", width: 14 },
    { header: "Section", key: "section", width: 24 },
    { header: "Question", key: "question", width: 60 },
    { header: "Answer", key: "value", width: 12 },
    { header: "Meaning", key: "meaning", width: 16 },
    { header: "Comment", key: "comment", width: 40 },
    { header: "Sources", key: "sourceCount", width: 9 },
    { header: "Evidence", key: "evidence", width: 70 },
  ];
  for (const row of answerRows(s, fw.defaultLanguage))
    answers.addRow({ ...row, countryName: names.get(row.country), evidence: row.sources.join("\n") });
  answers.getColumn("evidence").alignment = { wrapText: true, vertical: "top" };

  const indicators = book.addWorksheet("Indicators");
  indicators.columns = [
    { header: "Indicator", key: "code", width: 14 },
    { header: "Section", key: "node", width: 16 },
    { header: "Type", key: "type", width: 11 },
    { header: "Question", key: "text", width: 70 },
    { header: "Weight", key: "weight", width: 8 },
    { header: "Classifications", key: "classifications", width: 40 },
  ];
  for (const i of fw.indicators)
    indicators.addRow({
      code: i.code,
      node: i.node,
      type: i.type,
      text: inDefaultLanguage(i.text, fw),
      weight: i.weight,
      classifications: Object.entries(i.classifications)
        .map(([k, v]) => `${k}: ${v.join(", ")}`)
        .join("; "),
    });

  const about = book.addWorksheet("About");
  about.columns = [
    { header: "", key: "k", width: 24 },
    { header: "", key: "v", width: 100 },
  ];
  for (const [k, v] of aboutRows(snapshot, country)) about.addRow({ k, v });

  for (const sheet of [scores, answers, indicators]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  about.getColumn(1).font = { bold: true };
  return writeWorkbook(book);
}
