import { and, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { auditEvents } from "../db/schema.ts";

/** How many days the audit log keeps an IP address (`CHILDMARK_AUDIT_IP_DAYS`, default 90). */
export function auditIpDays(): number {
  const days = Number(process.env.CHILDMARK_AUDIT_IP_DAYS ?? 90);
  return Number.isFinite(days) && days >= 0 ? days : 90;
}

/**
 * Forgets the IP address of events older than the retention period (the one change the
 * append-only trigger allows). Returns how many events it changed.
 */
export async function forgetOldAuditIps(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - auditIpDays() * 86_400_000);
  const rows = await db
    .update(auditEvents)
    .set({ ip: null })
    .where(and(isNotNull(auditEvents.ip), lt(auditEvents.at, before)))
    .returning({ id: auditEvents.id });
  return rows.length;
}
