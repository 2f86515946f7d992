const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const ENCRYPTED = 0x0001;

/** One entry of a zip archive, as its central directory declares it and its local header confirms. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the only methods read. */
  method: number;
  crc: number;
  packedSize: number;
  size: number;
  /** Where the entry's compressed bytes start and end in the archive. */
  dataStart: number;
  dataEnd: number;
}

/** Why an archive cannot be read; the guard turns it into a message naming the file. */
export class ZipDamage extends Error {}

/**
 * Reads a zip archive's central directory without unpacking anything, and
 * refuses what a safe reader must not trust: no directory (truncated), ZIP64
 * or split archives, encrypted entries, unknown compression, a local header
 * that disagrees with the directory, and entries whose bytes overlap (the
 * trick of non-recursive zip bombs). Sizes are declared, not yet proven.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) throw new ZipDamage("no zip directory at its end (the file is truncated or not a zip)");
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR)
    throw new ZipDamage("ZIP64 archives are not accepted");
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0)
    throw new ZipDamage("split (multi-part) archives are not accepted");
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryStart === 0xffffffff)
    throw new ZipDamage("ZIP64 archives are not accepted");
  if (count > maxEntries) throw new ZipDamage(`${count} entries, more than the ${maxEntries} accepted`);
  if (directoryStart + directorySize > end) throw new ZipDamage("damaged zip directory (truncated file?)");
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_ENTRY)
      throw new ZipDamage("damaged zip directory (truncated file?)");
    const nameLength = view.getUint16(at + 28, true);
    const entry = readEntry(bytes, view, at, directoryStart);
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  refuseOverlaps(entries);
  return entries;
}

function readEntry(bytes: Uint8Array, view: DataView, at: number, directoryStart: number): ZipEntry {
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const packedSize = view.getUint32(at + 20, true);
  const size = view.getUint32(at + 24, true);
  const nameLength = view.getUint16(at + 28, true);
  const localStart = view.getUint32(at + 42, true);
  const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
  const name = new TextDecoder().decode(rawName);
  if (packedSize === 0xffffffff || size === 0xffffffff || localStart === 0xffffffff)
    throw new ZipDamage("ZIP64 archives are not accepted");
  if (flags & ENCRYPTED) throw new ZipDamage(`${name} is encrypted`);
  if (method !== 0 && method !== 8) throw new ZipDamage(`${name} uses compression method ${method}`);
  if (method === 0 && packedSize !== size) throw new ZipDamage(`${name} declares two different sizes`);
  if (localStart + 30 > directoryStart || view.getUint32(localStart, true) !== LOCAL_ENTRY)
    throw new ZipDamage(`${name}: damaged zip entry`);
  const localNameLength = view.getUint16(localStart + 26, true);
  const localName = bytes.subarray(localStart + 30, localStart + 30 + localNameLength);
  if (view.getUint16(localStart + 8, true) !== method || !sameBytes(localName, rawName))
    throw new ZipDamage(`${name}: its local header disagrees with the zip directory`);
  const dataStart = localStart + 30 + localNameLength + view.getUint16(localStart + 28, true);
  const dataEnd = dataStart + packedSize;
  if (dataEnd > directoryStart) throw new ZipDamage(`${name}: truncated zip entry`);
  return { name, method, crc: view.getUint32(at + 16, true), packedSize, size, dataStart, dataEnd };
}

/** Two entries sharing compressed bytes let a small file declare gigabytes: refused. */
function refuseOverlaps(entries: ZipEntry[]): void {
  const byStart = [...entries].sort((a, b) => a.dataStart - b.dataStart);
  for (let i = 1; i < byStart.length; i++) {
    if (byStart[i]!.dataStart < byStart[i - 1]!.dataEnd)
      throw new ZipDamage(`${byStart[i]!.name} overlaps another entry`);
  }
}

function findEndOfDirectory(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 65535);
  for (let at = view.byteLength - 22; at >= stop; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
