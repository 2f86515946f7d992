import { and, eq, type SQL } from "drizzle-orm";
import { type Actor, releaseImputedCounts } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { cycles, scoreSnapshots, scoreValues } from "../db/schema.ts";
import { cycleVisibility } from "./score-visibility.ts";

export interface StoredScore {
  country: string;
  period: string;
  node: string;
  kind: string;
  score: number | null;
  band: string | null;
  rank: number | null;
  coverage: number | null;
  change: number | null;
  /** Imputed indicator values the score counts (filled in by the missing-data rule, not answered). */
  imputed: number;
}

export interface ScoreFilter {
  period?: string;
  node?: string;
  country?: string;
}

/** A score as a caller sees it: `published` when it comes from a release, not from working data. */
export interface VisibleScore extends StoredScore {
  published: boolean;
}

/**
 * Current working scores of a framework version (every assessment, drafts included),
 * optionally for one period, node or country. Internal: callers on behalf of a person use
 * `readVisibleScores`.
 */
export async function readScores(
  db: Db,
  versionId: string,
  filter: ScoreFilter = {},
): Promise<StoredScore[]> {
  const where: SQL[] = [eq(cycles.versionId, versionId), eq(scoreSnapshots.isCurrent, true)];
  if (filter.period) where.push(eq(cycles.period, filter.period));
  if (filter.node) where.push(eq(scoreValues.node, filter.node));
  if (filter.country) where.push(eq(scoreValues.countryCode, filter.country.toUpperCase()));
  return db
    .select({
      country: scoreValues.countryCode,
      period: cycles.period,
      node: scoreValues.node,
      kind: scoreValues.kind,
      score: scoreValues.score,
      band: scoreValues.band,
      rank: scoreValues.rank,
      coverage: scoreValues.coverage,
      change: scoreValues.change,
      imputed: scoreValues.imputed,
    })
    .from(scoreValues)
    .innerJoin(scoreSnapshots, eq(scoreSnapshots.id, scoreValues.snapshotId))
    .innerJoin(cycles, eq(cycles.id, scoreSnapshots.cycleId))
    .where(and(...where))
    .orderBy(cycles.period, scoreValues.node, scoreValues.rank, scoreValues.countryCode);
}

/**
 * The scores `actor` may see (undefined: signed out). Everyone sees the figures of each
 * cycle's latest release; a person who may read an assessment sees its working figures
 * instead, ranked only when they may read every assessment of the cycle (a rank among drafts
 * they cannot read would tell them about those drafts).
 */
export async function readVisibleScores(
  db: Db,
  versionId: string,
  filter: ScoreFilter,
  actor: Actor | undefined,
): Promise<VisibleScore[]> {
  const country = filter.country?.toUpperCase();
  const visibility = (await cycleVisibility(db, versionId, actor)).filter(
    (c) => !filter.period || c.period === filter.period,
  );
  const working = visibility.some((c) => c.readable.size) ? await readScores(db, versionId, filter) : [];
  const rows: VisibleScore[] = [];
  for (const cycle of visibility) {
    const mine = working.filter((r) => r.period === cycle.period && cycle.readable.has(r.country));
    const shown = new Set(mine.map((r) => r.country));
    for (const r of mine) rows.push({ ...r, rank: cycle.readsAll ? r.rank : null, published: false });
    const imputed = cycle.release ? releaseImputedCounts(cycle.release) : () => 0;
    for (const s of cycle.release?.scores ?? []) {
      if (s.kind === "indicator" || shown.has(s.country)) continue;
      if ((filter.node && s.item !== filter.node) || (country && s.country !== country)) continue;
      const { item, country: code, imputed: _flag, ...figures } = s;
      rows.push({
        ...figures,
        country: code,
        node: item,
        period: cycle.period,
        published: true,
        imputed: imputed(code, item),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      compare(a.period, b.period) ||
      compare(a.node, b.node) ||
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      compare(a.country, b.country),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
