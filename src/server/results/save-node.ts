import { and, eq, sql } from "drizzle-orm";
import type { NodeBody } from "../api-schemas/results.ts";
import type { Db } from "../db/connect.ts";
import { resultNodes } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { LoadedPlan } from "./load-plan.ts";

/**
 * Checks a node against its plan: a known level, a parent of the same plan at a
 * higher level, and (for a change) no parent among its own descendants.
 */
async function checkNode(db: Db, plan: LoadedPlan, body: NodeBody, nodeId?: string): Promise<void> {
  const levelIndex = plan.levels.findIndex((l) => l.key === body.level);
  if (levelIndex < 0) throw new UserError(`level: "${body.level}" is not a level of this plan`);
  if (!body.parentId) return;
  const nodes = await db
    .select({ id: resultNodes.id, parentId: resultNodes.parentId, level: resultNodes.level })
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id));
  const parent = nodes.find((n) => n.id === body.parentId);
  if (!parent) throw new UserError(`parentId: no node ${body.parentId} in this plan`);
  if (plan.levels.findIndex((l) => l.key === parent.level) >= levelIndex) {
    throw new UserError(`level: a "${body.level}" cannot sit under a "${parent.level}"`);
  }
  for (let at: string | null = parent.id; at; at = nodes.find((n) => n.id === at)?.parentId ?? null) {
    if (at === nodeId) throw new UserError("parentId: a node cannot sit under itself or one of its children");
  }
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === "23505" ||
  (error as { cause?: { code?: string } }).cause?.code === "23505";

/** Runs a write that may hit the plan's unique codes, answering 400 naming the code. */
export async function withUniqueCode<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`code: "${code}" is already used in this plan`);
    throw error;
  }
}

/** Adds a node at the end of its parent's children. */
export async function addNode(db: Db, plan: LoadedPlan, body: NodeBody): Promise<string> {
  await checkNode(db, plan, body);
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${resultNodes.position}), -1) + 1` })
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id))) as [{ next: number }];
  const [row] = await withUniqueCode(body.code, () =>
    db
      .insert(resultNodes)
      .values({ ...body, planId: plan.id, position: Number(next) })
      .returning({ id: resultNodes.id }),
  );
  return row!.id;
}

/** Changes a node (text, place in the tree, roll-up rule, weight). */
export async function updateNode(db: Db, plan: LoadedPlan, nodeId: string, body: NodeBody): Promise<void> {
  await checkNode(db, plan, body, nodeId);
  const [row] = await withUniqueCode(body.code, () =>
    db
      .update(resultNodes)
      .set(body)
      .where(and(eq(resultNodes.id, nodeId), eq(resultNodes.planId, plan.id)))
      .returning({ id: resultNodes.id }),
  );
  if (!row) throw new UserError(`no node ${nodeId} in this plan`, [], 404);
}
