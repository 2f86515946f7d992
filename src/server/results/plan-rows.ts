import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultNodes, resultValues, users } from "../db/schema.ts";
import type { Stored } from "./save-value.ts";

type NodeRow = typeof resultNodes.$inferSelect;
type IndicatorRow = typeof resultIndicators.$inferSelect;
export type StoredValue = Stored & { id: string; version: number; updatedBy: string | null };

/** A plan's rows as stored: its nodes, indicators and values (with version and who saved them). */
export interface PlanRows {
  nodes: NodeRow[];
  indicators: IndicatorRow[];
  /** By `indicatorId|period|kind`. */
  values: Map<string, StoredValue & { updatedByName: string | null }>;
}

export async function readPlanRows(db: Db, planId: string): Promise<PlanRows> {
  const nodes = await db
    .select()
    .from(resultNodes)
    .where(eq(resultNodes.planId, planId))
    .orderBy(asc(resultNodes.position));
  const indicators = await db.select().from(resultIndicators).where(eq(resultIndicators.planId, planId));
  const rows = await db
    .select({
      id: resultValues.id,
      indicatorId: resultValues.indicatorId,
      period: resultValues.period,
      kind: resultValues.kind,
      value: resultValues.value,
      narrative: resultValues.narrative,
      breakdown: resultValues.breakdown,
      comment: resultValues.comment,
      evidence: resultValues.evidence,
      version: resultValues.version,
      updatedBy: resultValues.updatedBy,
      updatedByName: users.name,
    })
    .from(resultValues)
    .innerJoin(resultIndicators, eq(resultIndicators.id, resultValues.indicatorId))
    .leftJoin(users, eq(users.id, resultValues.updatedBy))
    .where(eq(resultIndicators.planId, planId));
  return {
    nodes,
    indicators,
    values: new Map(
      rows.map(({ indicatorId, period, kind, ...v }) => [`${indicatorId}|${period}|${kind}`, v]),
    ),
  };
}

/** Equal as data: object key order ignored, empty texts and nulls alike. */
export function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined && x !== "")
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}
