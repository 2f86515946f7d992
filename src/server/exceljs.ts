import type ExcelJS from "exceljs";

/**
 * ExcelJS, loaded on first use: it adds ~30 MB to a process, which a server
 * that reads and writes no spreadsheet, or a CLI command like
 * `framework list`, should not pay at start.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
