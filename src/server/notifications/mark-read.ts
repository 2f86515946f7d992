import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { notifications } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** Marks one of the user's notifications read (404 when it is not theirs); reading twice keeps the first time. */
export async function markNotificationRead(db: Db, userId: string, id: string): Promise<void> {
  const [row] = await db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) throw new UserError("no such notification", [], 404);
  if (!row.readAt) await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
