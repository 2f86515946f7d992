import { eq } from "drizzle-orm";
import { type Actor, can } from "../../core/index.ts";
import type { CycleSummaryOut } from "../api-schemas/index.ts";
import type { Db } from "../db/connect.ts";
import { cycles } from "../db/schema.ts";
import { cycleVisibility, visibleCountries } from "../scores/score-visibility.ts";

/**
 * The cycles of a framework version that `actor` (undefined: signed out) may know of: those
 * with a published release, and those with an assessment the actor may read (every cycle for
 * platform roles). `assessmentCount` counts only the assessments whose figures the actor sees,
 * so a visitor learns nothing of drafts, not even how many there are.
 */
export async function listVisibleCycles(
  db: Db,
  versionId: string,
  actor: Actor | undefined,
): Promise<CycleSummaryOut[]> {
  const rows = await db
    .select({
      id: cycles.id,
      frameworkVersionId: cycles.versionId,
      period: cycles.period,
      name: cycles.name,
      status: cycles.status,
      isDemo: cycles.isDemo,
    })
    .from(cycles)
    .where(eq(cycles.versionId, versionId))
    .orderBy(cycles.period);
  const visibility = new Map((await cycleVisibility(db, versionId, actor)).map((v) => [v.cycleId, v]));
  // A grant over the whole platform (an empty target) sees every cycle, as in `listCycles`.
  const seesAll = can(actor, "cycle:read", {});
  return rows.flatMap((row) => {
    const cycle = visibility.get(row.id);
    const seen = cycle ? visibleCountries(cycle) : new Set<string>();
    if (!seen.size && !seesAll) return [];
    return [{ ...row, assessmentCount: seen.size }];
  });
}
