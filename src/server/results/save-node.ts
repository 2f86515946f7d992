import { and, eq, sql } from "drizzle-orm";
import type { NodeBody } from "../api-schemas/results.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { resultNodes } from "../db/schema.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { UserError } from "../errors.ts";
import type { LoadedPlan } from "./load-plan.ts";

/** How a part of a plan is changed: from the web (the version the edit started from, who) or by an import. */
export interface PartChange {
  /** The version the edit started from; another one stored means someone changed it meanwhile: 409. */
  expectedVersion?: number;
  /** Who changes it from the web: the change is then recorded in the audit log. */
  actor?: AuditActor;
}

/** The 409 of a stale edit of a node or an indicator: nothing is changed. */
export function staleEdit(part: "node" | "indicator", code: string, current: number): UserError {
  return new UserError(
    `${part} ${code} was changed by someone else since you opened it (now version ${current}): reload it and make your change again`,
    [],
    409,
  );
}

/** A value as text with its objects' keys sorted: jsonb does not keep the order they were sent in. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The names of the fields whose value `after` changes. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => canonical(before[k]) !== canonical(after[k]));
}

/** Records the change of a node or an indicator from the web, in the change's transaction. */
export async function auditPartChange(
  db: Db,
  plan: LoadedPlan,
  actor: AuditActor,
  part: "node" | "indicator",
  id: string,
  details: { code: string; version: number; changed: string[] },
): Promise<void> {
  await recordAudit(db, {
    action: "results.part-changed",
    ...actor,
    targetType: `plan ${part}`,
    targetId: id,
    country: plan.organisation.country,
    region: plan.organisation.region,
    details: { part, planId: plan.id, ...details },
  });
}

/**
 * What an approved plan keeps fixed: its tree and how it is measured. Its texts, responsible
 * people and dates can still be corrected (a typo, a translation), as its actuals can be
 * entered; adding parts or changing these fields needs the plan reopened, as its targets do.
 */
export const NODE_STRUCTURE = ["parentId", "level", "code", "rollUp", "weight"] as const;
export const INDICATOR_STRUCTURE = [
  "nodeId",
  "code",
  "type",
  "unit",
  "scaleMin",
  "scaleMax",
  "direction",
  "cumulation",
  "baselineValue",
  "baselineDate",
  "weight",
  "disaggregations",
  "link",
] as const;

/** The structure fields a change of a stored part touches (all of them for a new part). */
export function structureChanges(
  part: "node" | "indicator",
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown>,
): string[] {
  const fixed: readonly string[] = part === "node" ? NODE_STRUCTURE : INDICATOR_STRUCTURE;
  return before ? changedFields(before, after).filter((f) => fixed.includes(f)) : [...fixed];
}

const article = (part: "node" | "indicator") => (part === "node" ? "a" : "an");

/** The message of a change an approved plan refuses. */
export function structureLockedMessage(part: "node" | "indicator", added: boolean, fields: string[]): string {
  return added
    ? `the plan is approved: ${article(part)} ${part} cannot be added until the plan is reopened`
    : `the plan is approved: ${fields.join(", ")} of ${article(part)} ${part} cannot change until the plan is reopened (its texts, people and dates can)`;
}

/** Refuses (409) adding a part to an approved plan, or changing one of its structure fields. */
export function refuseStructureChange(
  plan: LoadedPlan,
  part: "node" | "indicator",
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): void {
  if (plan.status !== "approved") return;
  const fields = structureChanges(part, before, after);
  if (fields.length) throw new UserError(structureLockedMessage(part, !before, fields), [], 409);
}

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
export async function addNode(
  db: Db,
  plan: LoadedPlan,
  body: NodeBody,
  externalRef: string | null = null,
): Promise<string> {
  refuseStructureChange(plan, "node", null, body);
  await checkNode(db, plan, body);
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${resultNodes.position}), -1) + 1` })
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id))) as [{ next: number }];
  const [row] = await withUniqueCode(body.code, () =>
    db
      .insert(resultNodes)
      .values({ ...body, planId: plan.id, position: Number(next), externalRef })
      .returning({ id: resultNodes.id }),
  );
  return row!.id;
}

/**
 * Changes a node (text, responsible people, dates, place in the tree, roll-up rule, weight); its
 * version goes up by one. With `expectedVersion`, a node changed meanwhile is refused (409).
 */
export async function updateNode(
  db: Db,
  plan: LoadedPlan,
  nodeId: string,
  body: NodeBody,
  change: PartChange = {},
): Promise<void> {
  const [before] = await db
    .select()
    .from(resultNodes)
    .where(and(eq(resultNodes.id, nodeId), eq(resultNodes.planId, plan.id)));
  if (!before) throw new UserError(`no node ${nodeId} in this plan`, [], 404);
  if (change.expectedVersion !== undefined && change.expectedVersion !== before.version)
    throw staleEdit("node", before.code, before.version);
  refuseStructureChange(plan, "node", before, body);
  await checkNode(db, plan, body, nodeId);
  const [row] = await withUniqueCode(body.code, () =>
    db
      .update(resultNodes)
      .set({ ...body, version: sql`${resultNodes.version} + 1` })
      .where(
        and(
          eq(resultNodes.id, nodeId),
          eq(resultNodes.planId, plan.id),
          eq(resultNodes.version, before.version),
        ),
      )
      .returning({ version: resultNodes.version }),
  );
  if (!row) throw staleEdit("node", before.code, before.version + 1);
  if (change.actor)
    await auditPartChange(db, plan, change.actor, "node", nodeId, {
      code: body.code,
      version: row.version,
      changed: changedFields(before, body),
    });
}
