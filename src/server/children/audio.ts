import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "../db/connect.ts";
import { consultationAudio } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { extensionOf } from "../evidence/sanitise-file-name.ts";
import { resolveStoredFile } from "../evidence/store-file.ts";
import { formatMegabytes } from "../files/limits.ts";

/** The recordings a question may carry: what file-type finds in the bytes, and the type it is served as. */
const AUDIO: Readonly<Record<string, { detected: string[]; mediaType: string }>> = {
  ".mp3": { detected: ["mp3"], mediaType: "audio/mpeg" },
  ".m4a": { detected: ["m4a", "mp4"], mediaType: "audio/mp4" },
  ".ogg": { detected: ["ogg", "opus", "oga"], mediaType: "audio/ogg" },
  ".opus": { detected: ["opus", "ogg"], mediaType: "audio/ogg" },
  ".wav": { detected: ["wav"], mediaType: "audio/wav" },
  ".webm": { detected: ["webm"], mediaType: "audio/webm" },
};
export const ACCEPTED_AUDIO = "MP3, M4A, OGG, OPUS, WAV or WEBM";

/** Largest recording of one question: `CHILDMARK_MAX_AUDIO_MB` (5 MB; a question read aloud is short). */
export function maxAudioBytes(): number {
  const mb = Number(process.env.CHILDMARK_MAX_AUDIO_MB ?? 5);
  return (Number.isFinite(mb) && mb > 0 ? mb : 5) * 1048576;
}

/**
 * Checks a recording by its content, not its name: an accepted extension whose bytes are that
 * kind of audio, at most `maxAudioBytes()` (413 above). Returns the media type to serve it as.
 */
export async function checkAudioContent(bytes: Uint8Array, name: string): Promise<{ mediaType: string }> {
  const allowed = AUDIO[extensionOf(name)];
  if (!allowed)
    throw new UserError(`${name}: only ${ACCEPTED_AUDIO} recordings are accepted`, [
      `save the recording as one of ${ACCEPTED_AUDIO} (a phone's voice recorder makes M4A or OGG)`,
    ]);
  if (bytes.length === 0) throw new UserError(`${name} is empty`);
  if (bytes.length > maxAudioBytes())
    throw new UserError(
      `${name} is over the limit of ${formatMegabytes(maxAudioBytes())} for a recording (CHILDMARK_MAX_AUDIO_MB)`,
      ["record the question alone, or save it at a lower bit rate (64 kbit/s is plenty for a voice)"],
      413,
    );
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !allowed.detected.includes(found.ext))
    throw new UserError(
      `${name}: the file's content is ${found ? found.ext.toUpperCase() : "text or an unknown format"}, not ${extensionOf(name).slice(1).toUpperCase()} audio`,
      [`upload a real recording (${ACCEPTED_AUDIO})`],
    );
  return { mediaType: allowed.mediaType };
}

/** A recording of a consultation; 404 when it is not this consultation's. */
export async function loadAudio(db: Db, consultationId: string, audioId: string) {
  const [row] = await db
    .select()
    .from(consultationAudio)
    .where(and(eq(consultationAudio.id, audioId), eq(consultationAudio.consultationId, consultationId)));
  if (!row) throw new UserError(`no recording ${audioId} in this consultation`, [], 404);
  return row;
}

/**
 * Sends a recording to be played in the page (inline, its checked audio type), with no content
 * sniffing and a sandbox policy, like evidence files, and no cookie or cache beyond the device.
 */
export async function sendAudio(
  reply: FastifyReply,
  row: { filePath: string; mediaType: string },
): Promise<FastifyReply> {
  const full = resolveStoredFile(row.filePath);
  const size = await stat(full).then(
    (s) => s.size,
    () => {
      throw new UserError("the stored recording is missing", [], 404);
    },
  );
  return reply
    .header("content-type", row.mediaType)
    .header("content-length", size)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox")
    .header("cache-control", "private, max-age=3600")
    .send(createReadStream(full));
}
