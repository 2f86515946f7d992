import { and, eq, sql } from "drizzle-orm";
import type { IndicatorBody } from "../api-schemas/results.ts";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultNodes } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { LoadedPlan } from "./load-plan.ts";
import {
  auditPartChange,
  changedFields,
  type PartChange,
  refuseStructureChange,
  staleEdit,
  withUniqueCode,
} from "./save-node.ts";

async function checkIndicator(db: Db, plan: LoadedPlan, body: IndicatorBody): Promise<void> {
  const [node] = await db
    .select({ id: resultNodes.id })
    .from(resultNodes)
    .where(and(eq(resultNodes.id, body.nodeId), eq(resultNodes.planId, plan.id)));
  if (!node) throw new UserError(`nodeId: no node ${body.nodeId} in this plan`);
  const unknown = body.disaggregations.filter((k) => !plan.disaggregations.some((c) => c.key === k));
  if (unknown.length) {
    throw new UserError(
      `disaggregations: ${unknown.map((k) => `"${k}"`).join(", ")} not defined in this plan`,
    );
  }
  if (body.link && body.type === "narrative")
    throw new UserError("link: a narrative indicator cannot be linked");
}

/** Adds an indicator to a node of the plan. */
export async function addIndicator(
  db: Db,
  plan: LoadedPlan,
  body: IndicatorBody,
  externalRef: string | null = null,
): Promise<string> {
  refuseStructureChange(plan, "indicator", null, body);
  await checkIndicator(db, plan, body);
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${resultIndicators.position}), -1) + 1` })
    .from(resultIndicators)
    .where(eq(resultIndicators.planId, plan.id))) as [{ next: number }];
  const [row] = await withUniqueCode(body.code, () =>
    db
      .insert(resultIndicators)
      .values({ ...body, planId: plan.id, position: Number(next), externalRef })
      .returning({ id: resultIndicators.id }),
  );
  return row!.id;
}

/**
 * Changes an indicator's definition; its values and their history stay, its version goes up by
 * one. With `expectedVersion`, an indicator changed meanwhile is refused (409).
 */
export async function updateIndicator(
  db: Db,
  plan: LoadedPlan,
  indicatorId: string,
  body: IndicatorBody,
  change: PartChange = {},
): Promise<void> {
  const [before] = await db
    .select()
    .from(resultIndicators)
    .where(and(eq(resultIndicators.id, indicatorId), eq(resultIndicators.planId, plan.id)));
  if (!before) throw new UserError(`no indicator ${indicatorId} in this plan`, [], 404);
  if (change.expectedVersion !== undefined && change.expectedVersion !== before.version)
    throw staleEdit("indicator", before.code, before.version);
  refuseStructureChange(plan, "indicator", before, body);
  await checkIndicator(db, plan, body);
  const [row] = await withUniqueCode(body.code, () =>
    db
      .update(resultIndicators)
      .set({ ...body, version: sql`${resultIndicators.version} + 1` })
      .where(
        and(
          eq(resultIndicators.id, indicatorId),
          eq(resultIndicators.planId, plan.id),
          eq(resultIndicators.version, before.version),
        ),
      )
      .returning({ version: resultIndicators.version }),
  );
  if (!row) throw staleEdit("indicator", before.code, before.version + 1);
  if (change.actor)
    await auditPartChange(db, plan, change.actor, "indicator", indicatorId, {
      code: body.code,
      version: row.version,
      changed: changedFields(before, body),
    });
}
