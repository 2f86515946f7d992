import type { DisaggregationCategory, ResultIndicatorType } from "./model.ts";

/** A breakdown of one value: category key → value key → number (e.g. sex → girls → 120). */
export type Breakdown = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface BreakdownProblem {
  category: string;
  message: string;
}

/**
 * Checks a breakdown against its categories and total: every key must be a known
 * category and value, and for counts (`number`) a category given in full must add up
 * to the total (within a rounding of 0.5 %). A category given in part is accepted: its
 * values may not be known yet.
 */
export function checkBreakdown(
  type: ResultIndicatorType,
  total: number | null,
  breakdown: Breakdown,
  categories: readonly DisaggregationCategory[],
): BreakdownProblem[] {
  const problems: BreakdownProblem[] = [];
  for (const [categoryKey, values] of Object.entries(breakdown)) {
    const category = categories.find((c) => c.key === categoryKey);
    if (!category) {
      problems.push({
        category: categoryKey,
        message: `"${categoryKey}" is not a disaggregation of this indicator`,
      });
      continue;
    }
    const unknown = Object.keys(values).filter((k) => !category.values.some((v) => v.key === k));
    for (const key of unknown) {
      problems.push({ category: categoryKey, message: `"${key}" is not a value of ${categoryKey}` });
    }
    if (unknown.length || type !== "number") continue;
    const isComplete = category.values.every((v) => values[v.key] !== undefined);
    if (!isComplete) continue;
    const sum = category.values.reduce((a, v) => a + values[v.key]!, 0);
    if (total === null) {
      problems.push({
        category: categoryKey,
        message: `the ${categoryKey} breakdown adds up to ${sum} but there is no total`,
      });
    } else if (Math.abs(sum - total) > Math.max(0.5, Math.abs(total) * 0.005)) {
      problems.push({
        category: categoryKey,
        message: `the ${categoryKey} breakdown adds up to ${sum}, not the total ${total}`,
      });
    }
  }
  return problems;
}
