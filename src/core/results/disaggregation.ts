import type { DisaggregationCategory, ResultIndicatorType } from "./model.ts";

/** A breakdown of one value: category key → value key → number (e.g. sex → girls → 120). */
export type Breakdown = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** A breakdown's sum meets its total within rounding (0.5, or 0.5 % of a large total). */
function addsUp(sum: number, total: number): boolean {
  return Math.abs(sum - total) <= Math.max(0.5, Math.abs(total) * 0.005);
}

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
    } else if (!addsUp(sum, total)) {
      problems.push({
        category: categoryKey,
        message: `the ${categoryKey} breakdown adds up to ${sum}, not the total ${total}`,
      });
    }
  }
  return problems;
}

/** One category of a breakdown as a chart draws it: each value in the category's order, and how it meets the total. */
export interface BreakdownBar {
  /** Every value of the category in its order; `null` where the breakdown does not give it. */
  parts: { key: string; value: number | null }[];
  /** The sum of the values given. */
  sum: number;
  total: number | null;
  /** Every value of the category is given. */
  isComplete: boolean;
  /**
   * For counts: total − sum when they differ beyond rounding (positive: part of the total is
   * not broken down; negative: the breakdown exceeds the total); 0 when they agree; null when
   * there is nothing to compare (no breakdown, no total, or a percentage, whose parts do not add up).
   */
  gap: number | null;
}

/**
 * How one category breaks a value down, for a chart and its table: the values in the category's
 * order and the gap between their sum and the total, so that a breakdown that does not add up
 * (given in part, or stored before the total changed) is shown, not hidden. Null when the value
 * has no breakdown by this category.
 */
export function breakdownBar(
  type: ResultIndicatorType,
  total: number | null,
  breakdown: Breakdown | null,
  category: DisaggregationCategory,
): BreakdownBar | null {
  const values = breakdown?.[category.key];
  if (!values || Object.keys(values).length === 0) return null;
  const parts = category.values.map((v) => ({ key: v.key, value: values[v.key] ?? null }));
  const sum = parts.reduce((a, p) => a + (p.value ?? 0), 0);
  const isComplete = parts.every((p) => p.value !== null);
  const isCount = type === "number";
  const gap = !isCount || total === null ? null : addsUp(sum, total) ? 0 : total - sum;
  return { parts, sum, total, isComplete, gap };
}
