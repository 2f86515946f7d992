import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { evaluations, resultNodes } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";

/** Refuses a node that is not of this plan (400 naming `nodeId`). */
export async function checkPlanNode(db: Db, planId: string, nodeId: string | null): Promise<void> {
  if (!nodeId) return;
  const [node] = await db
    .select({ id: resultNodes.id })
    .from(resultNodes)
    .where(and(eq(resultNodes.id, nodeId), eq(resultNodes.planId, planId)));
  if (!node) throw new UserError(`nodeId: no node ${nodeId} in this plan`);
}

/** An evaluation of this plan, or 404. */
export async function loadPlanEvaluation(db: Db, planId: string, evaluationId: string) {
  const [row] = await db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.id, evaluationId), eq(evaluations.planId, planId)));
  if (!row) throw new UserError(`no evaluation ${evaluationId} in this plan`, [], 404);
  return row;
}
