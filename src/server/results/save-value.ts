import { and, eq, sql } from "drizzle-orm";
import { checkBreakdown } from "../../core/index.ts";
import type { StoredValueOut, ValueBody } from "../api-schemas/results.ts";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultValueHistory, resultValues, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { LoadedPlan } from "./load-plan.ts";

export type ValueKind = "target" | "actual";

/** Someone changed the value since the editor loaded it: 409 with the current value. */
export class ValueConflictError extends UserError {
  constructor(readonly current: StoredValueOut) {
    super(
      `this value was changed by ${current.updatedBy ?? "someone else"} in the meantime (now version ${current.version}): compare and save again`,
      [],
      409,
    );
    this.name = "ValueConflictError";
  }
}

export interface SaveValueInput {
  plan: LoadedPlan;
  indicatorId: string;
  period: string;
  kind: ValueKind;
  body: ValueBody;
  actorId: string;
  /** `entry`, `import`, `demo`… kept in the history. */
  source: string;
}

export type Stored = Pick<ValueBody, "value" | "narrative" | "breakdown" | "comment" | "evidence">;
const FIELDS = ["value", "narrative", "breakdown", "comment", "evidence"] as const;
const empty: Stored = { value: null, narrative: null, breakdown: null, comment: null, evidence: null };
const isSame = (a: Stored, b: Stored) => FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));

/**
 * Saves a target or an actual with the rules of assessment answers: the value is
 * checked against the indicator (type, scale, breakdown adding up to the total); a
 * stale `expectedVersion` gets ValueConflictError (409) and writes nothing; otherwise
 * version + 1 and a history row in the same transaction. Targets of an approved plan
 * are locked, and the actual of a linked indicator is read from its source, not typed.
 */
export async function saveValue(
  db: Db,
  input: SaveValueInput,
): Promise<StoredValueOut & { changed: boolean }> {
  const { plan, period, kind, body } = input;
  if (!plan.periods.some((p) => p.key === period))
    throw new UserError(`no period "${period}" in this plan`, [], 404);
  if (kind === "target" && plan.status === "approved") {
    throw new UserError("the plan is approved: its targets are locked until it is reopened", [], 409);
  }
  const [indicator] = await db
    .select()
    .from(resultIndicators)
    .where(and(eq(resultIndicators.id, input.indicatorId), eq(resultIndicators.planId, plan.id)));
  if (!indicator) throw new UserError(`no indicator ${input.indicatorId} in this plan`, [], 404);
  if (kind === "actual" && indicator.link) {
    throw new UserError(
      `the actual of ${indicator.code} is read from its link (${indicator.link.kind}), not entered`,
    );
  }
  const next: Stored = {
    value: body.value,
    narrative: body.narrative,
    breakdown: body.breakdown && Object.keys(body.breakdown).length ? body.breakdown : null,
    comment: body.comment || null,
    evidence: body.evidence || null,
  };
  checkValue(indicator, next, plan);

  const [current] = await db
    .select({
      id: resultValues.id,
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
    .leftJoin(users, eq(users.id, resultValues.updatedBy))
    .where(
      and(
        eq(resultValues.indicatorId, indicator.id),
        eq(resultValues.period, period),
        eq(resultValues.kind, kind),
      ),
    );
  const present = (v: Stored, version: number, by: string | null, at: Date | null) => ({
    ...v,
    version,
    updatedBy: by,
    updatedAt: at?.toISOString() ?? null,
  });
  const before = current ? present(current, current.version, current.updatedBy, current.updatedAt) : null;
  if (isSame(current ?? empty, next)) return { ...(before ?? present(empty, 0, null, null)), changed: false };
  if ((current?.version ?? 0) !== body.expectedVersion)
    throw new ValueConflictError(before ?? present(empty, 0, null, null));

  // The version condition in the write itself settles a race between two saves.
  const [written] = current
    ? await db
        .update(resultValues)
        .set({
          ...next,
          version: sql`${resultValues.version} + 1`,
          updatedBy: input.actorId,
          updatedAt: sql`now()`,
        })
        .where(and(eq(resultValues.id, current.id), eq(resultValues.version, body.expectedVersion)))
        .returning({ id: resultValues.id, version: resultValues.version, updatedAt: resultValues.updatedAt })
    : await db
        .insert(resultValues)
        .values({ indicatorId: indicator.id, period, kind, ...next, updatedBy: input.actorId })
        .onConflictDoNothing()
        .returning({ id: resultValues.id, version: resultValues.version, updatedAt: resultValues.updatedAt });
  if (!written)
    throw new UserError(
      "this value was changed by someone else in the meantime: reload and save again",
      [],
      409,
    );
  await db.insert(resultValueHistory).values({
    valueId: written.id,
    version: written.version,
    valueBefore: current ? pickStored(current) : null,
    valueAfter: next,
    changedBy: input.actorId,
    source: input.source,
  });
  const [actor] = await db.select({ name: users.name }).from(users).where(eq(users.id, input.actorId));
  return { ...present(next, written.version, actor?.name ?? null, written.updatedAt), changed: true };
}

export const pickStored = (v: Stored): Stored => Object.fromEntries(FIELDS.map((f) => [f, v[f]])) as Stored;

/** A value that does not fit: a code and parameters for the web app, an English message for the API. */
export interface ValueProblem {
  code: string;
  params: Record<string, string | number>;
  message: string;
  details: string[];
}

/** What a value is checked against: its indicator's type, scale and categories. */
export type ValueIndicator = Pick<
  typeof resultIndicators.$inferSelect,
  "type" | "code" | "scaleMin" | "scaleMax" | "disaggregations"
>;

/**
 * Why a value does not fit its indicator (type, scale, breakdown adding up to the
 * total), naming the field first; null when it fits. Shared by the save and the import.
 */
export function valueProblem(
  indicator: ValueIndicator,
  next: Stored,
  plan: Pick<LoadedPlan, "disaggregations">,
): ValueProblem | null {
  const { type, code } = indicator;
  const value = next.value;
  if (type === "narrative" && value !== null)
    return {
      code: "valueNarrative",
      params: { indicator: code },
      message: `value: ${code} is a narrative indicator: write the text in narrative`,
      details: [],
    };
  if (type === "percentage" && value !== null && (value < 0 || value > 100))
    return {
      code: "valuePercentage",
      params: { indicator: code, value },
      message: `value: ${code} is a percentage, between 0 and 100 (got ${value})`,
      details: [],
    };
  if (type === "scale" && value !== null) {
    const { scaleMin: min, scaleMax: max } = indicator;
    if (min !== null && max !== null && (value < min || value > max))
      return {
        code: "valueScale",
        params: { indicator: code, min, max, value },
        message: `value: ${code} is on a scale from ${min} to ${max} (got ${value})`,
        details: [],
      };
  }
  if (!next.breakdown) return null;
  const categories = plan.disaggregations.filter((c) => indicator.disaggregations.includes(c.key));
  const problems = checkBreakdown(type as "number", value, next.breakdown, categories);
  return problems.length
    ? {
        code: "breakdown",
        params: { indicator: code, details: problems.map((p) => p.message).join("; ") },
        message: "breakdown: the breakdown does not fit the total",
        details: problems.map((p) => p.message),
      }
    : null;
}

/** The value must fit the indicator: 400 naming the field otherwise. */
function checkValue(indicator: ValueIndicator, next: Stored, plan: LoadedPlan): void {
  const problem = valueProblem(indicator, next, plan);
  if (problem) throw new UserError(problem.message, problem.details);
}
