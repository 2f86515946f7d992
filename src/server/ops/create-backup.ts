import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { uploadsDir } from "../evidence/uploads-dir.ts";
import { assertBackupableSchema, schemaTag } from "./backup-tables.ts";
import { Digest } from "./digest.ts";
import { type DumpedTable, dumpTables } from "./dump-tables.ts";
import { BACKUP_FORMAT, type BackupManifest, MANIFEST_ENTRY, tableEntry, uploadEntry } from "./manifest.ts";
import { TAR_END, tarFileHeader, tarPadding } from "./tar.ts";

/** Tables whose rows a migration writes: a database holding only those is empty. */
const SEEDED_BY_MIGRATIONS = new Set(["budget_sectors"]);

export interface BackupResult {
  rows: number;
  tables: number;
  files: number;
  /** Size of the backup file. */
  bytes: number;
  /** Evidence files the database refers to that are not in the uploads folder. */
  missingFiles: string[];
}

/**
 * Writes a backup to `file`: a gzipped tar of every table (NDJSON, read at one
 * moment), every file of the uploads folder and a `manifest.json` of row counts,
 * sizes and SHA-256s. Streams throughout, so a large evidence folder never sits
 * in memory. Refuses a database without a Childmark schema or without rows; on
 * any failure no file is left at `file`.
 */
export async function createBackup(
  database: Pick<Database, "db" | "kind" | "location">,
  file: string,
  options: { uploads?: string; audit?: AuditActor } = {},
): Promise<BackupResult> {
  await assertBackupableSchema(database.db, database.location);
  const target = resolve(file);
  const uploads = options.uploads ?? uploadsDir();
  const spool = await mkdtemp(join(dirname(target), ".childmark-backup-")).catch((error: Error) => {
    throw new UserError(`cannot write ${file}: ${error.message}`);
  });
  const partial = join(spool, "backup.tar.gz");
  try {
    const now = new Date();
    // Rows first, files after: evidence files are never changed or deleted once
    // stored, so every file the rows refer to is still there when it is read.
    const { tables, referencedFiles } = await dumpTables(database.db, spool, now);
    // Reference rows a migration writes (the default budget sectors) do not make a database worth backing up.
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    const ownRows = tables
      .filter((t) => !SEEDED_BY_MIGRATIONS.has(t.name))
      .reduce((sum, t) => sum + t.rows, 0);
    if (ownRows === 0)
      throw new UserError(`nothing to back up: the database at ${database.location} is empty`);
    const paths = await listFiles(uploads);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      schema: schemaTag(),
      database: database.kind,
      tables: [],
      files: [],
      missingFiles: referencedFiles.filter((p) => !paths.includes(p)).sort(),
    };
    await pipeline(archive(tables, uploads, paths, manifest), createGzip(), createWriteStream(partial));
    await rename(partial, target);
    const bytes = (await stat(target)).size;
    // Its own write after the read-only dump: the backup itself does not hold this event.
    if (options.audit) {
      await recordAudit(database.db, {
        action: "backup.created",
        ...options.audit,
        details: { rows, files: paths.length },
      });
    }
    return { rows, tables: tables.length, files: paths.length, bytes, missingFiles: manifest.missingFiles };
  } finally {
    await rm(spool, { recursive: true, force: true });
  }
}

/** Every regular file under the uploads folder, as `/`-separated relative paths (none if it does not exist). */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** The tar stream: tables, then files (hashed as they are read), then the manifest filled in on the way. */
async function* archive(
  tables: DumpedTable[],
  uploads: string,
  paths: string[],
  manifest: BackupManifest,
): AsyncGenerator<Buffer> {
  for (const table of tables) {
    yield tarFileHeader(tableEntry(table.name), table.size);
    yield* createReadStream(table.path);
    yield tarPadding(table.size);
    manifest.tables.push({ name: table.name, rows: table.rows, size: table.size, sha256: table.sha256 });
  }
  for (const path of paths) {
    const full = join(uploads, ...path.split("/"));
    const { size } = await stat(full);
    const digest = new Digest();
    yield tarFileHeader(uploadEntry(path), size);
    // Read no more than the size in the header, even if the file grew meanwhile.
    const chunks = size === 0 ? [] : createReadStream(full, { start: 0, end: size - 1 });
    for await (const chunk of chunks) yield digest.add(chunk as Buffer);
    if (digest.size !== size) throw new Error(`${full} changed size while it was backed up`);
    yield tarPadding(size);
    manifest.files.push({ path, size, sha256: digest.sha256() });
  }
  const json = Buffer.from(JSON.stringify(manifest, null, 2));
  yield tarFileHeader(MANIFEST_ENTRY, json.length);
  yield json;
  yield tarPadding(json.length);
  yield TAR_END;
}
