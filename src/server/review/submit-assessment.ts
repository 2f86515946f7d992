import { and, eq, exists, isNotNull, isNull, not, or } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answers, evidenceSources, indicators } from "../db/schema.ts";
import { changeStatus, type WorkflowEvent } from "./change-status.ts";
import { notifyWorkflowStep } from "./workflow-notices.ts";

export interface StepResult {
  status: string;
  event: WorkflowEvent;
  warnings: string[];
  /** Outbox ids to deliver after the commit. */
  outboxIds: string[];
}

/**
 * Submits an assessment (draft or returned → submitted): records every
 * answer's version in the event, so the reviewer can later see what changed,
 * warns about answers whose indicator requires evidence but have none, and
 * notifies the reviewers and the secretariat. Call inside a transaction.
 */
export async function submitAssessment(
  db: Db,
  assessment: LoadedAssessment,
  actorId: string,
): Promise<StepResult> {
  const rows = await db
    .select({ code: indicators.code, version: answers.version })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(eq(answers.assessmentId, assessment.id));
  const answerVersions = Object.fromEntries(rows.map((r) => [r.code, r.version]));
  const event = await changeStatus(db, {
    assessmentId: assessment.id,
    step: "submit",
    from: ["draft", "returned"],
    to: "submitted",
    actorId,
    answerVersions,
  });
  const warnings = (await findMissingEvidence(db, assessment.id)).map(
    (code) => `${code}: this indicator requires evidence and its answer has none`,
  );
  const outboxIds = await notifyWorkflowStep(db, "submitted", assessment, actorId);
  return { status: "submitted", event, warnings, outboxIds };
}

/** Codes of answered indicators that require evidence but have no current source, in framework order. */
export async function findMissingEvidence(db: Db, assessmentId: string): Promise<string[]> {
  const rows = await db
    .select({ code: indicators.code })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(
      and(
        eq(answers.assessmentId, assessmentId),
        eq(indicators.evidenceRequired, true),
        or(isNotNull(answers.valueText), isNotNull(answers.valueNumber)),
        not(
          exists(
            db
              .select({ id: evidenceSources.id })
              .from(evidenceSources)
              .where(and(eq(evidenceSources.answerId, answers.id), isNull(evidenceSources.removedAt))),
          ),
        ),
      ),
    )
    .orderBy(indicators.position);
  return rows.map((r) => r.code);
}
