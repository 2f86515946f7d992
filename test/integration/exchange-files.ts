export { storedZip } from "../support/zip.ts";

import ExcelJS from "exceljs";

/** A multipart/form-data body holding one file, as a browser would send it. */
export function multipartFile(
  bytes: Uint8Array,
  fileName: string,
  type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----childmark-test-boundary";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** Opens workbook bytes with ExcelJS. */
export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** The column number of a header in the first row of a sheet. */
export function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column "${header}"`);
  return found;
}

/** The row number of an indicator code in the answers sheet. */
export function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  const col = columnOf(ws, "indicator");
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === code) return r;
  throw new Error(`no row for ${code}`);
}

/**
 * Fills cells of the answers sheet by indicator code, like a person would in
 * a spreadsheet, and returns the saved bytes.
 */
export async function fillAnswers(
  bytes: Uint8Array,
  edits: Record<string, Partial<Record<"value" | "justification" | "version", ExcelJS.CellValue>>>,
): Promise<Buffer> {
  const wb = await openWorkbook(bytes);
  const ws = wb.getWorksheet("answers");
  if (!ws) throw new Error("no answers sheet");
  for (const [code, cells] of Object.entries(edits)) {
    const row = ws.getRow(rowOf(ws, code));
    for (const [header, value] of Object.entries(cells)) row.getCell(columnOf(ws, header)).value = value;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
