import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { fromHistoryJson, presentValue } from "../assessments/answer-value.ts";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answerHistory, answers, assessmentEvents, indicators } from "../db/schema.ts";
import type { ChangesOut } from "./schemas.ts";

/** Statuses in which the latest submission is the one under review, so changes count from the one before. */
const UNDER_REVIEW = new Set(["submitted", "in_review", "validated"]);

/**
 * What changed since the last submission, for the reviewer: every answer
 * whose version is now higher than the version recorded at that submission
 * (or that did not exist then), with the value then and now. While the
 * assessment is under review, the baseline is the submission before the
 * current one. No earlier submission: nothing to compare, `since` is null.
 */
export async function listChanges(db: Db, assessment: LoadedAssessment): Promise<ChangesOut> {
  const submissions = await db
    .select({ at: assessmentEvents.createdAt, versions: assessmentEvents.answerVersions })
    .from(assessmentEvents)
    .where(and(eq(assessmentEvents.assessmentId, assessment.id), eq(assessmentEvents.toStatus, "submitted")))
    .orderBy(desc(assessmentEvents.id))
    .limit(2);
  const baseline = UNDER_REVIEW.has(assessment.status) ? submissions[1] : submissions[0];
  if (!baseline?.versions) return { since: null, changes: [] };
  const then = baseline.versions;

  const current = await db
    .select({
      id: answers.id,
      code: indicators.code,
      position: indicators.position,
      version: answers.version,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
      justification: answers.justification,
    })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(eq(answers.assessmentId, assessment.id))
    .orderBy(indicators.position);
  const changed = current.filter((a) => a.version > (then[a.code] ?? 0));
  // An answer opened empty (for evidence or a comment) and still empty has nothing to show.
  const shown = changed.filter(
    (a) => then[a.code] !== undefined || presentValue(a) !== null || a.justification,
  );
  const history = shown.length
    ? await db
        .select({
          answerId: answerHistory.answerId,
          version: answerHistory.version,
          after: answerHistory.valueAfter,
        })
        .from(answerHistory)
        .where(
          and(
            inArray(
              answerHistory.answerId,
              shown.map((a) => a.id),
            ),
            ne(answerHistory.source, "evidence"),
          ),
        )
        .orderBy(answerHistory.answerId, answerHistory.version, answerHistory.id)
    : [];
  return {
    since: baseline.at.toISOString(),
    changes: shown.map((a) => {
      const versionThen = then[a.code] ?? 0;
      // The value then is what the last change at or before that version left.
      const before = history.filter((h) => h.answerId === a.id && h.version <= versionThen).at(-1);
      const valueThen = before ? fromHistoryJson(before.after) : null;
      return {
        indicator: a.code,
        versionThen,
        versionNow: a.version,
        valueThen: valueThen ? presentValue(valueThen) : null,
        justificationThen: valueThen?.justification ?? null,
        valueNow: presentValue(a),
        justificationNow: a.justification,
      };
    }),
  };
}
