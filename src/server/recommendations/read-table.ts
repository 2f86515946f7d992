import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { UserError } from "../errors.ts";

/** A row of an imported table: its line (CSV) or row number (XLSX) and its cells by column name. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  columns: string[];
  rows: TableRow[];
  /** `utf-8` or `latin-1` for CSV (as detected), `xlsx` for workbooks. */
  encoding: "utf-8" | "latin-1" | "xlsx";
}

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM) when valid, otherwise Latin-1 (Windows-1252), as
 * UPR Info's files are. UTF-16 and binary files are refused with a message saying what to do.
 */
export function decodeCsv(
  bytes: Uint8Array,
  fileName: string,
): { text: string; encoding: "utf-8" | "latin-1" } {
  const head = bytes.subarray(0, 4096);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.includes(0)) {
    throw new UserError(
      `${fileName}: the file is not text in UTF-8 or Latin-1 (it looks like UTF-16 or a binary file): save it as "CSV UTF-8" or XLSX`,
    );
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "latin-1" };
  }
}

/** Reads a CSV or XLSX file (by its name's extension, else by its first bytes) into named rows. */
export async function readTable(bytes: Buffer, fileName: string): Promise<Table> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) return readWorkbook(bytes, fileName);
  return readCsv(bytes, fileName);
}

function readCsv(bytes: Buffer, fileName: string): Table {
  const { text, encoding } = decodeCsv(bytes, fileName);
  // Old Mac files end lines with a lone CR: make every line end the same before parsing.
  const unified = text.replace(/\r\n?/g, "\n");
  let records: string[][];
  try {
    records = parse(unified, { relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    throw new UserError(`${fileName}: not a readable CSV file: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new UserError(`${fileName}: the file is empty`);
  const columns = header.map((c) => c.trim());
  // Line numbers: the header is line 1 and skipped blank lines are rare; records keep their order.
  const lines = recordLines(unified);
  return {
    columns,
    encoding,
    rows: body.map((record, i) => ({ line: lines[i + 1] ?? i + 2, cells: toCells(columns, record) })),
  };
}

/** The line on which each CSV record starts, counting quoted line breaks inside cells. */
function recordLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (atStart && ch !== 10) {
      starts.push(line);
      atStart = false;
    }
    if (ch === 34) quoted = !quoted;
    else if (ch === 10) {
      line++;
      if (!quoted) atStart = true;
    }
  }
  return starts;
}

async function readWorkbook(bytes: Buffer, fileName: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UserError(`${fileName}: not a readable XLSX workbook`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UserError(`${fileName}: the workbook has no sheet`);
  const columns: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    columns[col - 1] = cellText(cell.value).trim();
  });
  const rows: TableRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const record: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      record[col - 1] = cellText(cell.value);
    });
    if (record.some((v) => v && v.trim() !== ""))
      rows.push({ line: number, cells: toCells(columns, record) });
  });
  return { columns, rows, encoding: "xlsx" };
}

/** The text of a cell: numbers as written (Excel date serials stay numbers), dates as ISO days. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

function toCells(columns: string[], record: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column) cells[column] = record[i] ?? "";
  });
  return cells;
}
