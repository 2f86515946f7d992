import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { FastifyReply } from "fastify";
import { UserError } from "../errors.ts";
import { attachmentHeader } from "./content-disposition.ts";
import { resolveStoredFile } from "./store-file.ts";

/**
 * Streams a stored upload with its checked media type, no content sniffing and a sandbox policy,
 * so even a file that slipped through could not run in the site's origin; `missing` is the 404's
 * message when the file is not on disk.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  file: { path: string; mediaType: string; disposition: string; cache: string; missing: string },
) {
  const full = resolveStoredFile(file.path);
  const size = await stat(full).then(
    (s) => s.size,
    () => {
      throw new UserError(file.missing, [], 404);
    },
  );
  return reply
    .header("content-type", file.mediaType)
    .header("content-length", size)
    .header("content-disposition", file.disposition)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox")
    .header("cache-control", file.cache)
    .send(createReadStream(full));
}

/** Sends a stored file as a download: an attachment, never shown inline. */
export async function downloadEvidence(
  reply: FastifyReply,
  row: { filePath: string | null; fileName: string | null; mediaType: string | null },
) {
  if (!row.filePath) throw new UserError("this source has no file", [], 404);
  return sendStoredFile(reply, {
    path: row.filePath,
    mediaType: row.mediaType ?? "application/octet-stream",
    disposition: attachmentHeader(row.fileName ?? "file"),
    cache: "private, no-store",
    missing: "the stored file is missing",
  });
}
