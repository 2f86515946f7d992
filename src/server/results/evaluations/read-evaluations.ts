import { asc, eq, inArray } from "drizzle-orm";
import { EVALUATION_CRITERIA, ratingShare } from "../../../core/index.ts";
import type { EvaluationOut } from "../../api-schemas/evaluations.ts";
import type { Db } from "../../db/connect.ts";
import {
  evaluationFindings,
  evaluationRecommendationHistory,
  evaluationRecommendations,
  evaluations,
  users,
} from "../../db/schema.ts";

/** A plan's evaluations, latest period first, each with its findings, recommendations and their history. */
export async function readEvaluations(db: Db, planId: string): Promise<EvaluationOut[]> {
  const rows = await db
    .select()
    .from(evaluations)
    .where(eq(evaluations.planId, planId))
    .orderBy(asc(evaluations.periodEnd), asc(evaluations.createdAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const findings = await db
    .select()
    .from(evaluationFindings)
    .where(inArray(evaluationFindings.evaluationId, ids));
  const recs = await db
    .select()
    .from(evaluationRecommendations)
    .where(inArray(evaluationRecommendations.evaluationId, ids))
    .orderBy(asc(evaluationRecommendations.position));
  const history = recs.length
    ? await db
        .select({
          recommendationId: evaluationRecommendationHistory.recommendationId,
          status: evaluationRecommendationHistory.status,
          responseDecision: evaluationRecommendationHistory.responseDecision,
          note: evaluationRecommendationHistory.note,
          changedBy: users.name,
          changedAt: evaluationRecommendationHistory.changedAt,
        })
        .from(evaluationRecommendationHistory)
        .leftJoin(users, eq(users.id, evaluationRecommendationHistory.changedBy))
        .where(
          inArray(
            evaluationRecommendationHistory.recommendationId,
            recs.map((r) => r.id),
          ),
        )
        .orderBy(asc(evaluationRecommendationHistory.id))
    : [];
  const order = (c: string) => EVALUATION_CRITERIA.indexOf(c as (typeof EVALUATION_CRITERIA)[number]);
  return rows.map((e) => ({
    id: e.id,
    title: e.title,
    type: e.type as EvaluationOut["type"],
    nodeId: e.nodeId,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    evaluators: e.evaluators,
    scale: e.scale,
    findings: findings
      .filter((f) => f.evaluationId === e.id)
      .sort((a, b) => order(a.criterion) - order(b.criterion))
      .map((f) => ({
        criterion: f.criterion as EvaluationOut["findings"][number]["criterion"],
        rating: f.rating,
        narrative: f.narrative,
        evidence: f.evidence,
      })),
    recommendations: recs
      .filter((r) => r.evaluationId === e.id)
      .map((r) => ({
        id: r.id,
        text: r.text,
        dueOn: r.dueOn,
        responseDecision: r.responseDecision,
        managementResponse: r.managementResponse,
        status: r.status as EvaluationOut["recommendations"][number]["status"],
        history: history
          .filter((h) => h.recommendationId === r.id)
          .map(({ recommendationId: _, ...h }) => ({ ...h, changedAt: h.changedAt.toISOString() })),
      })),
  }));
}

/** Criteria × evaluations (oldest first): each rating, its label on its scale and its place on it. */
export function summariseEvaluations(list: EvaluationOut[]) {
  return {
    evaluations: list.map((e) => ({ id: e.id, title: e.title, type: e.type, periodEnd: e.periodEnd })),
    rows: EVALUATION_CRITERIA.map((criterion) => ({
      criterion,
      ratings: list.map((e) => {
        const rating = e.findings.find((f) => f.criterion === criterion)?.rating ?? null;
        return {
          rating,
          label: e.scale.find((p) => p.value === rating)?.label ?? null,
          share: ratingShare(e.scale, rating),
        };
      }),
    })),
  };
}
