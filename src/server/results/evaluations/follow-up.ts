import { and, eq, sql } from "drizzle-orm";
import type { FollowUpBody } from "../../api-schemas/evaluations.ts";
import type { Db } from "../../db/connect.ts";
import { evaluationRecommendationHistory, evaluationRecommendations } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { loadPlanEvaluation } from "./check-plan-parts.ts";

/** Adds a recommendation at the end of an evaluation's list, not started, with its first history row. */
export async function addEvaluationRecommendation(
  db: Db,
  planId: string,
  evaluationId: string,
  body: { text: Record<string, string>; dueOn: string | null },
  actorId: string | null,
): Promise<string> {
  await loadPlanEvaluation(db, planId, evaluationId);
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${evaluationRecommendations.position}), -1) + 1` })
    .from(evaluationRecommendations)
    .where(eq(evaluationRecommendations.evaluationId, evaluationId))) as [{ next: number }];
  const [row] = await db
    .insert(evaluationRecommendations)
    .values({ ...body, evaluationId, position: Number(next) })
    .returning({ id: evaluationRecommendations.id });
  await db
    .insert(evaluationRecommendationHistory)
    .values({ recommendationId: row!.id, status: "not_started", changedBy: actorId });
  return row!.id;
}

/**
 * Records the management response and follow-up status of an evaluation's recommendation;
 * every call adds a row to its history (who, when, what).
 */
export async function saveFollowUp(
  db: Db,
  planId: string,
  evaluationId: string,
  recommendationId: string,
  body: FollowUpBody,
  actorId: string | null,
): Promise<void> {
  await loadPlanEvaluation(db, planId, evaluationId);
  const [row] = await db
    .update(evaluationRecommendations)
    .set({
      responseDecision: body.responseDecision,
      managementResponse: body.managementResponse,
      status: body.status,
    })
    .where(
      and(
        eq(evaluationRecommendations.id, recommendationId),
        eq(evaluationRecommendations.evaluationId, evaluationId),
      ),
    )
    .returning({ id: evaluationRecommendations.id });
  if (!row) throw new UserError(`no recommendation ${recommendationId} in this evaluation`, [], 404);
  await db.insert(evaluationRecommendationHistory).values({
    recommendationId,
    status: body.status,
    responseDecision: body.responseDecision,
    note: body.note,
    changedBy: actorId,
  });
}
