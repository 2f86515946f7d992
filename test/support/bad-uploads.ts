import { constants, crc32, deflateRawSync } from "node:zlib";
import { makeZip, storedZip, type ZipPart } from "./zip.ts";

/*
 * The four files every upload route must refuse (test/integration/upload-bombs.test.ts,
 * bench/upload-bombs.bench.ts): a zip bomb, an XLSX whose sheet is 500 MB once unpacked,
 * a truncated zip and a file whose extension the route does not take. Made here, small.
 */

/**
 * `chunk` repeated `times`, deflated without ever being held unpacked: the chunk is deflated
 * once as a self-contained block (a full flush resets the window), the block repeated, and a
 * final empty block closes the stream. Returns the CRC and size of the unpacked whole.
 */
export function deflateRepeated(chunk: Buffer, times: number): { packed: Buffer; crc: number; size: number } {
  const block = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return {
    packed: Buffer.concat([...Array.from({ length: times }, () => block), finalEmptyBlock]),
    crc: crc >>> 0,
    size: chunk.length * times,
  };
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A one-sheet XLSX workbook (sheet "answers") around the given sheet XML part. */
export function xlsxWithSheet(sheet: Omit<ZipPart, "name">): Buffer {
  return makeZip([...workbookParts(), { name: "xl/worksheets/sheet1.xml", ...sheet }]);
}

function workbookParts() {
  const text = (name: string, xml: string) => ({ name, data: Buffer.from(XML + xml) });
  return [
    text(
      "[Content_Types].xml",
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    text(
      "_rels/.rels",
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      "xl/workbook.xml",
      `<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="answers" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    text(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
  ];
}

const ROW = Buffer.from(
  '<row><c t="inlineStr"><is><t>The State should protect every child from violence</t></is></c></row>',
);

/** A sheet of identical rows, honestly declared: `megabytes` (500) of XML once unpacked. */
export function hugeSheetXlsx(megabytes = 500): Buffer {
  const rows = Buffer.concat(Array.from({ length: Math.floor(1048576 / ROW.length) }, () => ROW));
  const sheet = deflateRepeated(rows, Math.ceil((megabytes * 1048576) / rows.length));
  return makeZip([
    ...workbookParts(),
    { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(0), deflated: sheet },
  ]);
}

/**
 * A zip bomb that lies: its directory declares a small, plausible sheet (so no
 * directory check can see it), but the sheet's data unpacks to `megabytes` of
 * zeros. A reader that trusts the directory, as ExcelJS does, unpacks it all.
 */
export function zipBombXlsx(megabytes = 2048): Buffer {
  const zeros = deflateRepeated(Buffer.alloc(1048576), megabytes);
  return xlsxWithSheet({ data: Buffer.alloc(0), declaredSize: 40_000, deflated: zeros });
}

/** A real workbook cut in half: its zip directory, at the end, is missing. */
export function truncatedXlsx(): Buffer {
  const whole = xlsxWithSheet({
    data: Buffer.from(`${XML}<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`),
  });
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A small valid zip named with an extension no upload route takes. */
export function wrongExtensionFile(): { name: string; bytes: Buffer } {
  return {
    name: "answers.ods",
    bytes: storedZip({ mimetype: "application/vnd.oasis.opendocument.spreadsheet" }),
  };
}
