import { and, eq } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { LOGO_TYPES, stripImageMetadata } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { organisations } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { checkFileContent } from "../evidence/check-file-content.ts";
import { sendStoredFile } from "../evidence/download-evidence.ts";
import type { Upload } from "../evidence/read-upload.ts";
import { extensionOf, sanitiseFileName } from "../evidence/sanitise-file-name.ts";
import { discardFile, type StoredFile, storeFile } from "../evidence/store-file.ts";
import { formatMegabytes, maxLogoBytes } from "../files/limits.ts";
import { recordHistory } from "./history.ts";
import type { OrganisationRow } from "./load-network.ts";
import { staleVersion } from "./save-organisation.ts";

const ACCEPTED = "PNG, JPEG, GIF or WEBP";

/**
 * Checks an uploaded logo and stores it: an image by its name and by its content (the same
 * check as evidence), at most `maxLogoBytes()`, its metadata taken out; only then written under
 * a random name. Throws a 400 (413 when too large) naming what is wrong; nothing is kept then.
 */
export async function storeLogo(
  upload: Upload,
): Promise<StoredFile & { fileName: string; mediaType: string }> {
  const fileName = sanitiseFileName(upload.fileName);
  const kind = LOGO_TYPES[extensionOf(fileName)];
  if (!kind)
    throw new UserError(`${fileName}: a logo must be a ${ACCEPTED} image`, [`file: ${ACCEPTED} only`]);
  if (upload.bytes.length > maxLogoBytes()) {
    throw new UserError(
      `${fileName} is over the limit of ${formatMegabytes(maxLogoBytes())} for a logo (CHILDMARK_MAX_LOGO_KB)`,
      [],
      413,
    );
  }
  const { mediaType } = await checkFileContent(upload.bytes, fileName);
  let clean: Uint8Array;
  try {
    clean = stripImageMetadata(upload.bytes, mediaType);
  } catch (error) {
    throw new UserError(`${fileName}: not a readable ${kind.label} image (${(error as Error).message})`, [
      `file: save the logo again as ${kind.label}`,
    ]);
  }
  return { ...(await storeFile(clean)), fileName, mediaType };
}

/**
 * Sets (or, with `stored` null, removes) an organisation's logo if nobody changed the
 * organisation since `expectedVersion` (409 otherwise), with a line of its history. The file it
 * replaces is deleted after the change is committed, by the caller (`oldPath`).
 */
export async function saveLogo(
  tx: Db,
  current: OrganisationRow,
  stored: (StoredFile & { fileName: string; mediaType: string }) | null,
  expectedVersion: number,
  actorId: string,
): Promise<{ version: number; oldPath: string | null }> {
  const [row] = await tx
    .update(organisations)
    .set({
      logoPath: stored?.path ?? null,
      logoMediaType: stored?.mediaType ?? null,
      logoSize: stored?.size ?? null,
      logoSha256: stored?.sha256 ?? null,
      version: expectedVersion + 1,
    })
    .where(and(eq(organisations.id, current.id), eq(organisations.version, expectedVersion)))
    .returning({ version: organisations.version });
  if (!row) throw staleVersion(expectedVersion);
  await recordHistory(tx, {
    organisationId: current.id,
    change: "logo",
    before: { logo: current.logoPath ? describeLogo(current.logoMediaType, current.logoSize) : null },
    after: { logo: stored ? describeLogo(stored.mediaType, stored.size) : null },
    changedBy: actorId,
  });
  return { version: row.version, oldPath: current.logoPath };
}

function describeLogo(mediaType: string | null, size: number | null): string {
  const label = Object.values(LOGO_TYPES).find((t) => t.mediaType === mediaType)?.label ?? "image";
  return `${label}, ${Math.max(1, Math.round((size ?? 0) / 1024))} KB`;
}

/** Deletes a logo file no organisation uses any more (after the change that dropped it). */
export async function discardLogo(path: string | null): Promise<void> {
  if (path) await discardFile(path).catch(() => undefined);
}

/** Sends a logo as an image to show (inline), with the same guards as any stored upload. */
export async function sendLogo(
  reply: FastifyReply,
  row: { logoPath: string | null; logoMediaType: string | null },
  cache: string,
) {
  if (!row.logoPath || !row.logoMediaType) throw new UserError("no logo", [], 404);
  return sendStoredFile(reply, {
    path: row.logoPath,
    mediaType: row.logoMediaType,
    disposition: "inline",
    cache,
    missing: "no logo",
  });
}
