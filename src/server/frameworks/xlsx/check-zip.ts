import { crc32, inflateRawSync } from "node:zlib";
import { UserError } from "../../errors.ts";
import { maxFileBytes } from "../read-framework-file.ts";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A spreadsheet's parts are XML, which compresses well, but not a thousandfold. */
const MAX_RATIO = 200;
const MAX_ENTRIES = 5000;

/** Largest total size of a workbook's parts once unpacked: ten times the file limit. */
export function maxUnpackedBytes(): number {
  return maxFileBytes() * 10;
}

/**
 * Checks that bytes are a sound zip archive that is safe to unpack, before
 * ExcelJS inflates anything: the size limit, the central directory's declared
 * sizes and compression ratios (zip bombs), and then every entry inflated with
 * an output cap equal to its declared size and its CRC checked, so an archive
 * that lies about its sizes or is damaged is refused with a clear message.
 */
export function checkZip(bytes: Uint8Array, name: string): void {
  if (bytes.length > maxFileBytes()) {
    throw new UserError(`${name} is over the limit of ${maxFileBytes() / 1048576} MB`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end < 0) throw notSpreadsheet(name, "no zip directory found (truncated or not a spreadsheet)");
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw notSpreadsheet(name, "ZIP64 archives are not accepted");
  if (count > MAX_ENTRIES) throw notSpreadsheet(name, `${count} parts, more than ${MAX_ENTRIES}`);
  if (dirOffset + dirSize > end) throw notSpreadsheet(name, "damaged zip directory");
  let total = 0;
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL)
      throw notSpreadsheet(name, "damaged zip directory");
    const entry = {
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      packed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    total += entry.size;
    if (total > maxUnpackedBytes()) {
      throw new UserError(
        `${name} unpacks to more than ${maxUnpackedBytes() / 1048576} MB; refused (possible zip bomb)`,
      );
    }
    if (entry.size > 1048576 && entry.size / Math.max(1, entry.packed) > MAX_RATIO) {
      throw new UserError(
        `${name} has a part compressed ${Math.round(entry.size / Math.max(1, entry.packed))}:1; refused (possible zip bomb)`,
      );
    }
    checkEntry(bytes, view, entry, name);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}

interface Entry {
  method: number;
  crc: number;
  packed: number;
  size: number;
  localOffset: number;
}

/** Inflates one entry, never past its declared size, and checks its CRC. */
function checkEntry(bytes: Uint8Array, view: DataView, e: Entry, name: string): void {
  if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== LOCAL) {
    throw notSpreadsheet(name, "damaged zip entry");
  }
  const start =
    e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.packed > bytes.length) throw notSpreadsheet(name, "truncated zip entry");
  const packed = bytes.subarray(start, start + e.packed);
  let data: Uint8Array;
  if (e.method === 0) data = packed;
  else if (e.method === 8) {
    try {
      data = inflateRawSync(packed, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      throw notSpreadsheet(name, "a zip entry cannot be unpacked or is larger than declared");
    }
  } else throw notSpreadsheet(name, `unsupported zip compression method ${e.method}`);
  if (data.length !== e.size || crc32(data) >>> 0 !== e.crc)
    throw notSpreadsheet(name, "damaged zip entry (checksum)");
}

function findEndRecord(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 65535);
  for (let at = view.byteLength - 22; at >= stop; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

function notSpreadsheet(name: string, why: string): UserError {
  return new UserError(`${name} is not a readable XLSX spreadsheet: ${why}`, [
    "save it again from Excel or LibreOffice as .xlsx, or use a framework .json file",
  ]);
}
