import type { FastifyRequest } from "fastify";
import { findNul, nulProblem } from "../app/refuse-nul.ts";
import { UserError } from "../errors.ts";
import { formatMegabytes, maxFileBytes } from "../files/limits.ts";

export interface Upload {
  bytes: Buffer;
  /** The name the browser sent, unsanitised. */
  fileName: string;
  fields: Record<string, string>;
}

/**
 * Reads a multipart request holding one file (in memory, at most
 * `maxFileBytes()`) and plain text fields. Over the limit: 413, nothing kept;
 * a malformed body: 400. `what` names the file in messages ("the workbook").
 */
export async function readUpload(
  request: FastifyRequest,
  what = "the file",
  /** The limit the multipart scope was given, for the message (evidence's by default). */
  limit = { bytes: maxFileBytes(), variable: "CHILDMARK_MAX_UPLOAD_MB" },
): Promise<Upload> {
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; fileName: string } | undefined;
  let reading = what;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (file) throw new UserError("send one file per request");
        reading = part.filename || reading;
        file = { bytes: await part.toBuffer(), fileName: part.filename };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") {
      throw new UserError(
        `${reading} is over the limit of ${formatMegabytes(limit.bytes)} (${limit.variable})`,
        [],
        413,
      );
    }
    if (code === "FST_FILES_LIMIT") throw new UserError("send one file per request");
    if (error instanceof UserError) throw error;
    // Anything else here is a malformed body (a wrong boundary, a cut-short part): the sender's fault.
    throw new UserError(`unreadable upload: ${(error as Error).message}`);
  }
  if (!file) throw new UserError("file: no file in the upload");
  // Text fields are stored or searched: a NUL would fail the query (see refuse-nul.ts).
  const withNul = findNul(fields);
  if (withNul !== null) throw new UserError("invalid upload fields", [nulProblem(withNul)]);
  return { ...file, fields };
}

/** Multipart limits for evidence uploads. */
export function uploadLimits() {
  return { fileSize: maxFileBytes(), files: 2, fields: 10, fieldSize: 10_000, parts: 12 };
}
