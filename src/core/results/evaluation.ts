import type { LocalText } from "../framework/model.ts";

/** The criteria an evaluation rates (OECD-DAC's six, and ethics for work with children). */
export const EVALUATION_CRITERIA = [
  "relevance",
  "coherence",
  "effectiveness",
  "efficiency",
  "impact",
  "sustainability",
  "ethics",
] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

export const EVALUATION_TYPES = ["mid_term", "final", "thematic"] as const;
export type EvaluationType = (typeof EVALUATION_TYPES)[number];

/** Follow-up of an evaluation's recommendation, as for UN recommendations. */
export const FOLLOW_UP_STATUSES = ["not_started", "in_progress", "completed", "no_longer_relevant"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const RESPONSE_DECISIONS = ["accepted", "partially_accepted", "rejected"] as const;
export type ResponseDecision = (typeof RESPONSE_DECISIONS)[number];

export const OUTCOME_KINDS = ["law", "policy", "budget", "practice", "other"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface ScalePoint {
  value: number;
  label: LocalText;
}

/** The usual four-point scale, offered when an evaluation is created; each evaluation keeps its own. */
export const DEFAULT_EVALUATION_SCALE: ScalePoint[] = [
  { value: 1, label: { en: "Highly unsatisfactory", fr: "Très insatisfaisant", ar: "غير مرضٍ إطلاقًا" } },
  { value: 2, label: { en: "Unsatisfactory", fr: "Insatisfaisant", ar: "غير مرضٍ" } },
  { value: 3, label: { en: "Satisfactory", fr: "Satisfaisant", ar: "مرضٍ" } },
  { value: 4, label: { en: "Highly satisfactory", fr: "Très satisfaisant", ar: "مرضٍ للغاية" } },
];

/**
 * Where a rating sits on its scale, from 0 (lowest point) to 1 (highest), for colouring
 * ratings of evaluations with different scales side by side; null when unrated or off the scale.
 */
export function ratingShare(scale: readonly ScalePoint[], rating: number | null): number | null {
  if (rating === null || scale.length === 0) return null;
  const values = scale.map((p) => p.value);
  if (!values.includes(rating)) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return max === min ? 1 : (rating - min) / (max - min);
}
