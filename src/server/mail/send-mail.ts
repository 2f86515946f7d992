import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/connect.ts";
import { outbox } from "../db/schema.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** The address links in e-mails point to (`CHILDMARK_PUBLIC_URL`, default http://localhost:3000). */
export function publicUrl(): string {
  return (process.env.CHILDMARK_PUBLIC_URL ?? "http://localhost:3000").replace(/\/$/, "");
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
