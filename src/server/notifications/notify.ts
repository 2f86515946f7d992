import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { notifications, users } from "../db/schema.ts";
import { queueMail } from "../mail/send-mail.ts";

export interface Notice {
  userIds: readonly string[];
  /** `assignment`, `submitted`, `returned`, `validated`, `deadline`… */
  kind: string;
  /** What the web app needs to show and link the notification (assessment id, country, …). */
  payload: Record<string, unknown>;
  email: { subject: string; text: string };
}

/**
 * Notifies people in the app and by e-mail: one notification row per active
 * user and one outbox message each, inside the caller's transaction. Returns
 * the outbox ids; call `deliverOutbox(db, ids)` after the commit so nothing is
 * sent for a change that was rolled back.
 */
export async function notify(db: Db, notice: Notice): Promise<string[]> {
  const ids = [...new Set(notice.userIds)];
  if (ids.length === 0) return [];
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.isActive, true)));
  if (people.length === 0) return [];
  await db
    .insert(notifications)
    .values(people.map((p) => ({ userId: p.id, kind: notice.kind, payload: notice.payload })));
  const outboxIds: string[] = [];
  for (const person of people) {
    outboxIds.push(await queueMail(db, { to: person.email, ...notice.email }));
  }
  return outboxIds;
}
