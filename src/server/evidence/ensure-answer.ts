import { and, eq } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answerHistory, answers, assessments, indicators } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** Statuses in which answers and their evidence may change. */
export const EDITABLE_STATUSES: ReadonlySet<string> = new Set(["draft", "returned"]);

export interface AnswerRef {
  answerId: string;
  version: number;
  /** The assessment's status, read under a share lock. */
  status: string;
}

/**
 * The answer row of one indicator, created empty (version 1, with a history
 * row) when it does not exist yet, so evidence or a comment can come before
 * the value. Locks the assessment row for share, so a concurrent submission
 * waits. With `editable`, refuses (409) an assessment that is not draft or returned.
 */
export async function ensureAnswer(
  db: Db,
  assessment: LoadedAssessment,
  indicatorCode: string,
  options: { actorId: string; editable: boolean },
): Promise<AnswerRef> {
  const [row] = await db
    .select({
      indicatorId: indicators.id,
      status: assessments.status,
      answerId: answers.id,
      version: answers.version,
    })
    .from(indicators)
    .innerJoin(assessments, eq(assessments.id, assessment.id))
    .leftJoin(answers, and(eq(answers.indicatorId, indicators.id), eq(answers.assessmentId, assessment.id)))
    .where(and(eq(indicators.versionId, assessment.versionId), eq(indicators.code, indicatorCode)))
    .for("share", { of: assessments });
  if (!row) throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  if (options.editable && !EDITABLE_STATUSES.has(row.status)) {
    throw new UserError(
      `the assessment is ${row.status.replace("_", " ")}: answers and evidence are locked`,
      [],
      409,
    );
  }
  if (row.answerId && row.version !== null)
    return { answerId: row.answerId, version: row.version, status: row.status };

  const [inserted] = await db
    .insert(answers)
    .values({ assessmentId: assessment.id, indicatorId: row.indicatorId, updatedBy: options.actorId })
    .onConflictDoNothing()
    .returning({ id: answers.id, version: answers.version });
  if (inserted) {
    await db.insert(answerHistory).values({
      answerId: inserted.id,
      version: inserted.version,
      valueBefore: null,
      valueAfter: { value: null, justification: null },
      changedBy: options.actorId,
      source: "entry",
      reason: "answer opened (evidence or comment before a value)",
    });
    return { answerId: inserted.id, version: inserted.version, status: row.status };
  }
  // A concurrent request created it first.
  const [created] = await db
    .select({ id: answers.id, version: answers.version })
    .from(answers)
    .where(and(eq(answers.assessmentId, assessment.id), eq(answers.indicatorId, row.indicatorId)));
  return { answerId: created!.id, version: created!.version, status: row.status };
}
