import { matchColumns } from "../../core/index.ts";
import type { ImportPreview } from "../api-schemas/recommendations.ts";
import { readTable } from "./read-table.ts";

const SAMPLE_ROWS = 5;

/** An uploaded file's name reduced to letters, digits, dots, dashes and spaces (at most 200). */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.\- ]+/g, "_").slice(0, 200) || "upload";
}

/**
 * Reads a CSV or XLSX file as the import would (same encodings, same header rules) and returns
 * its columns, row count, first rows and the fields its columns' names match, so a person can say which column is which field
 * before importing. Nothing is written.
 */
export async function previewTable(bytes: Buffer, fileName: string): Promise<ImportPreview> {
  const table = await readTable(bytes, fileName);
  return {
    fileName,
    encoding: table.encoding,
    columns: table.columns,
    rowCount: table.rows.length,
    sample: table.rows.slice(0, SAMPLE_ROWS).map((row) => row.cells),
    mapping: matchColumns(table.columns),
  };
}
