import { z } from "zod";
import { localText } from "../framework/model.ts";

/**
 * A results framework (a strategic plan): a tree of nodes at levels the
 * organisation names itself, indicators on any node, and values per period.
 * The same zod shapes validate the API, the forms and every imported row.
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

export const planLevel = z.object({
  key: z.string().trim().min(1).max(40),
  name: localText,
});
export type PlanLevel = z.infer<typeof planLevel>;

export const planPeriod = z.object({
  key: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(80),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
});
export type PlanPeriod = z.infer<typeof planPeriod>;

export const disaggregationCategory = z.object({
  key: z.string().trim().min(1).max(40),
  name: localText,
  values: z.array(z.object({ key: z.string().trim().min(1).max(40), name: localText })).min(2),
});
export type DisaggregationCategory = z.infer<typeof disaggregationCategory>;

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
