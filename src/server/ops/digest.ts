import { createHash } from "node:crypto";

/** Size, SHA-256 and line count of bytes seen chunk by chunk (a backup never holds a whole file in memory). */
export class Digest {
  size = 0;
  lines = 0;
  private readonly hash = createHash("sha256");

  add(chunk: Buffer): Buffer {
    this.size += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) this.lines++;
    this.hash.update(chunk);
    return chunk;
  }

  /** The hex SHA-256; call once, after the last chunk. */
  sha256(): string {
    return this.hash.digest("hex");
  }
}
