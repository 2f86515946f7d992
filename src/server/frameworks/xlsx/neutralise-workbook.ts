import type ExcelJS from "exceljs";
import { neutraliseFormula } from "../../../core/index.ts";

/**
 * Makes every text cell of a workbook safe to open and edit: a text starting with a formula
 * character gets the `'` of `neutraliseFormula` (it is stored as text already, but would become a
 * formula once a person edits the cell or saves the sheet as CSV). Numbers, dates and the
 * workbook's own formulas stay as they are. Call it on every workbook the server writes, just
 * before `writeBuffer`; `cellText` removes the quote again when such a workbook is imported.
 */
export function neutraliseWorkbook(book: ExcelJS.Workbook): void {
  for (const sheet of book.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === "string") {
          const safe = neutraliseFormula(cell.value);
          if (safe !== cell.value) cell.value = safe;
        }
      });
    });
  }
}

/** The workbook's bytes, its text cells neutralised first: the one way the server writes XLSX. */
export async function writeWorkbook(book: ExcelJS.Workbook): Promise<Buffer> {
  neutraliseWorkbook(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}
