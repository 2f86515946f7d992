import type ExcelJS from "exceljs";
import { UserError } from "../../errors.ts";
import { loadExcelJs } from "../../exceljs.ts";
import { checkZip } from "./check-zip.ts";

/**
 * Opens XLSX bytes with ExcelJS, but only after `checkZip` has refused
 * oversized, damaged and zip-bomb archives; any failure inside ExcelJS becomes
 * a UserError naming the file.
 */
export async function loadWorkbook(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) {
    throw new UserError(
      `${name} is not an XLSX spreadsheet (an .xlsx file is a zip archive starting with "PK")`,
      ["save it from Excel or LibreOffice as .xlsx (not .xls, .ods or .csv), or use a framework .json file"],
    );
  }
  checkZip(bytes, name);
  const wb = new (await loadExcelJs()).Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (error) {
    throw new UserError(`${name} is not a readable XLSX spreadsheet: ${(error as Error).message}`);
  }
  if (wb.worksheets.length === 0) throw new UserError(`${name} has no worksheets`);
  return wb;
}
