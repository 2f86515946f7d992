import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { cycles, scoreSnapshots, scoreValues } from "../db/schema.ts";

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
}

/** Current scores of a framework version, optionally for one period, node or country. */
export async function readScores(
  db: Db,
  versionId: string,
  filter: { period?: string; node?: string; country?: string } = {},
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
    })
    .from(scoreValues)
    .innerJoin(scoreSnapshots, eq(scoreSnapshots.id, scoreValues.snapshotId))
    .innerJoin(cycles, eq(cycles.id, scoreSnapshots.cycleId))
    .where(and(...where))
    .orderBy(cycles.period, scoreValues.node, scoreValues.rank, scoreValues.countryCode);
}
