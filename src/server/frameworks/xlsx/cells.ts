import type ExcelJS from "exceljs";
import { restoreFormulaText } from "../../../core/index.ts";

/** A sheet read as rows keyed by lower-cased header, remembering each row's number. */
export interface SheetTable {
  sheet: string;
  /** Header names as written, in column order. */
  headers: string[];
  rows: { row: number; cells: Map<string, ExcelJS.CellValue> }[];
}

/** Reads a worksheet whose first row names the columns; empty rows are skipped. */
export function readSheetTable(ws: ExcelJS.Worksheet): SheetTable {
  const headers: string[] = [];
  const byColumn = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).trim();
    if (header) {
      headers.push(header);
      byColumn.set(col, header);
    }
  });
  const rows: SheetTable["rows"] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<string, ExcelJS.CellValue>();
    row.eachCell((cell, col) => {
      const header = byColumn.get(col);
      if (header && cellText(cell.value) !== "") cells.set(header, cell.value);
    });
    if (cells.size) rows.push({ row: number, cells });
  });
  return { sheet: ws.name, headers, rows };
}

/**
 * The text a person sees in a cell: formula results, rich text and links flattened; the `'` that
 * exports put before a formula character (`neutraliseWorkbook`) removed.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return restoreFormulaText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) {
    const result = value.result;
    if (result === undefined || result === null) return "";
    if (typeof result === "object" && "error" in result) return "";
    return cellText(result as ExcelJS.CellValue);
  }
  if ("error" in value) return "";
  return "";
}

/** The number in a cell, or NaN when it holds none. */
export function cellNumber(value: ExcelJS.CellValue | undefined): number {
  if (typeof value === "number") return value;
  const text = cellText(value).trim();
  return text === "" ? Number.NaN : Number(text);
}
