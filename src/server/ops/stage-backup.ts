import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { UserError } from "../errors.ts";
import { BACKUP_TABLES, schemaTag } from "./backup-tables.ts";
import { Digest } from "./digest.ts";
import {
  BACKUP_FORMAT,
  type BackupManifest,
  backupManifest,
  isSafeUploadPath,
  MANIFEST_ENTRY,
} from "./manifest.ts";
import { readTar } from "./tar.ts";

interface StagedFile {
  size: number;
  sha256: string;
  lines: number;
}

const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/**
 * Unpacks a backup's tar stream into `stage` (`database/…`, `uploads/…`),
 * hashing every entry on the way, then checks everything against the
 * manifest: format, schema, each table's row count, size and SHA-256, each
 * file's size and SHA-256, nothing missing and nothing extra. Throws a
 * `UserError` listing the problems; nothing outside `stage` is touched.
 */
export async function stageBackup(tar: AsyncIterable<Buffer>, stage: string): Promise<BackupManifest> {
  const staged = new Map<string, StagedFile>();
  let manifestBytes: Buffer | undefined;
  const problems: string[] = [];
  for await (const entry of readTar(tar)) {
    if (!entry.isFile || staged.has(entry.name) || (entry.name === MANIFEST_ENTRY && manifestBytes)) {
      problems.push(`${entry.name}: ${entry.isFile ? "appears twice" : "is not a regular file"}`);
      continue;
    }
    if (entry.name === MANIFEST_ENTRY) {
      if (entry.size > MAX_MANIFEST_BYTES)
        throw new UserError("the backup is damaged: its manifest is too large");
      const parts: Buffer[] = [];
      for await (const part of entry.body) parts.push(part);
      manifestBytes = Buffer.concat(parts);
    } else if (isTableEntry(entry.name) || isUploadEntry(entry.name)) {
      const full = join(stage, ...entry.name.split("/"));
      const digest = new Digest();
      try {
        await mkdir(dirname(full), { recursive: true });
        await pipeline(
          async function* () {
            for await (const part of entry.body) yield digest.add(part);
          },
          createWriteStream(full, { flags: "wx" }),
        );
      } catch (error) {
        if (error instanceof UserError) throw error;
        // A name that is also another entry's folder (`uploads/a` and `uploads/a/b`).
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EEXIST" && code !== "ENOTDIR" && code !== "EISDIR") throw error;
        problems.push(`${entry.name}: clashes with another entry's path`);
        continue;
      }
      staged.set(entry.name, { size: digest.size, sha256: digest.sha256(), lines: digest.lines });
    } else {
      problems.push(`${entry.name}: not an entry of a Childmark backup`);
    }
  }
  if (!manifestBytes) throw new UserError("the backup is damaged: it has no manifest.json");
  const manifest = parseManifest(manifestBytes);
  problems.push(...compare(manifest, staged));
  if (problems.length) {
    throw new UserError(
      `the backup is damaged or was changed (${problems.length} problem(s)): nothing was restored`,
      problems.slice(0, 20),
    );
  }
  return manifest;
}

function isTableEntry(name: string): boolean {
  const match = /^database\/([a-z_]+)\.ndjson$/.exec(name);
  return !!match && (BACKUP_TABLES as readonly string[]).includes(match[1]!);
}

function isUploadEntry(name: string): boolean {
  return name.startsWith("uploads/") && isSafeUploadPath(name.slice("uploads/".length));
}

function parseManifest(bytes: Buffer): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new UserError("the backup is damaged: manifest.json is not JSON");
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) {
    throw new UserError(`not a Childmark backup (format "${String(format)}", expected "${BACKUP_FORMAT}")`);
  }
  const parsed = backupManifest.safeParse(json);
  if (!parsed.success) throw new UserError("the backup is damaged: manifest.json is incomplete");
  if (parsed.data.schema !== schemaTag()) {
    throw new UserError(
      `the backup has schema ${parsed.data.schema}, this version of Childmark ${schemaTag()}: use the matching version`,
    );
  }
  return parsed.data;
}

/** Every difference between what the manifest promises and what the archive holds. */
function compare(manifest: BackupManifest, staged: Map<string, StagedFile>): string[] {
  const problems: string[] = [];
  const expected = new Map<string, { size: number; sha256: string; rows?: number }>();
  for (const table of manifest.tables) expected.set(`database/${table.name}.ndjson`, table);
  for (const file of manifest.files) expected.set(`uploads/${file.path}`, file);
  for (const table of BACKUP_TABLES) {
    if (!expected.has(`database/${table}.ndjson`)) problems.push(`table ${table}: not in the manifest`);
  }
  for (const [name, want] of expected) {
    const got = staged.get(name);
    if (!got) problems.push(`${name}: listed in the manifest but not in the archive`);
    else if (got.size !== want.size)
      problems.push(`${name}: ${got.size} bytes, the manifest says ${want.size}`);
    else if (got.sha256 !== want.sha256) problems.push(`${name}: checksum does not match the manifest`);
    else if (want.rows !== undefined && got.lines !== want.rows) {
      problems.push(`${name}: ${got.lines} rows, the manifest says ${want.rows}`);
    }
  }
  for (const name of staged.keys()) {
    if (!expected.has(name)) problems.push(`${name}: in the archive but not in the manifest`);
  }
  return problems;
}
