import { eq } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answers, comments } from "../db/schema.ts";
import { ensureAnswer } from "../evidence/ensure-answer.ts";
import { requireStatus } from "./change-status.ts";

/**
 * Marks one answer "needs rework" during a review, with the reviewer's
 * comment (kind `rework`) saying what to fix. Call inside a transaction.
 */
export async function flagRework(
  db: Db,
  input: { assessment: LoadedAssessment; indicatorCode: string; actorId: string; comment: string },
): Promise<{ reviewState: string | null }> {
  await requireStatus(db, input.assessment.id, "in_review", "mark an answer for rework");
  const answer = await ensureAnswer(db, input.assessment, input.indicatorCode, {
    actorId: input.actorId,
    editable: false,
  });
  await db
    .update(answers)
    .set({ reviewState: "needs_rework", reviewedBy: input.actorId, reviewedAt: new Date() })
    .where(eq(answers.id, answer.answerId));
  await db
    .insert(comments)
    .values({ answerId: answer.answerId, authorId: input.actorId, kind: "rework", body: input.comment });
  return { reviewState: "needs_rework" };
}

/** Clears an answer's "needs rework" flag during a review (its comments stay). Call inside a transaction. */
export async function clearRework(
  db: Db,
  input: { assessment: LoadedAssessment; indicatorCode: string; actorId: string },
): Promise<{ reviewState: string | null }> {
  await requireStatus(db, input.assessment.id, "in_review", "clear a rework flag");
  const answer = await ensureAnswer(db, input.assessment, input.indicatorCode, {
    actorId: input.actorId,
    editable: false,
  });
  await db
    .update(answers)
    .set({ reviewState: null, reviewedBy: null, reviewedAt: null })
    .where(eq(answers.id, answer.answerId));
  return { reviewState: null };
}
