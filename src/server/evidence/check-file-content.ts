import { fileTypeFromBuffer } from "file-type";
import { UserError } from "../errors.ts";
import { maxFileBytes, maxUnpackedBytes } from "../files/limits.ts";
import { looksLikeZip } from "../files/open-xlsx.ts";
import { guardZip } from "../files/zip-guard.ts";
import { extensionOf } from "./sanitise-file-name.ts";

interface Allowed {
  label: string;
  mediaType: string;
  /** What file-type reports for this content. */
  detected: string;
  /** For Office files: a folder the zip must contain. */
  zipFolder?: string;
}

const ALLOWED: Readonly<Record<string, Allowed>> = {
  ".pdf": { label: "PDF", mediaType: "application/pdf", detected: "pdf" },
  ".docx": {
    label: "DOCX",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    detected: "docx",
    zipFolder: "word/",
  },
  ".xlsx": {
    label: "XLSX",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    detected: "xlsx",
    zipFolder: "xl/",
  },
  ".png": { label: "PNG", mediaType: "image/png", detected: "png" },
  ".jpg": { label: "JPEG", mediaType: "image/jpeg", detected: "jpg" },
  ".jpeg": { label: "JPEG", mediaType: "image/jpeg", detected: "jpg" },
  ".gif": { label: "GIF", mediaType: "image/gif", detected: "gif" },
  ".webp": { label: "WEBP", mediaType: "image/webp", detected: "webp" },
};

/** The accepted kinds of file, for messages. */
export const ACCEPTED_FILES = "PDF, DOCX, XLSX, PNG, JPEG, GIF or WEBP";

/**
 * Checks an uploaded file by its content, not its name or the browser's
 * claim: the extension must be an accepted kind and the bytes must be that
 * kind (Office files: a zip with `word/` or `xl/` parts, which passes the zip
 * guard before anything, file-type included, unpacks a part of it). Returns the
 * media type to store and serve. Throws a 400 naming what the content really is.
 */
export async function checkFileContent(bytes: Uint8Array, name: string): Promise<{ mediaType: string }> {
  const ext = extensionOf(name);
  const allowed = ALLOWED[ext];
  if (!allowed) {
    throw new UserError(`${name}: only ${ACCEPTED_FILES} files are accepted`);
  }
  if (bytes.length === 0) throw new UserError(`${name} is empty`);
  const entries =
    allowed.zipFolder && looksLikeZip(bytes)
      ? await guardZip(bytes, name, {
          kind: `${allowed.label} file`,
          // Evidence is stored, not parsed: it is only streamed through the check, so a large
          // genuine workbook may unpack to more than an import may (the ratio still stops bombs).
          maxUnpackedBytes: Math.max(maxUnpackedBytes(), 10 * maxFileBytes()),
          advice: [
            `save it again from Word, Excel or LibreOffice as .${allowed.detected}, or upload it as PDF`,
          ],
        })
      : undefined;
  const found = await fileTypeFromBuffer(bytes);
  const sameKind =
    found?.ext === allowed.detected ||
    // An Office file whose [Content_Types] part file-type could not read is still a zip: check its parts below.
    (allowed.zipFolder !== undefined && found?.ext === "zip");
  if (!sameKind) {
    const what = found ? found.ext.toUpperCase() : "text or an unknown format";
    throw new UserError(`${name}: the file's content is ${what}, not a ${allowed.label}`, [
      `upload a real ${allowed.label} file, or rename it to match what it is (${ACCEPTED_FILES} are accepted)`,
    ]);
  }
  if (allowed.zipFolder) {
    if (!entries?.some((entry) => entry.name.startsWith(allowed.zipFolder!))) {
      throw new UserError(
        `${name}: the file's content is not a ${allowed.label} document (no ${allowed.zipFolder} part)`,
      );
    }
  }
  return { mediaType: allowed.mediaType };
}
