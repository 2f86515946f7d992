import { inArray } from "drizzle-orm";
import type { Grant, PlacedGrant, Role, ScopeType } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { countries, roleAssignments } from "../db/schema.ts";

/** Each grant with the place it covers (a country with its region), as `can` and `canGrant` need. */
export async function placeGrants(db: Db, grants: readonly Grant[]): Promise<PlacedGrant[]> {
  const codes = grants.filter((g) => g.scopeType === "country" && g.scopeCode).map((g) => g.scopeCode!);
  const rows = codes.length
    ? await db
        .select({ code: countries.code, region: countries.regionCode })
        .from(countries)
        .where(inArray(countries.code, codes))
    : [];
  const regionOf = new Map(rows.map((r) => [r.code, r.region]));
  return grants.map((grant) => {
    if (grant.scopeType === "country") {
      return { grant, target: { country: grant.scopeCode!, region: regionOf.get(grant.scopeCode!) ?? null } };
    }
    return { grant, target: grant.scopeType === "region" ? { region: grant.scopeCode } : {} };
  });
}

/** The grants of some users, by user id. */
export async function grantsOfUsers(db: Db, userIds: readonly string[]): Promise<Map<string, Grant[]>> {
  const byUser = new Map<string, Grant[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return byUser;
  const rows = await db
    .select()
    .from(roleAssignments)
    .where(inArray(roleAssignments.userId, [...userIds]))
    .orderBy(roleAssignments.createdAt);
  for (const r of rows) {
    byUser.get(r.userId)?.push({
      role: r.role as Role,
      scopeType: r.scopeType as ScopeType,
      scopeCode: r.scopeCode,
      sections: r.sections,
    });
  }
  return byUser;
}
