import type { LocalText } from "../framework/model.ts";

/**
 * A results framework (a strategic plan): a tree of nodes at levels the
 * organisation names itself, indicators on any node, and values per period.
 * The request shapes (zod) are in src/server/api-schemas/results.ts.
 */

/** How a node's progress comes from its children and its own indicators. */
export const ROLL_UP_RULES = ["average", "weighted", "none"] as const;
export type RollUpRule = (typeof ROLL_UP_RULES)[number];

export const INDICATOR_TYPES = ["number", "percentage", "scale", "narrative"] as const;
export type ResultIndicatorType = (typeof INDICATOR_TYPES)[number];

/** `increase`: higher is better; `decrease`: lower is better; `maintain`: stay at or above the target. */
export const DIRECTIONS = ["increase", "decrease", "maintain"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * How periods add up for the cumulative view: `sum` for counts (people trained each
 * year), `latest` for levels and rates (the last value is the state reached).
 */
export const CUMULATION = ["sum", "latest"] as const;
export type Cumulation = (typeof CUMULATION)[number];

/** A level of the plan's tree (goal, outcome…), named by the organisation. */
export interface PlanLevel {
  key: string;
  name: LocalText;
}

/** A reporting period: a year, a quarter or the plan's own; ISO dates. */
export interface PlanPeriod {
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

/** A way to break a value down (sex, age group…), with its values; defined per plan as data. */
export interface DisaggregationCategory {
  key: string;
  name: LocalText;
  values: { key: string; name: LocalText }[];
}

/** The inputs of progress for one indicator: what the pure functions below need, nothing more. */
export interface ProgressIndicator {
  id: string;
  nodeId: string;
  type: ResultIndicatorType;
  direction: Direction;
  cumulation: Cumulation;
  baseline: number | null;
  weight: number;
}

export interface ProgressNode {
  id: string;
  parentId: string | null;
  rule: RollUpRule;
  weight: number;
}

/** Target and actual of one indicator in one period (totals, not breakdowns). */
export interface PeriodValue {
  indicatorId: string;
  period: string;
  target: number | null;
  actual: number | null;
}
