import type ExcelJS from "exceljs";
import { DROPDOWNS } from "./layout.ts";

export type CellInput = string | number | boolean | undefined;

/** Rows beyond the data that still get drop-down lists, so new rows can be typed in. */
const SPARE_ROWS = 500;
const HEADER_FILL = "FF1E6F5C";

interface ValidatedSheet {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * Adds a list sheet a methodologist can work in: bold coloured header row,
 * frozen, filterable, columns sized to their content, and drop-down lists on
 * the columns with a fixed set of values (type, direction, aggregation …).
 */
export function addListSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: Record<string, CellInput>[],
  notes: Record<string, string> = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = headers.map((header) => ({ header, key: header, width: widthOf(header, rows) }));
  for (const row of rows) {
    ws.addRow(headers.map((h) => (row[h] === undefined ? null : row[h])));
  }
  styleHeader(ws.getRow(1), headers, notes);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, headers.length) } };
  const last = rows.length + SPARE_ROWS + 1;
  headers.forEach((header, i) => {
    const values = DROPDOWNS[header];
    if (!values) return;
    const letter = ws.getColumn(i + 1).letter;
    (ws as unknown as ValidatedSheet).dataValidations.add(`${letter}2:${letter}${last}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${values.join(",")}"`],
      showErrorMessage: true,
      errorTitle: header,
      error: `Choose one of: ${values.join(", ")}`,
    });
  });
  return ws;
}

function styleHeader(row: ExcelJS.Row, headers: string[], notes: Record<string, string>): void {
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.alignment = { vertical: "middle" };
  headers.forEach((header, i) => {
    const cell = row.getCell(i + 1);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    const note = notes[header] ?? notes[header.split("::")[0] ?? ""];
    if (note) cell.note = note;
  });
}

function widthOf(header: string, rows: Record<string, CellInput>[]): number {
  let longest = header.length;
  for (const row of rows) longest = Math.max(longest, String(row[header] ?? "").length);
  return Math.min(60, Math.max(8, longest + 2));
}
