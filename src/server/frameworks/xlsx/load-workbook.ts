import type ExcelJS from "exceljs";
import { openXlsx } from "../../files/open-xlsx.ts";

/** Opens a framework workbook behind the zip guard (see `openXlsx`). */
export async function loadWorkbook(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  return openXlsx(bytes, name, [
    "save it from Excel or LibreOffice as .xlsx (not .xls, .ods or .csv), or use a framework .json file",
  ]);
}
