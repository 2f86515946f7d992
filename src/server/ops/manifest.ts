import { z } from "zod";

/** The format of a backup written by this version: a gzipped tar holding `manifest.json`. */
export const BACKUP_FORMAT = "childmark-backup/2";

/** The entry names inside a backup. */
export const MANIFEST_ENTRY = "manifest.json";
export const tableEntry = (table: string) => `database/${table}.ndjson`;
export const uploadEntry = (path: string) => `uploads/${path}`;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const checkedFile = z.object({ size: z.number().int().nonnegative(), sha256 });

/**
 * `manifest.json`, the last entry of a backup: every table with its row count
 * and every uploaded file with its size and SHA-256, so a restore can check
 * each byte before it changes anything. Checksums find damage, not a forger:
 * keep backups where only administrators can write.
 */
export const backupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  /** The newest migration of the database backed up; restores only into the same schema. */
  schema: z.string(),
  database: z.enum(["pglite", "postgres"]),
  tables: z.array(checkedFile.extend({ name: z.string(), rows: z.number().int().nonnegative() })),
  /** Paths relative to the uploads folder (`2026/<uuid>`). */
  files: z.array(checkedFile.extend({ path: z.string() })),
  /** Evidence files the database refers to that were already missing when the backup was taken. */
  missingFiles: z.array(z.string()),
});

export type BackupManifest = z.infer<typeof backupManifest>;

/**
 * Whether a path inside the uploads folder is one a restore may write: relative,
 * no `.` or `..` or empty segment, no backslash or NUL.
 */
export function isSafeUploadPath(path: string): boolean {
  return (
    path.length > 0 &&
    path.length < 1024 &&
    !path.includes("\\") &&
    !path.includes("\0") &&
    path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..")
  );
}
