import type ExcelJS from "exceljs";
import type { FrameworkIssue, LocalText } from "../../../core/index.ts";
import { cellNumber, cellText, type SheetTable } from "./cells.ts";
import { splitTextColumn } from "./layout.ts";

type Row = SheetTable["rows"][number];

/**
 * Reads typed values out of one sheet row, collecting a located issue for each
 * cell that cannot be read (a word where a number belongs) instead of stopping.
 */
export class RowReader {
  constructor(
    private readonly table: SheetTable,
    private readonly row: Row,
    private readonly issues: FrameworkIssue[],
    private readonly path: (string | number)[],
  ) {}

  get rowNumber(): number {
    return this.row.row;
  }

  has(column: string): boolean {
    return this.row.cells.has(column);
  }

  /** Trimmed text of a cell, undefined when empty. */
  text(column: string): string | undefined {
    const text = cellText(this.row.cells.get(column)).trim();
    return text === "" ? undefined : text;
  }

  /** Text of a cell exactly as typed (for free text such as units), undefined when empty. */
  rawText(column: string): string | undefined {
    const text = cellText(this.row.cells.get(column));
    return text === "" ? undefined : text;
  }

  /** A number, undefined when empty; a located issue when it is not a number. */
  num(column: string): number | undefined {
    if (!this.has(column)) return undefined;
    const value = cellNumber(this.row.cells.get(column));
    if (Number.isFinite(value)) return value;
    this.fail(column, `${column} must be a number (found "${this.text(column)}")`);
    return undefined;
  }

  /** TRUE/FALSE, yes/no or 1/0; undefined when empty. */
  boolean(column: string): boolean | undefined {
    const raw = this.row.cells.get(column);
    if (typeof raw === "boolean") return raw;
    const text = this.text(column)?.toLowerCase();
    if (text === undefined) return undefined;
    if (["true", "yes", "1"].includes(text)) return true;
    if (["false", "no", "0"].includes(text)) return false;
    this.fail(column, `${column} must be TRUE or FALSE (found "${text}")`);
    return undefined;
  }

  /** A goalpost: a number or the word `data`. */
  goalpost(column: string): number | "data" | undefined {
    if (this.text(column)?.toLowerCase() === "data") return "data";
    return this.num(column);
  }

  /** The translations of a field from its `field::xx` columns (untrimmed); undefined when none. */
  localText(field: string): LocalText | undefined {
    const out: LocalText = {};
    for (const [header, value] of this.row.cells) {
      const split = splitTextColumn(header);
      if (split?.field === field) out[split.language] = cellText(value as ExcelJS.CellValue);
    }
    return Object.keys(out).length ? out : undefined;
  }

  /** Reports a filled cell that this kind of row does not use. */
  rejectFilled(columns: readonly string[], why: string): void {
    for (const column of columns) if (this.has(column)) this.fail(column, `${column} ${why}; leave it empty`);
  }

  fail(column: string, message: string): void {
    this.issues.push({
      path: [...this.path, column],
      message,
      location: { sheet: this.table.sheet, row: this.row.row, column },
    });
  }
}

/** The columns a sheet accepts: fixed names, translated fields (`label::xx`), and optionally a pattern. */
export interface SheetColumns {
  fixed: readonly string[];
  texts: readonly string[];
  extra?: (header: string) => boolean;
}

/** Reports header cells that are not known columns of the sheet. */
export function checkHeaders(table: SheetTable, columns: SheetColumns, issues: FrameworkIssue[]): void {
  for (const header of table.headers) {
    const known =
      columns.fixed.includes(header) ||
      isTextHeader(header, columns.texts) ||
      (columns.extra?.(header) ?? false);
    if (!known) {
      issues.push({
        path: [table.sheet],
        message: `unknown column "${header}"`,
        location: { sheet: table.sheet, row: 1, column: header },
      });
    }
  }
}

/** True for `field::language` headers of the given fields. */
export function isTextHeader(header: string, fields: readonly string[]): boolean {
  const split = splitTextColumn(header);
  return split !== undefined && fields.includes(split.field) && split.language.length >= 2;
}

/** Leaves out empty cells so the schema's defaults apply. */
export function dropUndefined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}
