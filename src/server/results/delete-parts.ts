import { and, eq, inArray, sql } from "drizzle-orm";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import {
  advocacyOutcomes,
  evaluations,
  resultFiles,
  resultIndicators,
  resultNodes,
  resultPlans,
  resultValueHistory,
  resultValues,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { discardFile } from "../evidence/store-file.ts";
import type { LoadedPlan } from "./load-plan.ts";

/*
 * Deleting a plan or a part of it. A coalition expects a draft to be fixable (a wrong import,
 * a node added by mistake) but an approved plan — signed off, its targets locked, perhaps on
 * the public portal — not to vanish: the plan and its tree are then refused (409) until
 * someone who may approve reopens it (which also takes it off the portal). Evaluations and
 * outcomes are records about the plan and may be deleted whatever its status. Each deletion
 * is one transaction with its audit event (what was deleted and how much went with it);
 * the values' append-only history goes with the values, by the one door the trigger leaves
 * (migration 0016), and uploaded files are removed from disk once the transaction committed.
 */

export type DeletedPart = "plan" | "node" | "indicator" | "evaluation" | "outcome";

export interface Deletion {
  /** Stored files to remove from disk after the commit. */
  files: string[];
}

function refuseApproved(plan: LoadedPlan, what: string): void {
  if (plan.status === "approved")
    throw new UserError(
      `the plan is approved: ${what} cannot be deleted until the plan is reopened (which also takes it off the public portal)`,
      [],
      409,
    );
}

/** Removes the history of the indicators' values, then returns how many values they hold. */
async function purgeValueHistory(db: Db, indicatorIds: string[]): Promise<number> {
  if (indicatorIds.length === 0) return 0;
  const values = db
    .select({ id: resultValues.id })
    .from(resultValues)
    .where(inArray(resultValues.indicatorId, indicatorIds));
  await db.execute(sql`select set_config('childmark.purge_results', 'on', true)`);
  await db.delete(resultValueHistory).where(inArray(resultValueHistory.valueId, values));
  await db.execute(sql`select set_config('childmark.purge_results', 'off', true)`);
  return db.$count(resultValues, inArray(resultValues.indicatorId, indicatorIds));
}

async function filesWhere(db: Db, where: ReturnType<typeof eq>): Promise<string[]> {
  const rows = await db.select({ path: resultFiles.filePath }).from(resultFiles).where(where);
  return rows.map((r) => r.path);
}

async function audit(
  db: Db,
  plan: LoadedPlan,
  actor: AuditActor,
  part: DeletedPart,
  id: string,
  details: Record<string, unknown>,
) {
  await recordAudit(db, {
    action: "results.deleted",
    ...actor,
    targetType: part === "plan" ? "plan" : `plan ${part}`,
    targetId: id,
    country: plan.organisation.country,
    region: plan.organisation.region,
    details: { part, planId: plan.id, ...details },
  });
}

/** Deletes a draft plan with everything in it (409 when approved). */
export async function deletePlan(db: Db, plan: LoadedPlan, actor: AuditActor): Promise<Deletion> {
  refuseApproved(plan, "it");
  const indicators = await db
    .select({ id: resultIndicators.id })
    .from(resultIndicators)
    .where(eq(resultIndicators.planId, plan.id));
  const values = await purgeValueHistory(
    db,
    indicators.map((i) => i.id),
  );
  const files = await filesWhere(db, eq(resultFiles.planId, plan.id));
  const nodes = await db.$count(resultNodes, eq(resultNodes.planId, plan.id));
  const evaluationCount = await db.$count(evaluations, eq(evaluations.planId, plan.id));
  const outcomes = await db.$count(advocacyOutcomes, eq(advocacyOutcomes.planId, plan.id));
  await db.delete(resultPlans).where(eq(resultPlans.id, plan.id));
  await audit(db, plan, actor, "plan", plan.id, {
    title: plan.title,
    nodes,
    indicators: indicators.length,
    values,
    evaluations: evaluationCount,
    outcomes,
    files: files.length,
  });
  return { files };
}

/** Deletes a node of a draft plan with its subtree, their indicators and values. */
export async function deleteNode(
  db: Db,
  plan: LoadedPlan,
  nodeId: string,
  actor: AuditActor,
): Promise<Deletion> {
  const all = await db
    .select({ id: resultNodes.id, parentId: resultNodes.parentId, code: resultNodes.code })
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id));
  const node = all.find((n) => n.id === nodeId);
  if (!node) throw new UserError(`no node ${nodeId} in this plan`, [], 404);
  refuseApproved(plan, "its nodes");
  const subtree = new Set([nodeId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of all)
      if (n.parentId && subtree.has(n.parentId) && !subtree.has(n.id)) {
        subtree.add(n.id);
        grew = true;
      }
  }
  const indicators = await db
    .select({ id: resultIndicators.id })
    .from(resultIndicators)
    .where(inArray(resultIndicators.nodeId, [...subtree]));
  const values = await purgeValueHistory(
    db,
    indicators.map((i) => i.id),
  );
  await db.delete(resultNodes).where(eq(resultNodes.id, nodeId));
  await audit(db, plan, actor, "node", nodeId, {
    code: node.code,
    nodes: subtree.size,
    indicators: indicators.length,
    values,
  });
  return { files: [] };
}

/** Deletes an indicator of a draft plan with its targets, actuals and their history. */
export async function deleteIndicator(
  db: Db,
  plan: LoadedPlan,
  indicatorId: string,
  actor: AuditActor,
): Promise<Deletion> {
  const [indicator] = await db
    .select({ id: resultIndicators.id, code: resultIndicators.code })
    .from(resultIndicators)
    .where(and(eq(resultIndicators.id, indicatorId), eq(resultIndicators.planId, plan.id)));
  if (!indicator) throw new UserError(`no indicator ${indicatorId} in this plan`, [], 404);
  refuseApproved(plan, "its indicators");
  const values = await purgeValueHistory(db, [indicatorId]);
  await db.delete(resultIndicators).where(eq(resultIndicators.id, indicatorId));
  await audit(db, plan, actor, "indicator", indicatorId, { code: indicator.code, values });
  return { files: [] };
}

/** Deletes an evaluation with its findings, recommendations, their follow-up and its files. */
export async function deleteEvaluation(
  db: Db,
  plan: LoadedPlan,
  evaluationId: string,
  actor: AuditActor,
): Promise<Deletion> {
  const [row] = await db
    .select({ id: evaluations.id, title: evaluations.title })
    .from(evaluations)
    .where(and(eq(evaluations.id, evaluationId), eq(evaluations.planId, plan.id)));
  if (!row) throw new UserError(`no evaluation ${evaluationId} in this plan`, [], 404);
  const files = await filesWhere(db, eq(resultFiles.evaluationId, evaluationId));
  await db.delete(evaluations).where(eq(evaluations.id, evaluationId));
  await audit(db, plan, actor, "evaluation", evaluationId, { title: row.title, files: files.length });
  return { files };
}

/** Deletes an advocacy outcome with its links to recommendations and its files. */
export async function deleteOutcome(
  db: Db,
  plan: LoadedPlan,
  outcomeId: string,
  actor: AuditActor,
): Promise<Deletion> {
  const [row] = await db
    .select({ id: advocacyOutcomes.id, title: advocacyOutcomes.title })
    .from(advocacyOutcomes)
    .where(and(eq(advocacyOutcomes.id, outcomeId), eq(advocacyOutcomes.planId, plan.id)));
  if (!row) throw new UserError(`no outcome ${outcomeId} in this plan`, [], 404);
  const files = await filesWhere(db, eq(resultFiles.outcomeId, outcomeId));
  await db.delete(advocacyOutcomes).where(eq(advocacyOutcomes.id, outcomeId));
  await audit(db, plan, actor, "outcome", outcomeId, { title: row.title, files: files.length });
  return { files };
}

/** Removes the files of a committed deletion (a file left behind is harmless, so errors are ignored). */
export async function discardDeletedFiles(deletion: Deletion): Promise<void> {
  await Promise.all(deletion.files.map((path) => discardFile(path).catch(() => undefined)));
}
