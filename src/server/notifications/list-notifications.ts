import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { notifications } from "../db/schema.ts";
import type { NotificationList } from "./schemas.ts";

/** A user's own notifications, newest first (at most `limit`), and how many are unread. */
export async function listNotifications(db: Db, userId: string, limit = 100): Promise<NotificationList> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return {
    unread: Number(unread?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
  };
}
