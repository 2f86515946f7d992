import type ExcelJS from "exceljs";
import { UserError } from "../errors.ts";
import { loadExcelJs } from "../exceljs.ts";
import { guardZip } from "./zip-guard.ts";

/** True when bytes start like a zip archive (every XLSX, DOCX and ODS file does). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/**
 * Opens XLSX bytes with ExcelJS, but only after `guardZip` has refused
 * oversized, damaged and zip-bomb archives; any failure inside ExcelJS becomes
 * a UserError naming the file. `advice` says what to send instead.
 */
export async function openXlsx(
  bytes: Uint8Array,
  fileName: string,
  advice: string[],
): Promise<ExcelJS.Workbook> {
  if (!looksLikeZip(bytes)) {
    throw new UserError(
      `${fileName} is not an XLSX spreadsheet (an .xlsx file is a zip archive starting with "PK")`,
      advice,
    );
  }
  await guardZip(bytes, fileName, { kind: "XLSX spreadsheet", advice });
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (error) {
    throw new UserError(
      `${fileName} is not a readable XLSX spreadsheet: ${(error as Error).message}`,
      advice,
    );
  }
  if (workbook.worksheets.length === 0) throw new UserError(`${fileName} has no worksheets`, advice);
  return workbook;
}
