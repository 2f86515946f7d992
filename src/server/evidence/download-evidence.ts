import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { FastifyReply } from "fastify";
import { UserError } from "../errors.ts";
import { attachmentHeader } from "./content-disposition.ts";
import { resolveStoredFile } from "./store-file.ts";

/**
 * Sends a stored file as a download: its checked media type, an attachment
 * disposition, no content sniffing and a sandbox policy, so even a file that
 * slipped through could not run in the site's origin.
 */
export async function downloadEvidence(
  reply: FastifyReply,
  row: { filePath: string | null; fileName: string | null; mediaType: string | null },
) {
  if (!row.filePath) throw new UserError("this source has no file", [], 404);
  const full = resolveStoredFile(row.filePath);
  const size = await stat(full).then(
    (s) => s.size,
    () => {
      throw new UserError("the stored file is missing", [], 404);
    },
  );
  return reply
    .header("content-type", row.mediaType ?? "application/octet-stream")
    .header("content-length", size)
    .header("content-disposition", attachmentHeader(row.fileName ?? "file"))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox")
    .header("cache-control", "private, no-store")
    .send(createReadStream(full));
}
