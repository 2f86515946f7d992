import { UserError } from "../errors.ts";
import type { NewEvidence } from "./add-evidence.ts";
import { checkFileContent } from "./check-file-content.ts";
import type { Upload } from "./read-upload.ts";
import { sanitiseFileName } from "./sanitise-file-name.ts";
import { evidenceFields } from "./schemas.ts";
import { storeFile } from "./store-file.ts";

/**
 * Turns an upload into a file source: checks the text fields, sanitises the
 * name, checks the content matches the name's type, and only then stores
 * the bytes, so a refused file leaves nothing on disk.
 */
export async function prepareUpload(upload: Upload): Promise<NewEvidence> {
  const parsed = evidenceFields.safeParse(
    Object.fromEntries(Object.entries(upload.fields).filter(([, v]) => v.trim() !== "")),
  );
  if (!parsed.success) {
    throw new UserError(
      "invalid upload fields",
      parsed.error.issues.map((i) => `${i.path.join(".") || "fields"}: ${i.message}`),
    );
  }
  const name = sanitiseFileName(upload.fileName);
  const { mediaType } = await checkFileContent(upload.bytes, name);
  const stored = await storeFile(upload.bytes);
  return { kind: "file", ...parsed.data, file: { ...stored, name, mediaType } };
}
