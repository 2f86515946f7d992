import { and, count, eq } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answers } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { changeStatus } from "./change-status.ts";
import type { StepResult } from "./submit-assessment.ts";
import { notifyWorkflowStep } from "./workflow-notices.ts";

/* The reviewer's steps on a whole assessment. Each runs inside the caller's transaction. */

async function countNeedingRework(db: Db, assessmentId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(answers)
    .where(and(eq(answers.assessmentId, assessmentId), eq(answers.reviewState, "needs_rework")));
  return Number(row?.n ?? 0);
}

/** Starts the review of a submitted assessment (submitted → in_review). */
export async function startReview(
  db: Db,
  assessment: LoadedAssessment,
  actorId: string,
): Promise<StepResult> {
  const event = await changeStatus(db, {
    assessmentId: assessment.id,
    step: "start the review of",
    from: ["submitted"],
    to: "in_review",
    actorId,
  });
  return { status: "in_review", event, warnings: [], outboxIds: [] };
}

/**
 * Returns an assessment under review to its team (in_review → returned);
 * at least one answer must be marked "needs rework" so they know what to fix.
 */
export async function returnAssessment(
  db: Db,
  assessment: LoadedAssessment,
  actorId: string,
  reason?: string | null,
): Promise<StepResult> {
  const event = await changeStatus(db, {
    assessmentId: assessment.id,
    step: "return",
    from: ["in_review"],
    to: "returned",
    actorId,
    reason,
  });
  if ((await countNeedingRework(db, assessment.id)) === 0) {
    throw new UserError(
      "cannot return this assessment: mark at least one answer as needing rework first",
      [],
      409,
    );
  }
  const outboxIds = await notifyWorkflowStep(db, "returned", assessment, actorId, event.reason);
  return { status: "returned", event, warnings: [], outboxIds };
}

/** Validates an assessment under review (in_review → validated, locked); refused while any answer needs rework. */
export async function validateAssessment(
  db: Db,
  assessment: LoadedAssessment,
  actorId: string,
): Promise<StepResult> {
  const event = await changeStatus(db, {
    assessmentId: assessment.id,
    step: "validate",
    from: ["in_review"],
    to: "validated",
    actorId,
  });
  const pending = await countNeedingRework(db, assessment.id);
  if (pending > 0) {
    throw new UserError(
      `cannot validate this assessment: ${pending} answer(s) still need rework; clear their flags or return it`,
      [],
      409,
    );
  }
  const outboxIds = await notifyWorkflowStep(db, "validated", assessment, actorId);
  return { status: "validated", event, warnings: [], outboxIds };
}

/** Reopens a validated assessment (validated → returned) with a reason, kept in its timeline. */
export async function reopenAssessment(
  db: Db,
  assessment: LoadedAssessment,
  actorId: string,
  reason: string,
): Promise<StepResult> {
  if (!reason.trim()) throw new UserError("reason: say why the assessment is reopened");
  const event = await changeStatus(db, {
    assessmentId: assessment.id,
    step: "reopen",
    from: ["validated"],
    to: "returned",
    actorId,
    reason,
  });
  const outboxIds = await notifyWorkflowStep(db, "reopened", assessment, actorId, event.reason);
  return { status: "returned", event, warnings: [], outboxIds };
}
