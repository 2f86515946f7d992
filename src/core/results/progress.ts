import { type Achievement, cumulativeAchievement, periodAchievement } from "./achievement.ts";
import type { PeriodValue, ProgressIndicator, ProgressNode } from "./model.ts";
import { type NodeProgress, rollUp } from "./roll-up.ts";

export interface PlanProgress {
  /** Per indicator: achievement in the period and cumulative up to it. */
  indicators: Map<string, { period: Achievement; cumulative: Achievement }>;
  /** Per node, rolled up from the period's achievements. */
  nodes: Map<string, NodeProgress>;
  /** Per node, rolled up from the cumulative achievements. */
  cumulativeNodes: Map<string, NodeProgress>;
}

/**
 * The progress of a whole plan in one period: every indicator's achievement (in the
 * period and cumulative) and both rolled up the tree. The dashboard, the reports and
 * the exports all call this one function.
 */
export function planProgress(
  nodes: readonly ProgressNode[],
  indicators: readonly ProgressIndicator[],
  values: readonly PeriodValue[],
  periodOrder: readonly string[],
  period: string,
): PlanProgress {
  const byIndicator = new Map<string, PeriodValue[]>();
  for (const v of values) {
    const list = byIndicator.get(v.indicatorId);
    if (list) list.push(v);
    else byIndicator.set(v.indicatorId, [v]);
  }
  const result = new Map<string, { period: Achievement; cumulative: Achievement }>();
  for (const ind of indicators) {
    const own = byIndicator.get(ind.id) ?? [];
    result.set(ind.id, {
      period: periodAchievement(
        ind,
        own.find((v) => v.period === period),
      ),
      cumulative: cumulativeAchievement(ind, own, periodOrder, period),
    });
  }
  const pick = (key: "period" | "cumulative") => new Map([...result].map(([id, a]) => [id, a[key]] as const));
  return {
    indicators: result,
    nodes: rollUp(nodes, indicators, pick("period")),
    cumulativeNodes: rollUp(nodes, indicators, pick("cumulative")),
  };
}
