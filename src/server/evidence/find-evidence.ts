import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { answers, evidenceSources, indicators } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** One evidence source that is not removed, with its assessment and indicator (for authorisation), or 404. */
export async function findEvidence(db: Db, id: string) {
  const [row] = await db
    .select({ evidence: evidenceSources, assessmentId: answers.assessmentId, indicatorCode: indicators.code })
    .from(evidenceSources)
    .innerJoin(answers, eq(answers.id, evidenceSources.answerId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(and(eq(evidenceSources.id, id), isNull(evidenceSources.removedAt)));
  if (!row) throw new UserError("no such evidence", [], 404);
  return row;
}
