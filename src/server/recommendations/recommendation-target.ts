import { eq, inArray } from "drizzle-orm";
import type { Target } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { countries, recommendations } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/**
 * The permission targets of recommendations: the State under review (and its region), so a
 * coordinator tracks only their own country's recommendations. A recommendation whose State is not
 * a known country is covered by platform-wide grants only. Unknown ids answer 404.
 */
export async function recommendationTargets(db: Db, ids: readonly string[]): Promise<Target[]> {
  const unique = [...new Set(ids)];
  const rows = await db
    .select({
      id: recommendations.id,
      country: recommendations.stateCode,
      region: countries.regionCode,
    })
    .from(recommendations)
    .leftJoin(countries, eq(countries.code, recommendations.stateCode))
    .where(inArray(recommendations.id, unique));
  if (rows.length !== unique.length) {
    const known = new Set(rows.map((r) => r.id));
    const missing = unique.filter((id) => !known.has(id));
    throw new UserError(
      `no recommendation ${missing[0]}`,
      missing.map((id) => `ids: no recommendation ${id}`),
      404,
    );
  }
  const seen = new Map<string, Target>();
  for (const r of rows) seen.set(r.country ?? "", { country: r.country ?? undefined, region: r.region });
  return [...seen.values()];
}

/**
 * The permission target of one recommendation itself: its State and region, and its id and themes,
 * which a working group's review rights may match (reading and recording its tracking only).
 */
export async function recommendationTarget(db: Db, id: string): Promise<Target> {
  await recommendationTargets(db, [id]);
  const [row] = await db
    .select({
      country: recommendations.stateCode,
      region: countries.regionCode,
      themes: recommendations.themes,
    })
    .from(recommendations)
    .leftJoin(countries, eq(countries.code, recommendations.stateCode))
    .where(eq(recommendations.id, id));
  return {
    country: row!.country ?? undefined,
    region: row!.region,
    recommendation: { id, themes: row!.themes },
  };
}
