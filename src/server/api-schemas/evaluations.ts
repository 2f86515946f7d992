import { z } from "zod";
import {
  EVALUATION_CRITERIA,
  EVALUATION_TYPES,
  FOLLOW_UP_STATUSES,
  OUTCOME_KINDS,
  RESPONSE_DECISIONS,
} from "../../core/index.ts";
import { isoDate, localText, localTextOf, optionalLocalTextOf } from "./results.ts";

/*
 * Evaluations of a plan and its advocacy outcomes: the request and response shapes of
 * /api/results/plans/:id/evaluations… and /api/results/plans/:id/outcomes….
 */

const evidenceList = z.array(z.string().trim().min(1).max(1000)).max(20).default([]);

export const scalePointIn = z.object({ value: z.number().int().min(0).max(100), label: localText });
export const scaleIn = z
  .array(scalePointIn)
  .min(2, "a scale needs at least two points")
  .max(10)
  .refine((s) => new Set(s.map((p) => p.value)).size === s.length, "scale values must differ");

export const findingIn = z.object({
  criterion: z.enum(EVALUATION_CRITERIA),
  rating: z.number().int().nullable().default(null),
  narrative: optionalLocalTextOf(20000).default({}),
  evidence: evidenceList,
});

export const evaluationBody = z
  .object({
    title: localText,
    type: z.enum(EVALUATION_TYPES),
    nodeId: z.uuid().nullable().default(null),
    periodStart: isoDate,
    periodEnd: isoDate,
    evaluators: z.string().trim().min(1).max(500),
    scale: scaleIn,
    findings: z
      .array(findingIn)
      .max(EVALUATION_CRITERIA.length)
      .refine((f) => new Set(f.map((x) => x.criterion)).size === f.length, "one finding per criterion")
      .default([]),
  })
  .refine((e) => e.periodStart <= e.periodEnd, {
    message: "the period must end after it starts",
    path: ["periodEnd"],
  });
export type EvaluationBody = z.infer<typeof evaluationBody>;

export const evaluationParams = z.object({ id: z.uuid(), evaluationId: z.uuid() });
export const evaluationRecommendationParams = evaluationParams.extend({ recommendationId: z.uuid() });
export const outcomeParams = z.object({ id: z.uuid(), outcomeId: z.uuid() });

export const evaluationRecommendationBody = z.object({
  text: localTextOf(5000),
  dueOn: isoDate.nullable().default(null),
});

/** A management response and the follow-up status: each change is kept with who and when. */
export const followUpBody = z.object({
  responseDecision: z.enum(RESPONSE_DECISIONS).nullable(),
  managementResponse: optionalLocalTextOf(10000).default({}),
  status: z.enum(FOLLOW_UP_STATUSES),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

export const outcomeBody = z.object({
  title: localText,
  description: optionalLocalTextOf(10000).default({}),
  kind: z.enum(OUTCOME_KINDS),
  achievedOn: isoDate,
  nodeId: z.uuid().nullable().default(null),
  evidence: evidenceList,
  recommendationIds: z.array(z.uuid()).max(100).default([]),
});
export type OutcomeBody = z.infer<typeof outcomeBody>;

const scalePointOut = z.object({ value: z.number(), label: z.record(z.string(), z.string()) });
const findingOut = z.object({
  criterion: z.enum(EVALUATION_CRITERIA),
  rating: z.number().nullable(),
  narrative: z.record(z.string(), z.string()),
  evidence: z.array(z.string()),
});
const historyOut = z.object({
  status: z.string(),
  responseDecision: z.string().nullable(),
  note: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});
export const evaluationRecommendationOut = z.object({
  id: z.uuid(),
  text: z.record(z.string(), z.string()),
  dueOn: z.string().nullable(),
  responseDecision: z.string().nullable(),
  managementResponse: z.record(z.string(), z.string()),
  status: z.enum(FOLLOW_UP_STATUSES),
  history: z.array(historyOut),
});
export const evaluationOut = z.object({
  id: z.uuid(),
  title: z.record(z.string(), z.string()),
  type: z.enum(EVALUATION_TYPES),
  nodeId: z.uuid().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  evaluators: z.string(),
  scale: z.array(scalePointOut),
  findings: z.array(findingOut),
  recommendations: z.array(evaluationRecommendationOut),
});
export type EvaluationOut = z.infer<typeof evaluationOut>;

export const evaluationListOut = z.object({
  evaluations: z.array(evaluationOut),
  canEdit: z.boolean(),
  canReport: z.boolean(),
});

/** Criteria × evaluations: each evaluation's rating with its label and its place on its scale. */
export const evaluationSummaryOut = z.object({
  evaluations: z.array(
    z.object({
      id: z.uuid(),
      title: z.record(z.string(), z.string()),
      type: z.enum(EVALUATION_TYPES),
      periodEnd: z.string(),
    }),
  ),
  rows: z.array(
    z.object({
      criterion: z.enum(EVALUATION_CRITERIA),
      ratings: z.array(
        z.object({
          rating: z.number().nullable(),
          label: z.record(z.string(), z.string()).nullable(),
          share: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export const outcomeOut = z.object({
  id: z.uuid(),
  title: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  kind: z.enum(OUTCOME_KINDS),
  achievedOn: z.string(),
  nodeId: z.uuid().nullable(),
  evidence: z.array(z.string()),
  recommendations: z.array(
    z.object({
      id: z.uuid(),
      mechanism: z.string(),
      stateName: z.string(),
      symbol: z.string().nullable(),
      text: z.record(z.string(), z.string()),
    }),
  ),
});
export const outcomeListOut = z.object({ outcomes: z.array(outcomeOut), canEdit: z.boolean() });

/** An evidence file of a finding (evaluation and criterion) or of an outcome. */
export const resultFileOut = z.object({
  id: z.uuid(),
  evaluationId: z.uuid().nullable(),
  criterion: z.string().nullable(),
  outcomeId: z.uuid().nullable(),
  fileName: z.string(),
  mediaType: z.string(),
  fileSize: z.number().int(),
  createdAt: z.string(),
});
export type ResultFileOut = z.infer<typeof resultFileOut>;
