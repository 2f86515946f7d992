import type { Action } from "../access/permissions.ts";

/**
 * The review of a country's budget data for one fiscal year, under the same roles as the
 * review of assessments: a coalition submits (`assessment:submit`), a reviewer validates or
 * returns it to draft (`assessment:review`), and only the secretariat reopens validated data
 * (`assessment:reopen`). Only validated fiscal years are published; the lines of a submitted or
 * validated year are not changed until it is back to draft.
 */
export const BUDGET_REVIEW_STATES = ["draft", "submitted", "validated"] as const;
export type BudgetReviewState = (typeof BUDGET_REVIEW_STATES)[number];

export const BUDGET_REVIEW_MOVES = {
  submit: { from: "draft", to: "submitted", action: "assessment:submit" },
  validate: { from: "submitted", to: "validated", action: "assessment:review" },
  return: { from: "submitted", to: "draft", action: "assessment:review" },
  reopen: { from: "validated", to: "draft", action: "assessment:reopen" },
} as const satisfies Record<string, { from: BudgetReviewState; to: BudgetReviewState; action: Action }>;
export type BudgetReviewMove = keyof typeof BUDGET_REVIEW_MOVES;
export const BUDGET_REVIEW_MOVE_NAMES = Object.keys(BUDGET_REVIEW_MOVES) as BudgetReviewMove[];

/** The moves that exist from a state (who may make them is the move's action). */
export function budgetReviewMovesFrom(state: BudgetReviewState): BudgetReviewMove[] {
  return BUDGET_REVIEW_MOVE_NAMES.filter((m) => BUDGET_REVIEW_MOVES[m].from === state);
}

/** Whether the lines of a fiscal year in this state may be changed (only a draft's). */
export const isBudgetYearEditable = (state: BudgetReviewState): boolean => state === "draft";
