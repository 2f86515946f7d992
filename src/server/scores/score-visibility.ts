import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { type Actor, can, type ReleaseSnapshot } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { assessments, countries, cycles, releases } from "../db/schema.ts";
import { findRelease } from "../releases/read-release.ts";

/**
 * What one caller may see of one cycle: the latest release's snapshot (null when nothing is
 * published), the countries whose assessments the caller may read (their working, unpublished
 * figures), and whether the caller may read every assessment of the cycle (then ranks computed
 * over all of them reveal nothing they could not read).
 */
export interface CycleVisibility {
  cycleId: string;
  period: string;
  release: ReleaseSnapshot | null;
  readable: Set<string>;
  readsAll: boolean;
}

/**
 * The visibility of every cycle of a framework version for `actor` (undefined when signed
 * out): published figures for everyone, working figures only where `assessment:read` holds.
 * Three queries, plus one per release snapshot not yet cached.
 */
export async function cycleVisibility(
  db: Db,
  versionId: string,
  actor: Actor | undefined,
): Promise<CycleVisibility[]> {
  const cycleRows = await db
    .select({ id: cycles.id, period: cycles.period })
    .from(cycles)
    .where(eq(cycles.versionId, versionId))
    .orderBy(cycles.period);
  if (!cycleRows.length) return [];
  const ids = cycleRows.map((c) => c.id);
  const latest = await latestReleaseSlugs(db, ids);
  const assessmentRows = actor
    ? await db
        .select({
          cycleId: assessments.cycleId,
          country: assessments.countryCode,
          region: countries.regionCode,
        })
        .from(assessments)
        .innerJoin(countries, eq(countries.code, assessments.countryCode))
        .where(and(inArray(assessments.cycleId, ids), isNull(assessments.areaCode)))
    : [];
  return Promise.all(
    cycleRows.map(async (c) => {
      const mine = assessmentRows.filter((a) => a.cycleId === c.id);
      const readable = mine.filter((a) =>
        can(actor, "assessment:read", { country: a.country, region: a.region }),
      );
      const slug = latest.get(c.id);
      return {
        cycleId: c.id,
        period: c.period,
        release: slug ? await findRelease(db, slug) : null,
        readable: new Set(readable.map((a) => a.country)),
        readsAll: mine.length > 0 && readable.length === mine.length,
      };
    }),
  );
}

/** The slug of the newest version (corrections included) of each cycle's release. */
async function latestReleaseSlugs(db: Db, cycleIds: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ cycleId: releases.cycleId, slug: releases.slug })
    .from(releases)
    .where(inArray(releases.cycleId, cycleIds))
    .orderBy(desc(releases.version));
  const latest = new Map<string, string>();
  for (const r of rows) if (!latest.has(r.cycleId)) latest.set(r.cycleId, r.slug);
  return latest;
}

/** The countries whose figures a caller sees in a cycle: published ones and those they may read. */
export function visibleCountries(cycle: CycleVisibility): Set<string> {
  return new Set([...(cycle.release?.countries.map((c) => c.code) ?? []), ...cycle.readable]);
}
