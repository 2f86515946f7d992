import { findLate, planProgress } from "../../core/index.ts";
import type { DashboardOut } from "../api-schemas/results.ts";
import { UserError } from "../errors.ts";
import type { LoadedPlan } from "./load-plan.ts";
import type { ProgressInputs } from "./read-progress-inputs.ts";

/**
 * The dashboard of a plan for one period (by default the latest that has ended,
 * else the first): each node's progress in the period and cumulative, each
 * indicator's achievement, and what is late on `today`.
 */
export function buildDashboard(
  plan: Pick<LoadedPlan, "periods">,
  inputs: ProgressInputs,
  period: string | undefined,
  today: string,
): DashboardOut {
  const order = plan.periods.map((p) => p.key);
  const chosen =
    period ?? [...plan.periods].reverse().find((p) => p.endsOn < today)?.key ?? plan.periods[0]?.key ?? "";
  if (!order.includes(chosen)) throw new UserError(`period: no period "${chosen}" in this plan`);
  const { nodes, indicators, values } = inputs;
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
    nodes: nodes.map((n) => ({
      id: n.id,
      period: nodeOut(progress.nodes.get(n.id)!),
      cumulative: nodeOut(progress.cumulativeNodes.get(n.id)!),
    })),
    indicators: indicators.map((i) => ({ id: i.id, ...progress.indicators.get(i.id)! })),
    late: findLate(indicators, plan.periods, values, today),
  };
}
