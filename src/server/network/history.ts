import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { organisationHistory, users } from "../db/schema.ts";

export interface HistoryEntry {
  organisationId: string;
  change: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  changedBy: string | null;
}

/** Appends one change to an organisation's history, in the caller's transaction. */
export async function recordHistory(tx: Db, entry: HistoryEntry): Promise<void> {
  await tx.insert(organisationHistory).values({
    organisationId: entry.organisationId,
    change: entry.change,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    changedBy: entry.changedBy,
  });
}

/** An organisation's history, newest first, with who made each change. */
export async function readHistory(db: Db, organisationId: string) {
  const rows = await db
    .select({ row: organisationHistory, who: users.name })
    .from(organisationHistory)
    .leftJoin(users, eq(users.id, organisationHistory.changedBy))
    .where(eq(organisationHistory.organisationId, organisationId))
    .orderBy(desc(organisationHistory.id));
  return rows.map(({ row, who }) => ({
    change: row.change,
    before: row.before,
    after: row.after,
    reason: row.reason,
    changedBy: who,
    changedAt: row.changedAt.toISOString(),
  }));
}
