import type { LocalText } from "../framework/model.ts";
import type { BudgetLine, BudgetSector, ContextYear } from "./model.ts";

export const BUDGET_SNAPSHOT_FORMAT = "childmark-budgets/1";

/** A line as stored and published, with what it is linked to. */
export interface LinkedBudgetLine extends BudgetLine {
  id: string;
  /** UNCRC article numbers (as text, e.g. "19"). */
  articles: string[];
  nodeCodes: string[];
  indicatorCodes: string[];
  recommendationIds: string[];
  warnings: string[];
}

/**
 * A country's budget data as published by its coalition: the lines with their links and
 * sources, the context series, and the classification at the time. Derived figures are
 * computed from it by `deriveBudgetFigures`, as everywhere else; no person's name is kept.
 */
export interface BudgetSnapshot {
  format: typeof BUDGET_SNAPSHOT_FORMAT;
  country: { code: string; name: LocalText };
  currency: string | null;
  sectors: BudgetSector[];
  lines: LinkedBudgetLine[];
  context: ContextYear[];
  /** Whether the data are the demo's illustrative amounts. */
  isDemo: boolean;
}
