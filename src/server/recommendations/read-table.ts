import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { UserError } from "../errors.ts";
import { looksLikeZip, openXlsx } from "../files/open-xlsx.ts";

/** A row of an imported table: its line (CSV) or row number (XLSX) and its cells by column name. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  columns: string[];
  rows: TableRow[];
  /** The encoding detected for CSV, `xlsx` for workbooks. */
  encoding: TextEncodingName | "xlsx";
}

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM) when valid; otherwise a single-byte encoding,
 * Windows Latin-1 or Mac Roman (UPR Info's files are old Mac files: CR line ends, "Hiss\x8fne"),
 * whichever reads as more plausible text. UTF-16 and binary files are refused with what to do.
 */
export function decodeCsv(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  const head = bytes.subarray(0, 4096);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.includes(0)) {
    throw new UserError(
      `${fileName}: the file is not text in UTF-8 or Latin-1 (it looks like UTF-16 or a binary file): save it as "CSV UTF-8" or XLSX`,
    );
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    const latin = decodeWindows1252(bytes);
    const mac = new TextDecoder("macintosh").decode(bytes);
    return plausibility(mac) > plausibility(latin)
      ? { text: mac, encoding: "mac-roman" }
      : { text: latin, encoding: "latin-1" };
  }
}

/** Windows-1252 characters of bytes 0x80–0x9F (Node's decoder reads them as C1 controls, like ISO-8859-1). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("latin1")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export type TextEncodingName = "utf-8" | "latin-1" | "mac-roman";

const PUNCTUATION = new Set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb\u00b0");

/**
 * How much the non-ASCII characters of a decoding look like text: a lower-case letter, a capital
 * not inside a lower-case word, or common punctuation count for; anything else counts against.
 */
function plausibility(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch.charCodeAt(0) < 0x80) continue;
    const previous = text[i - 1] ?? " ";
    const isLower = /\p{Ll}/u.test(ch);
    const isUpper = /\p{Lu}/u.test(ch);
    if (isLower || (isUpper && !/\p{Ll}/u.test(previous)) || PUNCTUATION.has(ch)) score++;
    else score--;
  }
  return score;
}

const TABLE_ADVICE = ['save the table from Excel or LibreOffice as .xlsx or as "CSV UTF-8"'];

/**
 * Reads a CSV or XLSX file (by its name's extension, else by its first bytes) into named rows.
 * A name with another extension (.pdf, .ods, .exe) is refused before anything is read.
 */
export async function readTable(
  bytes: Buffer,
  fileName: string,
  options: { detectDelimiter?: boolean } = {},
): Promise<Table> {
  const extension = /\.([^./\\]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension && !["csv", "txt", "xlsx"].includes(extension)) {
    throw new UserError(
      `${fileName}: only CSV or XLSX files can be imported, not .${extension}`,
      TABLE_ADVICE,
    );
  }
  if (extension === "xlsx" || looksLikeZip(bytes)) return readWorkbook(bytes, fileName);
  return readCsv(bytes, fileName, options.detectDelimiter);
}

function readCsv(bytes: Buffer, fileName: string, detectDelimiter = false): Table {
  const { text, encoding } = decodeCsv(bytes, fileName);
  // Old Mac files end lines with a lone CR: make every line end the same before parsing.
  const unified = text.replace(/\r\n?/g, "\n");
  let records: string[][];
  try {
    // KoboToolbox writes `;` between cells by default: the header line says which it is.
    const header = unified.slice(0, unified.indexOf("\n") >>> 0);
    const delimiter = detectDelimiter && header.split(";").length > header.split(",").length ? ";" : ",";
    records = parse(unified, { relax_column_count: true, skip_empty_lines: true, bom: true, delimiter });
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
  const workbook = await openXlsx(bytes, fileName, TABLE_ADVICE);
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

/**
 * Reads a CSV or XLSX file (first sheet) as rows of cells, with no header assumed (a World
 * Bank download, say, starts with lines of preamble). Blank rows are kept as empty arrays so
 * that row numbers match the file's lines (CSV) or rows (XLSX).
 */
export async function readRecords(bytes: Buffer, fileName: string): Promise<string[][]> {
  const extension = /\.([^./\\]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension && !["csv", "txt", "xlsx"].includes(extension)) {
    throw new UserError(
      `${fileName}: only CSV or XLSX files can be imported, not .${extension}`,
      TABLE_ADVICE,
    );
  }
  if (extension === "xlsx" || looksLikeZip(bytes)) {
    const workbook = await openXlsx(bytes, fileName, TABLE_ADVICE);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new UserError(`${fileName}: the workbook has no sheet`);
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const record: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        record[col - 1] = cellText(cell.value);
      });
      rows[number - 1] = Array.from(record, (v) => v ?? "");
    });
    return Array.from(rows, (r) => r ?? []);
  }
  const { text } = decodeCsv(bytes, fileName);
  try {
    return parse(text.replace(/\r\n?/g, "\n"), {
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (error) {
    throw new UserError(`${fileName}: not a readable CSV file: ${(error as Error).message}`);
  }
}
