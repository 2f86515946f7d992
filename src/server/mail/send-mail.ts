import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/connect.ts";
import { outbox } from "../db/schema.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const DEFAULT_PUBLIC_URL = "http://localhost:3000";

/** The address links in e-mails point to (`CHILDMARK_PUBLIC_URL`, default http://localhost:3000). */
export function publicUrl(): string {
  return (process.env.CHILDMARK_PUBLIC_URL || DEFAULT_PUBLIC_URL).replace(/\/$/, "");
}

/**
 * What to tell whoever starts the server about `CHILDMARK_PUBLIC_URL`: nothing in the demo (it
 * runs on this computer), a warning when it is unset or is not an http(s) address, since every
 * invitation, password reset and notification e-mail would then link to the wrong place.
 */
export function publicUrlWarning(
  value: string | undefined,
  options: { demo?: boolean } = {},
): string | undefined {
  if (!value) {
    if (options.demo) return undefined;
    return `CHILDMARK_PUBLIC_URL is not set: invitation, password reset and notification e-mails will link to ${DEFAULT_PUBLIC_URL}. Set it to the address people use (for example https://childmark.example.org).`;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    return `CHILDMARK_PUBLIC_URL must be an http:// or https:// address (got "${value}"): e-mail links will not work.`;
  return undefined;
}

/**
 * Puts a message in the outbox (inside the caller's transaction) and returns
 * its id. The outbox is the record of every message; `deliverOutbox` sends
 * it by SMTP when `SMTP_URL` is set.
 */
export async function queueMail(db: Db, mail: Mail): Promise<string> {
  const [row] = await db
    .insert(outbox)
    .values({ toEmail: mail.to, subject: mail.subject, bodyText: mail.text })
    .returning({ id: outbox.id });
  return row!.id;
}

/** Sends queued messages by SMTP (`SMTP_URL`, `SMTP_FROM`); without SMTP they stay readable in the outbox. */
export async function deliverOutbox(db: Db, ids: readonly string[]): Promise<void> {
  const url = process.env.SMTP_URL;
  if (!url || ids.length === 0) return;
  const transport = nodemailer.createTransport(url);
  for (const id of ids) {
    const [mail] = await db.select().from(outbox).where(eq(outbox.id, id));
    if (!mail || mail.sentAt) continue;
    try {
      await transport.sendMail({
        from: process.env.SMTP_FROM ?? "Childmark <no-reply@childmark.local>",
        to: mail.toEmail,
        subject: mail.subject,
        text: mail.bodyText,
      });
      await db.update(outbox).set({ sentAt: new Date(), error: null }).where(eq(outbox.id, id));
    } catch (error) {
      await db
        .update(outbox)
        .set({ error: String((error as Error).message).slice(0, 500) })
        .where(eq(outbox.id, id));
    }
  }
}
