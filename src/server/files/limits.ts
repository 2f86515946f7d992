/*
 * Size and concurrency limits of everything a request may send, each read
 * from the environment when used (so tests and operators can change them),
 * with the default when the variable is unset or not a positive number.
 */

function positiveNumber(variable: string, fallback: number): number {
  const value = Number(process.env[variable] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Largest file any reader or upload accepts: `CHILDMARK_MAX_UPLOAD_MB` (20 MB). */
export function maxFileBytes(): number {
  return positiveNumber("CHILDMARK_MAX_UPLOAD_MB", 20) * 1048576;
}

/** Largest logo an organisation may upload: `CHILDMARK_MAX_LOGO_KB` (1024 KB), never more than an upload. */
export function maxLogoBytes(): number {
  return Math.min(Math.round(positiveNumber("CHILDMARK_MAX_LOGO_KB", 1024) * 1024), maxFileBytes());
}

/**
 * Largest total a zip-based file (XLSX, DOCX) may unpack to: `CHILDMARK_MAX_UNPACKED_MB`
 * (25 MB). ExcelJS holds about 11 MB of memory per MB of sheet XML it reads, so this limit
 * keeps one import near 300 MB, and two at once (the default concurrency) under 1 GiB.
 */
export function maxUnpackedBytes(): number {
  return positiveNumber("CHILDMARK_MAX_UNPACKED_MB", 25) * 1048576;
}

/**
 * Largest total a backup may unpack to when restored: `CHILDMARK_MAX_RESTORE_MB` (10,240 MB).
 * A backup is unpacked to disk beside the uploads folder before anything changes, so this
 * bounds the disk a damaged or hostile backup (a gzip bomb) can fill; raise it for a data
 * folder with more than 10 GB of evidence files.
 */
export function maxRestoreBytes(): number {
  return positiveNumber("CHILDMARK_MAX_RESTORE_MB", 10240) * 1048576;
}

/**
 * Largest backup of the first format (gzipped JSON, read whole into memory) a restore
 * accepts: `CHILDMARK_MAX_LEGACY_RESTORE_MB` (512 MB).
 */
export function maxLegacyRestoreBytes(): number {
  return positiveNumber("CHILDMARK_MAX_LEGACY_RESTORE_MB", 512) * 1048576;
}

/** Largest non-upload request body (JSON, forms): `CHILDMARK_MAX_BODY_KB` (1024 KB). */
export function maxBodyBytes(): number {
  return Math.round(positiveNumber("CHILDMARK_MAX_BODY_KB", 1024) * 1024);
}

/** How many imports and zip-based uploads are read at once: `CHILDMARK_IMPORT_CONCURRENCY` (2). */
export function importConcurrency(): number {
  return Math.max(1, Math.floor(positiveNumber("CHILDMARK_IMPORT_CONCURRENCY", 2)));
}

/** A size in MB as people write it: "20 MB", "0.5 MB". */
export function formatMegabytes(bytes: number): string {
  return `${Number((bytes / 1048576).toFixed(2))} MB`;
}
