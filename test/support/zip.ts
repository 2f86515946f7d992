import { crc32, deflateRawSync } from "node:zlib";

/**
 * One file of a hand-made zip; `declaredSize` lets a test lie about the unpacked size, as a zip
 * bomb may. `deflated` (with the `crc` of the unpacked bytes) gives data already compressed, for
 * entries too large to hold unpacked (see deflateRepeated); then `data` is ignored.
 */
export interface ZipPart {
  name: string;
  data: Buffer;
  declaredSize?: number;
  deflated?: { packed: Buffer; crc: number; size: number };
}

/**
 * Builds a zip archive by hand, so tests can make damaged, lying or bomb
 * archives: entries deflated, or stored as they are (`store`).
 */
export function makeZip(parts: ZipPart[], options: { store?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const packed = part.deflated?.packed ?? (options.store ? part.data : deflateRawSync(part.data));
    const method = options.store && !part.deflated ? 0 : 8;
    const size = part.declaredSize ?? part.deflated?.size ?? part.data.length;
    const crc = part.deflated?.crc ?? crc32(part.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A zip of text entries stored uncompressed: a valid archive that is not a spreadsheet. */
export function storedZip(entries: Record<string, string>): Buffer {
  return makeZip(
    Object.entries(entries).map(([name, text]) => ({ name, data: Buffer.from(text) })),
    { store: true },
  );
}
