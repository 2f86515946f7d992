import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/*
 * Two-factor secrets at rest. With CHILDMARK_SECRET_KEY set (any long random
 * string, e.g. `openssl rand -base64 32`; its SHA-256 is the AES-256 key),
 * secrets are sealed with AES-256-GCM, bound to their user id, so a database
 * dump alone does not give them away. Without it they are stored as they are
 * ("plain:") and the server warns at start. Secrets stored plain before a key
 * was set are still read.
 */

function secretKey(): Buffer | undefined {
  const configured = process.env.CHILDMARK_SECRET_KEY;
  return configured ? createHash("sha256").update(configured).digest() : undefined;
}

/** Whether secrets are sealed (CHILDMARK_SECRET_KEY is set). */
export function isSecretKeyConfigured(): boolean {
  return secretKey() !== undefined;
}

/** Seals a secret for storage, bound to `owner` (a user id). */
export function sealSecret(secret: string, owner: string): string {
  const key = secretKey();
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(owner));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["gcm", iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === "string" ? p : p.toString("base64")))
    .join(":");
}

/** Opens a stored secret; fails when it was sealed and the key is missing or another. */
export function openSecret(stored: string, owner: string): string {
  if (stored.startsWith("plain:")) return stored.slice("plain:".length);
  const [scheme, iv, tag, sealed] = stored.split(":");
  const key = secretKey();
  if (scheme !== "gcm" || !iv || !tag || !sealed) throw new Error("unreadable two-factor secret");
  if (!key) throw new Error("CHILDMARK_SECRET_KEY is needed to read the two-factor secrets");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
}
