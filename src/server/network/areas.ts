import { and, asc, eq, isNotNull } from "drizzle-orm";
import { type AreaInput, buildAreaTree, flattenAreas } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { areas, assessments, countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** A country's areas, depth first (first level, then each one's areas below it). */
export async function readAreas(db: Db, countryCode: string) {
  const [country] = await db
    .select({ code: countries.code })
    .from(countries)
    .where(eq(countries.code, countryCode));
  if (!country) throw new UserError(`no country ${countryCode}`, [], 404);
  const rows = await db
    .select()
    .from(areas)
    .where(eq(areas.countryCode, countryCode))
    .orderBy(asc(areas.code));
  const { tree } = buildAreaTree(rows.map((r) => ({ code: r.code, parent: r.parentCode, name: r.name })));
  return flattenAreas(tree).map((a) => ({ code: a.code, parent: a.parent, level: a.level, name: a.name }));
}

/**
 * Replaces a country's areas with a new tree, in the caller's transaction: every problem of the
 * list is reported at once (400) and nothing changes.
 */
export async function replaceAreas(tx: Db, countryCode: string, list: readonly AreaInput[]): Promise<number> {
  const { tree, problems } = buildAreaTree(list);
  const kept = new Set(list.map((a) => a.code));
  for (const code of await assessedAreaCodes(tx, countryCode)) {
    if (!kept.has(code)) problems.push(`${code}: this area has an assessment; keep it in the list`);
  }
  if (problems.length) throw new UserError(`the areas are not a tree: ${problems[0]}`, problems);
  await tx.delete(areas).where(eq(areas.countryCode, countryCode));
  const flat = flattenAreas(tree);
  if (flat.length) {
    await tx
      .insert(areas)
      .values(
        flat.map((a) => ({ countryCode, code: a.code, parentCode: a.parent, level: a.level, name: a.name })),
      );
  }
  return flat.length;
}

/** The codes of a country's areas that have an assessment (they cannot be removed from its tree). */
export async function assessedAreaCodes(db: Db, country: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ area: assessments.areaCode })
    .from(assessments)
    .where(and(eq(assessments.countryCode, country), isNotNull(assessments.areaCode)));
  return new Set(rows.map((r) => r.area!));
}
