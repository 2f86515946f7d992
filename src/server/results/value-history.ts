import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultValueHistory, resultValues, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** Every change to an indicator's targets and actuals, oldest first, with who and how. */
export async function readValueHistory(db: Db, planId: string, indicatorId: string) {
  const [indicator] = await db
    .select({ id: resultIndicators.id })
    .from(resultIndicators)
    .where(and(eq(resultIndicators.id, indicatorId), eq(resultIndicators.planId, planId)));
  if (!indicator) throw new UserError(`no indicator ${indicatorId} in this plan`, [], 404);
  const rows = await db
    .select({
      kind: resultValues.kind,
      period: resultValues.period,
      version: resultValueHistory.version,
      before: resultValueHistory.valueBefore,
      after: resultValueHistory.valueAfter,
      changedBy: users.name,
      changedAt: resultValueHistory.changedAt,
      source: resultValueHistory.source,
    })
    .from(resultValueHistory)
    .innerJoin(resultValues, eq(resultValues.id, resultValueHistory.valueId))
    .leftJoin(users, eq(users.id, resultValueHistory.changedBy))
    .where(eq(resultValues.indicatorId, indicatorId))
    .orderBy(asc(resultValueHistory.id));
  return rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() }));
}
