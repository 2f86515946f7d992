import type { BudgetSource } from "../framework/model.ts";
import { deriveBudgetFigures } from "./derive.ts";
import type { BudgetLine, ContextYear } from "./model.ts";

const SHARES = new Set(["shareOfBudget", "shareOfGdp", "executionRate", "realGrowth"]);

export interface BudgetIndicatorValue {
  /** The value as the indicator takes it: a share × 100 for a percentage indicator. */
  value: number;
  fiscalYear: string;
  /** In words, as shown beside the value. */
  formula: string;
}

/**
 * The value an indicator takes from budget data (its `source`): the derived figure of the
 * latest fiscal year that has one, or of the fiscal year starting in `year`. Null when the
 * data do not give it (no line of the sector, context missing).
 */
export function budgetIndicatorValue(
  source: BudgetSource,
  indicatorType: "number" | "percentage",
  lines: readonly BudgetLine[],
  context: readonly ContextYear[],
  year?: number,
): BudgetIndicatorValue | null {
  const series = deriveBudgetFigures(lines, context, { basis: source.basis, sector: source.sector ?? null });
  const candidates = series.years.filter(
    (y) => y.figures[source.figure] !== null && (year === undefined || y.year === year),
  );
  const at = candidates.at(-1);
  if (!at) return null;
  const raw = at.figures[source.figure]!;
  const percent = indicatorType === "percentage" && SHARES.has(source.figure);
  return {
    value: percent ? raw * 100 : raw,
    fiscalYear: at.fiscalYear,
    formula: `${source.figure}${source.sector ? ` (${source.sector})` : ""}${percent ? " × 100" : ""}`,
  };
}
