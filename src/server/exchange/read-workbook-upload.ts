import type { FastifyRequest } from "fastify";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { maxFileBytes } from "../files/limits.ts";

/** Multipart limits of a workbook upload: one file of at most `maxFileBytes()` (20 MB by default). */
export function workbookUploadLimits() {
  return { fileSize: maxFileBytes(), files: 1, fields: 5, fieldSize: 1000, parts: 6 };
}

/**
 * Reads the one file of a multipart upload into memory. Over the size limit:
 * 413, nothing kept. The name is only used in messages and the history reason.
 */
export async function readWorkbookUpload(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; fileName: string }> {
  if (!request.isMultipart()) {
    throw new UserError("send the workbook as multipart/form-data with one file field", [], 400);
  }
  const upload = await readUpload(request, "the workbook");
  return { bytes: upload.bytes, fileName: cleanName(upload.fileName) };
}

/** The name without folders or control characters, at most 150 characters. */
function cleanName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[/\\]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control and bidi characters are what is removed
  const name = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  return name.slice(0, 150) || "workbook.xlsx";
}
