import ExcelJS from "exceljs";

/** The exported workbook with the value of `indicator` set to `value` (as a person would type it). */
export async function editWorkbook(bytes: Buffer, indicator: string, value: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = book.getWorksheet("answers");
  if (!sheet) throw new Error("no answers sheet");
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const codeColumn = headers.indexOf("indicator");
  const valueColumn = headers.indexOf("value");
  let found = false;
  sheet.eachRow((row) => {
    if (String(row.getCell(codeColumn).value) === indicator) {
      row.getCell(valueColumn).value = value;
      found = true;
    }
  });
  if (!found) throw new Error(`indicator ${indicator} is not in the workbook`);
  return Buffer.from(await book.xlsx.writeBuffer());
}
