import { UserError } from "../errors.ts";

/*
 * A small POSIX tar (ustar, with pax records for long names) writer and
 * streaming reader: enough for backups, and readable by `tar` so an operator
 * can open a backup by hand. Only regular files are written; the reader
 * reports any other kind of entry so a restore can refuse it.
 */

const BLOCK = 512;

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

/** The zero bytes that round an entry's body up to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

function header(name: string, size: number, type: string, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write("0000644\0", 100);
  block.write("0000000\0", 108);
  block.write("0000000\0", 116);
  block.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  block.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, "0")}\0`,
    136,
  );
  block.write("        ", 148);
  block.write(type, 156);
  block.write("ustar\0", 257);
  block.write("00", 263);
  block.write(`${checksum(block).toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (Buffer.byteLength(`${length}${body}`) !== length) length++;
  return `${length}${body}`;
}

/**
 * The header block(s) of a regular file: a pax record first when the name does
 * not fit ustar's 100 bytes or the size its 11 octal digits.
 */
export function tarFileHeader(name: string, size: number, mtime = new Date()): Buffer {
  const long = Buffer.byteLength(name) > 99;
  const big = size >= 8 ** 11;
  if (!long && !big) return header(name, size, "0", mtime);
  const pax = Buffer.from(
    (long ? paxRecord("path", name) : "") + (big ? paxRecord("size", String(size)) : ""),
  );
  return Buffer.concat([
    header("PaxHeader", pax.length, "x", mtime),
    pax,
    tarPadding(pax.length),
    header(long ? name.slice(0, 99) : name, big ? 0 : size, "0", mtime),
  ]);
}

export interface TarEntry {
  name: string;
  size: number;
  isFile: boolean;
  /** The entry's bytes; read it (or not) before asking for the next entry. */
  body: AsyncGenerator<Buffer>;
}

/** Hands out exactly the bytes asked for from a stream of chunks. */
class ChunkReader {
  private buffered: Buffer[] = [];
  private length = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Up to `max` bytes (at least one), or undefined at the end of the stream. */
  async next(max: number): Promise<Buffer | undefined> {
    if (this.length === 0) {
      const { value, done } = await this.source.next();
      if (done) return undefined;
      this.buffered.push(value);
      this.length += value.length;
    }
    const first = this.buffered[0]!;
    const part = first.subarray(0, max);
    if (part.length === first.length) this.buffered.shift();
    else this.buffered[0] = first.subarray(part.length);
    this.length -= part.length;
    return part;
  }

  async exactly(size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < size) {
      const part = await this.next(size - got);
      if (!part) throw new UserError("the backup is damaged: it ends in the middle of an entry");
      parts.push(part);
      got += part.length;
    }
    return Buffer.concat(parts);
  }

  async *chunks(size: number): AsyncGenerator<Buffer> {
    let left = size;
    while (left > 0) {
      const part = await this.next(left);
      if (!part) throw new UserError("the backup is damaged: it ends in the middle of an entry");
      left -= part.length;
      yield part;
    }
  }
}

function octal(block: Buffer, start: number, length: number): number {
  const text = block
    .toString("latin1", start, start + length)
    .replace(/[\0 ]+$/, "")
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new UserError("the backup is damaged: a tar header is unreadable");
  return text ? Number.parseInt(text, 8) : 0;
}

function text(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString("utf8");
}

function paxValues(bytes: Buffer): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of bytes.toString("utf8").split("\n")) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (match) values[match[1]!] = match[2]!;
  }
  return values;
}

/** Reads the entries of a tar stream one after the other; refuses a damaged header. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ChunkReader(source[Symbol.asyncIterator]());
  let pax: Record<string, string> = {};
  for (;;) {
    const first = await reader.next(BLOCK);
    if (!first) throw new UserError("the backup is damaged: it ends without the end of the archive");
    const block =
      first.length === BLOCK ? first : Buffer.concat([first, await reader.exactly(BLOCK - first.length)]);
    if (block.every((b) => b === 0)) return;
    if (octal(block, 148, 8) !== checksum(block)) {
      throw new UserError("the backup is damaged: a tar header does not match its checksum");
    }
    const type = String.fromCharCode(block[156]!);
    const prefix = block.toString("latin1", 257, 263) === "ustar\0" ? text(block, 345, 155) : "";
    const name = pax.path ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    const size = pax.size === undefined ? octal(block, 124, 12) : Number(pax.size);
    pax = {};
    if (type === "x" || type === "g") {
      const values = paxValues(await reader.exactly(size));
      await reader.exactly(tarPadding(size).length);
      if (type === "x") pax = values;
      continue;
    }
    let read = 0;
    async function* body(): AsyncGenerator<Buffer> {
      for await (const part of reader.chunks(size)) {
        read += part.length;
        yield part;
      }
    }
    yield { name, size, isFile: type === "0" || type === "\0", body: body() };
    // Whatever the caller did not read is skipped, then the padding.
    for await (const part of reader.chunks(size - read)) read += part.length;
    await reader.exactly(tarPadding(size).length);
  }
}
