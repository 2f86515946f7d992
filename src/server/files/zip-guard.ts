import { Readable } from "node:stream";
import { crc32, createInflateRaw } from "node:zlib";
import { UserError } from "../errors.ts";
import { formatMegabytes, maxFileBytes, maxUnpackedBytes } from "./limits.ts";
import { readZipDirectory, ZipDamage, type ZipEntry } from "./zip-directory.ts";

/** What a caller reads, for messages: "XLSX spreadsheet", "DOCX document". */
export interface ZipGuardOptions {
  kind: string;
  /** What the person should do when the file is refused. */
  advice?: string[];
  maxEntries?: number;
  /** Largest total of the entries once unpacked (default: `maxUnpackedBytes()`). */
  maxUnpackedBytes?: number;
  /** Largest compression ratio of an entry over 1 MB, and of the whole archive. */
  maxRatio?: number;
}

const DEFAULT_MAX_ENTRIES = 5000;
/** Spreadsheet and document XML compresses well, but not two-hundredfold. */
const DEFAULT_MAX_RATIO = 200;
const CHUNK = 64 * 1024;

/**
 * The one gate every reader of a zip-based file (XLSX, DOCX, ODS, zip) passes
 * before handing bytes to ExcelJS or another parser that would unpack it all
 * in memory. It checks the file size, the directory (see `readZipDirectory`),
 * the entry count, the declared total and ratios (zip bombs), and then
 * inflates every entry as a stream, 64 KB at a time and never past its
 * declared size or the total limit, checking its CRC, so an archive that lies
 * about its sizes costs no more memory than one chunk. Returns the entries.
 * Throws a UserError naming the file, the reason and what to do.
 */
export async function guardZip(
  bytes: Uint8Array,
  fileName: string,
  options: ZipGuardOptions,
): Promise<ZipEntry[]> {
  const refuse = (why: string) =>
    new UserError(`${fileName} is not a readable ${options.kind}: ${why}`, options.advice ?? []);
  if (bytes.length > maxFileBytes()) {
    throw new UserError(
      `${fileName} is over the limit of ${formatMegabytes(maxFileBytes())} (set CHILDMARK_MAX_UPLOAD_MB to change it)`,
      [],
      413,
    );
  }
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  } catch (error) {
    if (error instanceof ZipDamage) throw refuse(error.message);
    throw error;
  }
  const limit = options.maxUnpackedBytes ?? maxUnpackedBytes();
  checkDeclaredSizes(entries, bytes.length, limit, fileName, options.maxRatio ?? DEFAULT_MAX_RATIO);
  // The declared total is within the limit now, so inflating each entry up to its declared size is too.
  for (const entry of entries) {
    const why = await proveEntry(bytes.subarray(entry.dataStart, entry.dataEnd), entry);
    if (why) throw refuse(`${entry.name}: ${why}`);
  }
  return entries;
}

function checkDeclaredSizes(
  entries: ZipEntry[],
  fileSize: number,
  limit: number,
  fileName: string,
  maxRatio: number,
) {
  const bomb = (what: string) =>
    new UserError(`${fileName} ${what}; refused (possible zip bomb)`, [
      `send the file as Excel, LibreOffice or Word saved it; if it is genuine, split it or raise CHILDMARK_MAX_UNPACKED_MB (now ${formatMegabytes(limit)})`,
    ]);
  let total = 0;
  for (const entry of entries) {
    const ratio = entry.size / Math.max(1, entry.packedSize);
    if (entry.size > 1048576 && ratio > maxRatio)
      throw bomb(`has a part (${entry.name}) compressed ${Math.round(ratio)}:1`);
    total += entry.size;
    if (total > limit) throw bomb(`unpacks to more than ${formatMegabytes(limit)}`);
  }
  if (total > 1048576 && total / Math.max(1, fileSize) > maxRatio)
    throw bomb(`is compressed ${Math.round(total / fileSize)}:1 as a whole`);
}

/**
 * Inflates one entry as a stream, stopping as soon as it passes its declared size, and
 * checks its size and CRC against the directory. Returns why it is refused, or null.
 */
async function proveEntry(packed: Uint8Array, entry: ZipEntry): Promise<string | null> {
  let size = 0;
  let crc = 0;
  if (entry.method === 0) {
    size = packed.length;
    crc = crc32(packed);
  } else {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    Readable.from(chunksOf(packed)).pipe(inflater);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > entry.size) {
          inflater.destroy();
          return "it is larger than declared once unpacked (possible zip bomb)";
        }
        crc = crc32(chunk, crc);
      }
    } catch {
      return "its compressed data is damaged (truncated file?)";
    }
  }
  if (size !== entry.size || crc >>> 0 !== entry.crc) return "damaged zip entry (checksum)";
  return null;
}

function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
}
