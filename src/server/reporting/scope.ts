import { eq } from "drizzle-orm";
import { type Action, type Actor, can, scopeOf, type Target } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export interface CountryRef {
  code: string;
  name: string;
  regionCode: string | null;
}

/** A country by code, or 404 naming it. */
export async function loadCountry(db: Db, code: string): Promise<CountryRef> {
  const [row] = await db
    .select({ code: countries.code, name: countries.name, regionCode: countries.regionCode })
    .from(countries)
    .where(eq(countries.code, code.toUpperCase()));
  if (!row) throw new UserError(`country: no country with code "${code}"`, [], 404);
  return { code: row.code, name: row.name.en ?? row.code, regionCode: row.regionCode };
}

export const countryTarget = (c: CountryRef): Target => ({ country: c.code, region: c.regionCode });

/**
 * The country if the actor may do `action` on it; 404 otherwise when `hidden` (so the existence
 * of a report is not revealed outside its country), 403 when not.
 */
export function requireOn(actor: Actor | null, action: Action, country: CountryRef, hidden: boolean): void {
  if (can(actor, action, countryTarget(country))) return;
  if (!actor) throw new UserError("sign in first", [], 401);
  throw hidden
    ? new UserError("not found", [], 404)
    : new UserError("you are not allowed to do this", [], 403);
}

/** Which of `candidates` the actor may read the reporting of. */
export function readableCountries<T extends { code: string; regionCode: string | null }>(
  actor: Actor | null,
  candidates: readonly T[],
): T[] {
  const scope = scopeOf(actor, "report:read");
  if (scope.everywhere) return [...candidates];
  return candidates.filter(
    (c) => scope.countries.includes(c.code) || (!!c.regionCode && scope.regions.includes(c.regionCode)),
  );
}
