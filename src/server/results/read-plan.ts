import { asc, eq } from "drizzle-orm";
import { type Actor, can } from "../../core/index.ts";
import type { PlanIndicatorOut, PlanOut, StoredValueOut } from "../api-schemas/results.ts";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultNodes, resultValues, users } from "../db/schema.ts";
import { readLinkedActuals } from "./linked-actuals.ts";
import { type LoadedPlan, organisationTarget } from "./load-plan.ts";

/** Who a linked actual is "entered by": its source, named for the reader. */
const LINK_SOURCE = { index: "published index", recommendations: "UN recommendations tracking" } as const;

/**
 * The whole plan as the workspace and the dashboard need it: levels, periods,
 * categories, the tree, every indicator with its targets and actuals per period
 * (linked actuals read from their source), and what the person may do. Four queries
 * plus one per linked indicator.
 */
export async function readPlan(db: Db, plan: LoadedPlan, actor: Actor): Promise<PlanOut> {
  const nodes = await db
    .select()
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id))
    .orderBy(asc(resultNodes.position));
  const indicators = await db
    .select()
    .from(resultIndicators)
    .where(eq(resultIndicators.planId, plan.id))
    .orderBy(asc(resultIndicators.position));
  const values = await db
    .select({
      indicatorId: resultValues.indicatorId,
      period: resultValues.period,
      kind: resultValues.kind,
      value: resultValues.value,
      narrative: resultValues.narrative,
      breakdown: resultValues.breakdown,
      comment: resultValues.comment,
      evidence: resultValues.evidence,
      version: resultValues.version,
      updatedAt: resultValues.updatedAt,
      updatedBy: users.name,
    })
    .from(resultValues)
    .innerJoin(resultIndicators, eq(resultIndicators.id, resultValues.indicatorId))
    .leftJoin(users, eq(users.id, resultValues.updatedBy))
    .where(eq(resultIndicators.planId, plan.id));
  const byIndicator = new Map<string, PlanIndicatorOut["values"]>();
  for (const v of values) {
    const slots = byIndicator.get(v.indicatorId) ?? {};
    byIndicator.set(v.indicatorId, slots);
    const slot = slotOf(slots, v.period);
    slot[v.kind as "target" | "actual"] = {
      value: v.value,
      narrative: v.narrative,
      breakdown: v.breakdown,
      comment: v.comment,
      evidence: v.evidence,
      version: v.version,
      updatedBy: v.updatedBy,
      updatedAt: v.updatedAt.toISOString(),
    };
  }
  for (const ind of indicators) {
    if (!ind.link) continue;
    const slots = byIndicator.get(ind.id) ?? {};
    byIndicator.set(ind.id, slots);
    for (const [period, value] of await readLinkedActuals(db, ind.link, plan.periods)) {
      slotOf(slots, period).actual = value === null ? null : linkedValue(value, LINK_SOURCE[ind.link.kind]);
    }
  }
  const target = organisationTarget(plan.organisation);
  return {
    id: plan.id,
    title: plan.title,
    organisation: { ...plan.organisation, mayEdit: can(actor, "plan:edit", target) },
    levels: plan.levels,
    periods: plan.periods,
    disaggregations: plan.disaggregations,
    status: plan.status,
    isPublic: plan.isPublic,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    nodes: nodes.map((n) => ({
      id: n.id,
      parentId: n.parentId,
      level: n.level,
      code: n.code,
      title: n.title,
      description: n.description,
      responsible: n.responsible,
      startsOn: n.startsOn,
      endsOn: n.endsOn,
      rollUp: n.rollUp,
      weight: n.weight,
      version: n.version,
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      nodeId: i.nodeId,
      code: i.code,
      title: i.title,
      type: i.type,
      unit: i.unit,
      scaleMin: i.scaleMin,
      scaleMax: i.scaleMax,
      direction: i.direction,
      cumulation: i.cumulation,
      baselineValue: i.baselineValue,
      baselineDate: i.baselineDate,
      weight: i.weight,
      disaggregations: i.disaggregations,
      link: i.link,
      version: i.version,
      values: byIndicator.get(i.id) ?? {},
    })),
    may: {
      edit: can(actor, "plan:edit", target),
      report: can(actor, "plan:report", target),
      approve: can(actor, "plan:approve", target),
    },
  };
}

function slotOf(slots: PlanIndicatorOut["values"], period: string) {
  const slot = slots[period] ?? { target: null, actual: null };
  slots[period] = slot;
  return slot;
}

function linkedValue(value: number, source: string): StoredValueOut {
  return {
    value,
    narrative: null,
    breakdown: null,
    comment: null,
    evidence: null,
    version: 0,
    updatedBy: source,
    updatedAt: null,
  };
}
