import {
  type Cumulation,
  type Direction,
  findLate,
  type PeriodValue,
  type ProgressIndicator,
  type ProgressNode,
  planProgress,
  type ResultIndicatorType,
  type RollUpRule,
} from "../../core/index.ts";
import type { DashboardOut, PlanOut } from "../api-schemas/results.ts";
import { UserError } from "../errors.ts";

/** The plan in the shapes the pure progress functions take. */
export function progressInputs(plan: PlanOut): {
  nodes: ProgressNode[];
  indicators: ProgressIndicator[];
  values: PeriodValue[];
} {
  const nodes = plan.nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    rule: n.rollUp as RollUpRule,
    weight: n.weight,
  }));
  const indicators = plan.indicators.map((i) => ({
    id: i.id,
    nodeId: i.nodeId,
    type: i.type as ResultIndicatorType,
    direction: i.direction as Direction,
    cumulation: i.cumulation as Cumulation,
    baseline: i.baselineValue,
    weight: i.weight,
  }));
  const values = plan.indicators.flatMap((i) =>
    Object.entries(i.values).map(([period, v]) => ({
      indicatorId: i.id,
      period,
      target: v.target?.value ?? null,
      actual: v.actual?.value ?? null,
    })),
  );
  return { nodes, indicators, values };
}

/**
 * The dashboard of a plan for one period (by default the latest that has ended,
 * else the first): each node's progress in the period and cumulative, each
 * indicator's achievement, and what is late on `today`.
 */
export function buildDashboard(plan: PlanOut, period: string | undefined, today: string): DashboardOut {
  const order = plan.periods.map((p) => p.key);
  const chosen =
    period ?? [...plan.periods].reverse().find((p) => p.endsOn < today)?.key ?? plan.periods[0]?.key ?? "";
  if (!order.includes(chosen)) throw new UserError(`period: no period "${chosen}" in this plan`);
  const { nodes, indicators, values } = progressInputs(plan);
  const progress = planProgress(nodes, indicators, values, order, chosen);
  const nodeOut = (p: { score: number | null; band: string; indicators: number; measured: number }) => ({
    score: p.score,
    band: p.band,
    indicators: p.indicators,
    measured: p.measured,
  });
  return {
    period: chosen,
    periods: order,
    nodes: plan.nodes.map((n) => ({
      id: n.id,
      period: nodeOut(progress.nodes.get(n.id)!),
      cumulative: nodeOut(progress.cumulativeNodes.get(n.id)!),
    })),
    indicators: indicators.map((i) => ({ id: i.id, ...progress.indicators.get(i.id)! })),
    late: findLate(indicators, plan.periods, values, today),
  };
}
