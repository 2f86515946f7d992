import { DEFAULT_EVALUATION_SCALE, EVALUATION_CRITERIA } from "../../src/core/index.ts";
import { evaluationBody, outcomeBody } from "../../src/server/api-schemas/evaluations.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { addEvaluationRecommendation } from "../../src/server/results/evaluations/follow-up.ts";
import { createOutcome } from "../../src/server/results/evaluations/outcomes.ts";
import { createEvaluation } from "../../src/server/results/evaluations/save-evaluation.ts";

/** A valid mid-term evaluation on the four-point scale, rating every criterion 3 but ethics 4. */
export const EVALUATION_BODY = {
  title: { en: "Mid-term evaluation 2025" },
  type: "mid_term",
  nodeId: null,
  periodStart: "2024-01-01",
  periodEnd: "2025-06-30",
  evaluators: "Independent team",
  scale: DEFAULT_EVALUATION_SCALE,
  findings: EVALUATION_CRITERIA.map((criterion) => ({
    criterion,
    rating: criterion === "ethics" ? 4 : 3,
    narrative: { en: `Findings on ${criterion}` },
    evidence: ["Evaluation report, p. 12"],
  })),
} as const;

export const OUTCOME_BODY = {
  title: { en: "Corporal punishment banned in all settings" },
  description: { en: "Parliament adopted the amendment to the Family Code." },
  kind: "law",
  achievedOn: "2025-03-14",
  nodeId: null,
  evidence: ["Official Gazette no. 45"],
  recommendationIds: [],
} as const;

/** An evaluation of a plan with one recommendation, and one advocacy outcome of the plan. */
export async function buildEvaluation(db: Db, planId: string, userId: string) {
  const evaluationId = await createEvaluation(db, planId, evaluationBody.parse(EVALUATION_BODY), userId);
  const recommendationId = await addEvaluationRecommendation(
    db,
    planId,
    evaluationId,
    { text: { en: "Strengthen the monitoring of referrals" }, dueOn: null },
    userId,
  );
  const outcomeId = await createOutcome(db, planId, outcomeBody.parse(OUTCOME_BODY), userId);
  return { evaluationId, recommendationId, outcomeId };
}
