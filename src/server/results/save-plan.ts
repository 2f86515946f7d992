import { eq } from "drizzle-orm";
import type { PlanBody } from "../api-schemas/results.ts";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultNodes, resultPlans, resultValues } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** Creates a plan (its levels, periods and categories); the tree is added node by node. */
export async function createPlan(db: Db, body: PlanBody, actorId: string, isDemo = false): Promise<string> {
  const [row] = await db
    .insert(resultPlans)
    .values({ ...body, createdBy: actorId, isDemo })
    .returning({ id: resultPlans.id });
  return row!.id;
}

/**
 * Changes a plan's title, levels, periods and categories. A level, period or
 * category still used by a node, a value or an indicator cannot be removed.
 */
export async function updatePlan(
  db: Db,
  planId: string,
  body: Omit<PlanBody, "organisationId">,
): Promise<void> {
  const nodes = await db
    .select({ level: resultNodes.level })
    .from(resultNodes)
    .where(eq(resultNodes.planId, planId));
  const indicators = await db
    .select({ disaggregations: resultIndicators.disaggregations })
    .from(resultIndicators)
    .where(eq(resultIndicators.planId, planId));
  const valuePeriods = await db
    .selectDistinct({ period: resultValues.period })
    .from(resultValues)
    .innerJoin(resultIndicators, eq(resultIndicators.id, resultValues.indicatorId))
    .where(eq(resultIndicators.planId, planId));
  const problems = planChangeProblems(
    {
      levels: nodes.map((n) => n.level),
      categories: indicators.flatMap((i) => i.disaggregations),
      periods: valuePeriods.map((v) => v.period),
    },
    body,
  );
  if (problems.length) throw new UserError("the plan still uses what this change removes", problems, 400);
  await db.update(resultPlans).set(body).where(eq(resultPlans.id, planId));
}

/** What a change of the plan would remove while still in use: levels, categories, periods. */
export function planChangeProblems(
  used: { levels: string[]; categories: string[]; periods: string[] },
  body: Pick<PlanBody, "levels" | "periods" | "disaggregations">,
): string[] {
  const lost = (inUse: string[], kept: { key: string }[]) => {
    const keys = new Set(kept.map((k) => k.key));
    return [...new Set(inUse)].filter((k) => !keys.has(k));
  };
  return [
    ...lost(used.periods, body.periods).map((p) => `periods: "${p}" has targets or actuals`),
    ...lost(used.levels, body.levels).map((l) => `levels: "${l}" is used by nodes of the plan`),
    ...lost(used.categories, body.disaggregations).map(
      (c) => `disaggregations: "${c}" is used by indicators of the plan`,
    ),
  ];
}

/** Approves a plan (its targets are then locked) or reopens it; only an approved plan may be public. */
export async function approvePlan(
  db: Db,
  planId: string,
  input: { approved: boolean; isPublic: boolean },
  actorId: string,
): Promise<void> {
  if (input.isPublic && !input.approved) throw new UserError("isPublic: only an approved plan can be public");
  await db
    .update(resultPlans)
    .set(
      input.approved
        ? { status: "approved", approvedBy: actorId, approvedAt: new Date(), isPublic: input.isPublic }
        : { status: "draft", approvedBy: null, approvedAt: null, isPublic: false },
    )
    .where(eq(resultPlans.id, planId));
}
