import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { answerHistory, answers, indicators, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { fromHistoryJson, presentValue, type StoredValue } from "./answer-value.ts";
import type { LoadedAssessment } from "./load-assessment.ts";
import type { HistoryEntry } from "./schemas.ts";

const side = (v: StoredValue | null) =>
  v ? { value: presentValue(v), justification: v.justification } : null;

/**
 * Every version of one answer, oldest first: who (name), when, the value
 * before and after, the source and the reason. Empty when never answered.
 */
export async function listAnswerHistory(
  db: Db,
  assessment: LoadedAssessment,
  indicatorCode: string,
): Promise<HistoryEntry[]> {
  if (!assessment.framework.indicators.some((i) => i.code === indicatorCode)) {
    throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  }
  const rows = await db
    .select({
      version: answerHistory.version,
      changedAt: answerHistory.changedAt,
      changedBy: users.name,
      valueBefore: answerHistory.valueBefore,
      valueAfter: answerHistory.valueAfter,
      source: answerHistory.source,
      reason: answerHistory.reason,
    })
    .from(answerHistory)
    .innerJoin(answers, eq(answers.id, answerHistory.answerId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .leftJoin(users, eq(users.id, answerHistory.changedBy))
    .where(and(eq(answers.assessmentId, assessment.id), eq(indicators.code, indicatorCode)))
    .orderBy(asc(answerHistory.version), asc(answerHistory.id));
  return rows.map((r) => ({
    version: r.version,
    changedAt: r.changedAt.toISOString(),
    changedBy: r.changedBy,
    before: side(fromHistoryJson(r.valueBefore)),
    after: side(fromHistoryJson(r.valueAfter)),
    source: r.source,
    reason: r.reason,
  }));
}
