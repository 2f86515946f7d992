import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { answerHistory, answers, indicators, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { fromHistoryJson, presentValue, type StoredValue } from "./answer-value.ts";
import type { LoadedAssessment } from "./load-assessment.ts";
import type { HistoryEntry } from "./schemas.ts";

const text = (v: unknown) => (typeof v === "string" ? v : null);

/** The evidence source an `evidence` history row records (see evidence/present-evidence.ts). */
function readEvidence(before: unknown, after: unknown): HistoryEntry["evidence"] {
  const pick = (json: unknown) =>
    json && typeof json === "object" && "evidence" in json
      ? (json.evidence as Record<string, unknown>)
      : null;
  const added = pick(after);
  const e = added ?? pick(before);
  if (!e) return null;
  return {
    action: added ? "added" : "removed",
    id: text(e.id),
    kind: text(e.kind),
    citation: text(e.citation),
    url: text(e.url),
    legalReference: text(e.legalReference),
    fileName: text(e.fileName),
  };
}

const side = (v: StoredValue | null) =>
  v ? { value: presentValue(v), justification: v.justification } : null;

/**
 * Every change of one answer, oldest first: who (name), when, the value
 * before and after, the source and the reason, and evidence added or removed
 * (source `evidence`). Empty when never answered.
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
      id: answerHistory.id,
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
  return rows.map((r) => {
    const evidence = r.source === "evidence" ? readEvidence(r.valueBefore, r.valueAfter) : null;
    return {
      id: r.id,
      version: r.version,
      changedAt: r.changedAt.toISOString(),
      changedBy: r.changedBy,
      // An evidence row leaves the value as it was: it has no before/after value of its own.
      before: evidence ? null : side(fromHistoryJson(r.valueBefore)),
      after: evidence ? null : side(fromHistoryJson(r.valueAfter)),
      source: r.source,
      reason: r.reason,
      evidence,
    };
  });
}
