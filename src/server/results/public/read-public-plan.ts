import { and, asc, eq } from "drizzle-orm";
import { type Actor, planProgress } from "../../../core/index.ts";
import type { PublicPlanOut, PublicPlanSummaryOut } from "../../api-schemas/public-plans.ts";
import type { Db } from "../../db/connect.ts";
import { organisations, resultPlans } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { loadPlan } from "../load-plan.ts";
import { readPlan } from "../read-plan.ts";
import { readProgressInputs } from "../read-progress-inputs.ts";

/** The one rule of the public plans: approved, marked public, of an organisation that publishes its plans. */
const isPublished = and(
  eq(resultPlans.status, "approved"),
  eq(resultPlans.isPublic, true),
  eq(organisations.publishesPlans, true),
);

/** Published plans, by organisation then title: what the portal lists. */
export async function listPublicPlans(db: Db): Promise<PublicPlanSummaryOut[]> {
  const rows = await db
    .select({
      id: resultPlans.id,
      title: resultPlans.title,
      organisation: organisations.name,
      periods: resultPlans.periods,
      approvedAt: resultPlans.approvedAt,
    })
    .from(resultPlans)
    .innerJoin(organisations, eq(organisations.id, resultPlans.organisationId))
    .where(isPublished)
    .orderBy(asc(organisations.name), asc(resultPlans.createdAt));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    organisation: r.organisation,
    periods: r.periods.map((p) => ({ key: p.key, label: p.label })),
    approvedAt: r.approvedAt?.toISOString() ?? null,
  }));
}

/** No one: the public reads no permission. */
const NOBODY: Actor = { userId: "", isAdmin: false, grants: [] };

/** A malformed id is no plan: 404 like any other unpublished one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A published plan as the public may see it: the tree, each indicator's baseline and
 * targets and actuals per period (with breakdowns), and progress per period rolled
 * up. Nothing else: no comments, evidence, narratives, responsible people, editors or
 * dates of entry. Any plan not published is 404, whatever the reason.
 */
export async function readPublicPlan(db: Db, id: string): Promise<PublicPlanOut> {
  const notFound = new UserError("no such published plan", [], 404);
  if (!UUID.test(id)) throw notFound;
  const [row] = await db
    .select({ id: resultPlans.id })
    .from(resultPlans)
    .innerJoin(organisations, eq(organisations.id, resultPlans.organisationId))
    .where(and(eq(resultPlans.id, id), isPublished));
  if (!row) throw notFound;
  const plan = await loadPlan(db, id);
  const full = await readPlan(db, plan, NOBODY);
  const inputs = await readProgressInputs(db, plan);
  const order = plan.periods.map((p) => p.key);
  const progress = Object.fromEntries(
    order.map((period) => {
      const p = planProgress(inputs.nodes, inputs.indicators, inputs.values, order, period);
      return [
        period,
        {
          nodes: Object.fromEntries(
            [...p.nodes].map(([nodeId, n]) => [
              nodeId,
              { score: n.score, band: n.band, indicators: n.indicators, measured: n.measured },
            ]),
          ),
          indicators: Object.fromEntries(
            [...p.indicators].map(([indicatorId, a]) => [
              indicatorId,
              { score: a.period.score, band: a.period.band },
            ]),
          ),
        },
      ];
    }),
  );
  return {
    id: plan.id,
    title: plan.title,
    organisation: plan.organisation.name,
    levels: plan.levels,
    periods: plan.periods,
    disaggregations: plan.disaggregations,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    nodes: full.nodes.map((n) => ({
      id: n.id,
      parentId: n.parentId,
      level: n.level,
      code: n.code,
      title: n.title,
      description: n.description,
    })),
    indicators: full.indicators.map((i) => ({
      id: i.id,
      nodeId: i.nodeId,
      code: i.code,
      title: i.title,
      type: i.type,
      unit: i.unit,
      direction: i.direction,
      baselineValue: i.baselineValue,
      baselineDate: i.baselineDate,
      disaggregations: i.disaggregations,
      values: Object.fromEntries(
        Object.entries(i.values).map(([period, v]) => [
          period,
          {
            target: v.target?.value ?? null,
            actual: v.actual?.value ?? null,
            actualBreakdown: v.actual?.breakdown ?? null,
          },
        ]),
      ),
    })),
    progress,
  };
}
