import { createReadStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, rmdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Database, Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { uploadsDir } from "../evidence/uploads-dir.ts";
import { formatMegabytes, maxLegacyRestoreBytes, maxRestoreBytes } from "../files/limits.ts";
import { forgetReleases } from "../releases/read-release.ts";
import { referencedFilePaths } from "./backup-tables.ts";
import { readLegacyBackup } from "./legacy-backup.ts";
import { replaceTables } from "./load-tables.ts";
import type { BackupManifest } from "./manifest.ts";
import { stageBackup } from "./stage-backup.ts";

export interface RestoreResult {
  /** 2: database and files, checked; 1: an old backup, database only. */
  format: 1 | 2;
  rows: number;
  files: number;
  expiredTokens: number;
  /** Where the uploads folder found before the restore was moved (none when there was none, or it was empty). */
  previousUploads?: string;
}

/**
 * Replaces the database and the uploads folder with a backup. Every entry is
 * unpacked to a folder beside the uploads folder and checked against the
 * manifest first: a damaged or changed backup is refused before anything
 * changes. Then, in one transaction, the tables are replaced and the checked
 * files take the uploads folder's place (the previous one is kept aside). A
 * backup of the first format (gzipped JSON) restores the database only.
 */
export async function restoreBackup(
  database: Pick<Database, "db">,
  file: string,
  options: { uploads?: string; audit?: AuditActor } = {},
): Promise<RestoreResult> {
  const { db } = database;
  const uploads = resolve(options.uploads ?? uploadsDir());
  const content = await peek(gunzipped(file));
  if (content.first.subarray(0, 1).toString() === "{") {
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = maxLegacyRestoreBytes();
    for await (const chunk of content.all) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit, "CHILDMARK_MAX_LEGACY_RESTORE_MB");
      chunks.push(chunk);
    }
    const rowsOf = readLegacyBackup(Buffer.concat(chunks));
    const loaded = await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      const result = await replaceTables(t, rowsOf);
      await recordRestore(t, options.audit, { rows: result.rows, format: 1 });
      return result;
    });
    forgetReleases(db);
    return { format: 1, files: 0, ...loaded };
  }
  await mkdir(dirname(uploads), { recursive: true });
  const stage = await mkdtemp(join(dirname(uploads), ".childmark-restore-"));
  let swapped: { previous?: string } | undefined;
  try {
    const manifest = await stageBackup(content.all, stage);
    const loaded = await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      const result = await replaceTables(t, (table) => readLines(join(stage, "database", `${table}.ndjson`)));
      await assertFilesHeld(t, manifest);
      await recordRestore(t, options.audit, {
        rows: result.rows,
        files: manifest.files.length,
        backupCreatedAt: manifest.createdAt,
      });
      swapped = await swapUploads(uploads, join(stage, "uploads"));
      return result;
    });
    forgetReleases(db);
    return { format: 2, files: manifest.files.length, previousUploads: swapped?.previous, ...loaded };
  } catch (error) {
    // The transaction failed after the folders were swapped (at commit): put them back.
    if (swapped) await unswapUploads(uploads, swapped.previous);
    throw error;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** Written after the reload, so the restored log says it was restored, when and by whom. */
async function recordRestore(t: Db, audit: AuditActor | undefined, details: Record<string, unknown>) {
  if (audit) await recordAudit(t, { action: "backup.restored", ...audit, details });
}

function tooLarge(limit: number, variable: string): UserError {
  return new UserError(
    `the backup unpacks to more than ${formatMegabytes(limit)} (the limit set by ${variable}): refused, nothing was restored`,
  );
}

/**
 * The decompressed bytes of a file, with gzip's own errors told as a damaged or
 * foreign file; refused once they pass `maxRestoreBytes()` (a gzip bomb stops
 * there, before it fills the disk).
 */
async function* gunzipped(file: string): AsyncGenerator<Buffer> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const limit = maxRestoreBytes();
  let size = 0;
  try {
    for await (const chunk of gunzip) {
      size += (chunk as Buffer).length;
      if (size > limit) throw tooLarge(limit, "CHILDMARK_MAX_RESTORE_MB");
      yield chunk as Buffer;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ENOENT" || e.code === "EACCES" || e.code === "EISDIR")
      throw new UserError(`cannot read ${file}`);
    if (e.code === "Z_DATA_ERROR" && /header/.test(e.message)) {
      throw new UserError("not a Childmark backup: the file is not gzip-compressed");
    }
    throw new UserError(`the backup is damaged: ${e.message}`);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

async function peek(chunks: AsyncGenerator<Buffer>): Promise<{ first: Buffer; all: AsyncGenerator<Buffer> }> {
  const head = await chunks.next();
  if (head.done) throw new UserError("not a Childmark backup: the file is empty");
  async function* all() {
    yield head.value as Buffer;
    yield* chunks;
  }
  return { first: head.value as Buffer, all: all() };
}

async function* readLines(path: string): AsyncGenerator<string> {
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line) yield line;
  }
}

/** Refuses a backup whose rows refer to an upload (evidence, a group's document …) it neither holds nor lists as already missing. */
async function assertFilesHeld(t: Db, manifest: BackupManifest): Promise<void> {
  const known = new Set([...manifest.files.map((f) => f.path), ...manifest.missingFiles]);
  const absent = (await referencedFilePaths(t)).filter((p) => !known.has(p));
  if (absent.length) {
    throw new UserError(
      `the backup is damaged: its database refers to ${absent.length} file(s) it does not hold; nothing was restored`,
      absent.slice(0, 20),
    );
  }
}

/** Moves the current uploads folder aside (or removes it when empty) and the restored one into its place. */
async function swapUploads(uploads: string, restored: string): Promise<{ previous?: string }> {
  let previous: string | undefined;
  if (existsSync(uploads)) {
    if ((await readdir(uploads)).length === 0) await rmdir(uploads);
    else {
      previous = `${uploads}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      await rename(uploads, previous);
    }
  }
  if (existsSync(restored)) await rename(restored, uploads);
  else await mkdir(uploads, { recursive: true });
  return { previous };
}

async function unswapUploads(uploads: string, previous: string | undefined): Promise<void> {
  await rm(uploads, { recursive: true, force: true });
  if (previous) await rename(previous, uploads);
}
