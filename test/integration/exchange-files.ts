import { crc32 } from "node:zlib";
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

/** A zip archive with the given entries, stored uncompressed: a valid zip that is not a workbook. */
export function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
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
