import { createHash, randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { UserError } from "../errors.ts";
import { uploadsDir } from "./uploads-dir.ts";

export interface StoredFile {
  /** Relative to the uploads folder: `<yyyy>/<uuid>`. */
  path: string;
  sha256: string;
  size: number;
}

/** Writes checked bytes under `<uploads>/<yyyy>/<uuid>` (never under the uploader's name) and hashes them. */
export async function storeFile(bytes: Uint8Array, now = new Date()): Promise<StoredFile> {
  const path = `${now.getUTCFullYear()}/${randomUUID()}`;
  const full = join(uploadsDir(), path);
  await mkdir(resolve(full, ".."), { recursive: true });
  await writeFile(full, bytes, { flag: "wx" });
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}

/** The absolute path of a stored file, refusing any path that would leave the uploads folder. */
export function resolveStoredFile(path: string): string {
  const root = uploadsDir();
  const full = resolve(root, path);
  const inside = relative(root, full);
  if (!inside || inside.startsWith("..") || inside.includes(`..${sep}`)) {
    throw new UserError("the stored file is missing", [], 404);
  }
  return full;
}

/** Deletes a file stored by a request that then failed, so no orphan stays behind. */
export async function discardFile(path: string): Promise<void> {
  await rm(resolveStoredFile(path), { force: true });
}
