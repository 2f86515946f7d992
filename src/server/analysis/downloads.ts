import {
  type PublicAnalysis,
  type ReleaseSnapshot,
  uncertaintyCsv,
  uncertaintyJson,
  uncertaintyRows,
} from "../../core/index.ts";
import { loadExcelJs } from "../exceljs.ts";
import { writeWorkbook } from "../frameworks/xlsx/neutralise-workbook.ts";

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
} as const;

/** `downloads/{slug}.uncertainty.{csv,xlsx,json}`: the file's format, or null for another path. */
export function uncertaintyDownloadFormat(path: string, slug: string): keyof typeof TYPES | null {
  const match = /^downloads\/(.+)\.uncertainty\.(csv|xlsx|json)$/.exec(path);
  return match && match[1] === slug ? (match[2] as keyof typeof TYPES) : null;
}

/**
 * The draws' summary of a release's published analysis: CSV (one row per country), JSON (the whole
 * analysis and its set-up) or XLSX (countries, sensitivity, leave-one-out, set-up).
 */
export async function uncertaintyDownload(
  snapshot: ReleaseSnapshot,
  analysis: PublicAnalysis,
  format: keyof typeof TYPES,
): Promise<{ body: string | Buffer; contentType: string }> {
  if (format === "csv") return { body: uncertaintyCsv(snapshot, analysis), contentType: TYPES.csv };
  if (format === "json") return { body: uncertaintyJson(snapshot, analysis), contentType: TYPES.json };
  const book = new (await loadExcelJs()).Workbook();
  book.created = new Date(analysis.publishedAt);
  const countries = book.addWorksheet("Countries");
  for (const row of uncertaintyRows(snapshot, analysis)) countries.addRow(row);
  const sensitivity = book.addWorksheet("Sensitivity");
  sensitivity.addRow(["choice", "first_order_sobol", "total_sobol"]);
  for (const f of analysis.result.factors) sensitivity.addRow([f.key, f.first, f.total]);
  const loo = book.addWorksheet("Leave one out");
  loo.addRow(["item", "kind", "mean_rank_shift", "max_rank_shift"]);
  for (const x of analysis.result.leaveOneOut) loo.addRow([x.item, x.kind, x.meanShift, x.maxShift]);
  const about = book.addWorksheet("About");
  about.addRow(["release", snapshot.release.slug]);
  about.addRow(["analysis version", analysis.version]);
  about.addRow(["published", analysis.publishedAt]);
  about.addRow(["evaluations", analysis.result.evaluations]);
  about.addRow(["settings", JSON.stringify(analysis.settings)]);
  return { body: await writeWorkbook(book), contentType: TYPES.xlsx };
}
