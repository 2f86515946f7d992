import { and, eq } from "drizzle-orm";
import type {
  Cumulation,
  Direction,
  PeriodValue,
  ProgressIndicator,
  ProgressNode,
  ResultIndicatorType,
  RollUpRule,
} from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultNodes, resultValues } from "../db/schema.ts";
import { readLinkedActuals } from "./linked-actuals.ts";
import type { LoadedPlan } from "./load-plan.ts";

export interface ProgressInputs {
  nodes: ProgressNode[];
  indicators: ProgressIndicator[];
  values: PeriodValue[];
}

/**
 * Only what progress needs, read lean for the dashboard (no texts, breakdowns or
 * names): the tree, the indicators' rules, and the numbers of targets and actuals,
 * linked actuals read from their source. Three queries plus one per linked indicator.
 */
export async function readProgressInputs(db: Db, plan: LoadedPlan): Promise<ProgressInputs> {
  const nodeRows = await db
    .select({
      id: resultNodes.id,
      parentId: resultNodes.parentId,
      rule: resultNodes.rollUp,
      weight: resultNodes.weight,
    })
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id))
    .orderBy(resultNodes.position);
  const indicatorRows = await db
    .select({
      id: resultIndicators.id,
      nodeId: resultIndicators.nodeId,
      type: resultIndicators.type,
      direction: resultIndicators.direction,
      cumulation: resultIndicators.cumulation,
      baseline: resultIndicators.baselineValue,
      weight: resultIndicators.weight,
      link: resultIndicators.link,
    })
    .from(resultIndicators)
    .where(eq(resultIndicators.planId, plan.id))
    .orderBy(resultIndicators.position);
  const valueRows = await db
    .select({
      indicatorId: resultValues.indicatorId,
      period: resultValues.period,
      kind: resultValues.kind,
      value: resultValues.value,
    })
    .from(resultValues)
    .innerJoin(
      resultIndicators,
      and(eq(resultIndicators.id, resultValues.indicatorId), eq(resultIndicators.planId, plan.id)),
    );
  const byKey = new Map<string, PeriodValue>();
  const slot = (indicatorId: string, period: string) => {
    const key = `${indicatorId}\u0000${period}`;
    let value = byKey.get(key);
    if (!value) {
      value = { indicatorId, period, target: null, actual: null };
      byKey.set(key, value);
    }
    return value;
  };
  for (const v of valueRows) slot(v.indicatorId, v.period)[v.kind as "target" | "actual"] = v.value;
  for (const ind of indicatorRows) {
    if (!ind.link) continue;
    for (const [period, value] of await readLinkedActuals(db, ind.link, plan.periods)) {
      slot(ind.id, period).actual = value;
    }
  }
  return {
    nodes: nodeRows.map((n) => ({ ...n, rule: n.rule as RollUpRule })),
    indicators: indicatorRows.map(({ link: _link, ...i }) => ({
      ...i,
      type: i.type as ResultIndicatorType,
      direction: i.direction as Direction,
      cumulation: i.cumulation as Cumulation,
    })),
    values: [...byKey.values()],
  };
}
