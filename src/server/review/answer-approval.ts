import { inArray } from "drizzle-orm";
import { indicatorsCoveredBy, pathsOfIndicators } from "../assessments/framework-paths.ts";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answers, comments } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { ensureAnswer } from "../evidence/ensure-answer.ts";
import { requireStatus } from "./change-status.ts";
import { notifyAnswerReview } from "./workflow-notices.ts";

export type ReviewDecision = "approve" | "return";

interface ReviewInput {
  assessment: LoadedAssessment;
  actorId: string;
  decision: ReviewDecision;
  /** Required to return: what needs fixing. Kept as a `rework` comment on each returned answer. */
  comment?: string | null;
}

export interface ReviewOutcome {
  decision: ReviewDecision;
  indicators: string[];
  outboxIds: string[];
}

/**
 * Approves or returns answers during a review: sets `review_state`
 * (`approved` / `needs_rework`) with who and when, and for a return adds the
 * reviewer's comment to each answer's thread (kind `rework`). Notifies the
 * country's coordinator and contributors once for the whole decision.
 * Call inside a transaction.
 */
export async function reviewAnswers(
  db: Db,
  input: ReviewInput & { indicatorCodes: readonly string[]; sectionCode?: string },
): Promise<ReviewOutcome> {
  const { assessment, decision, actorId } = input;
  const comment = input.comment?.trim() || null;
  if (decision === "return" && !comment) {
    throw new UserError("comment: say what needs to be fixed");
  }
  await requireStatus(db, assessment.id, "in_review", `${decision} answers`);
  const ids: string[] = [];
  for (const code of input.indicatorCodes) {
    const answer = await ensureAnswer(db, assessment, code, { actorId, editable: false });
    ids.push(answer.answerId);
  }
  if (ids.length > 0) {
    await db
      .update(answers)
      .set({
        reviewState: decision === "approve" ? "approved" : "needs_rework",
        reviewedBy: actorId,
        reviewedAt: new Date(),
      })
      .where(inArray(answers.id, ids));
    if (decision === "return") {
      await db
        .insert(comments)
        .values(ids.map((answerId) => ({ answerId, authorId: actorId, kind: "rework", body: comment! })));
    }
  }
  const outboxIds = await notifyAnswerReview(db, {
    assessment,
    actorId,
    decision,
    count: ids.length,
    section: input.sectionCode ?? null,
    indicator: input.sectionCode ? null : (input.indicatorCodes[0] ?? null),
    comment,
  });
  return { decision, indicators: [...input.indicatorCodes], outboxIds };
}

/** The indicator codes under a node (the node itself may be any level of the tree), or 404. */
export function indicatorsInSection(assessment: LoadedAssessment, nodeCode: string): string[] {
  const fw = assessment.framework;
  if (!fw.nodes.some((n) => n.code === nodeCode)) {
    throw new UserError(`no section "${nodeCode}" in this framework`, [], 404);
  }
  const covered = indicatorsCoveredBy(pathsOfIndicators(fw), [nodeCode]);
  return fw.indicators.filter((i) => covered.has(i.code)).map((i) => i.code);
}
