import { eq } from "drizzle-orm";
import type { AssessmentStatus } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { assessmentEvents, assessments } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export interface StatusChange {
  assessmentId: string;
  /** The step's name for messages: `submit`, `return`… */
  step: string;
  from: readonly AssessmentStatus[];
  to: AssessmentStatus;
  actorId: string;
  reason?: string | null;
  answerVersions?: Record<string, number> | null;
}

export interface WorkflowEvent {
  id: number;
  from: string;
  to: string;
  reason: string | null;
  at: string;
}

const label = (status: string) => status.replace("_", " ");

/**
 * Moves an assessment from one of `from` to `to` and records the step in
 * assessment_events (who, when, from, to, reason). Locks the assessment row
 * first, so two steps at once cannot both pass. Any other current status: 409
 * naming it and the statuses the step needs. Call inside a transaction.
 */
export async function changeStatus(db: Db, change: StatusChange): Promise<WorkflowEvent> {
  const [row] = await db
    .select({ status: assessments.status })
    .from(assessments)
    .where(eq(assessments.id, change.assessmentId))
    .for("update");
  if (!row) throw new UserError("no such assessment", [], 404);
  if (!change.from.includes(row.status as AssessmentStatus)) {
    throw new UserError(
      `cannot ${change.step} this assessment: it is ${label(row.status)}; ${change.step} needs it ${change.from.map(label).join(" or ")}`,
      [],
      409,
    );
  }
  await db.update(assessments).set({ status: change.to }).where(eq(assessments.id, change.assessmentId));
  const [event] = await db
    .insert(assessmentEvents)
    .values({
      assessmentId: change.assessmentId,
      fromStatus: row.status,
      toStatus: change.to,
      actorId: change.actorId,
      reason: change.reason?.trim() ? change.reason.trim() : null,
      answerVersions: change.answerVersions ?? null,
    })
    .returning();
  return {
    id: event!.id,
    from: event!.fromStatus,
    to: event!.toStatus,
    reason: event!.reason,
    at: event!.createdAt.toISOString(),
  };
}

/** Refuses (409) unless the assessment is currently `status` (for steps on answers during a review). */
export async function requireStatus(db: Db, assessmentId: string, status: AssessmentStatus, step: string) {
  const [row] = await db
    .select({ status: assessments.status })
    .from(assessments)
    .where(eq(assessments.id, assessmentId))
    .for("share");
  if (!row) throw new UserError("no such assessment", [], 404);
  if (row.status !== status) {
    throw new UserError(
      `cannot ${step}: the assessment is ${label(row.status)}, not ${label(status)}`,
      [],
      409,
    );
  }
}
