import { and, eq, inArray, or } from "drizzle-orm";
import type { Role } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { roleAssignments, users } from "../db/schema.ts";

export interface RecipientScope {
  country: string;
  /** When given, grants over this region and over the whole platform count too. */
  region?: string | null;
  wide?: boolean;
}

/**
 * Ids of active users holding one of `roles` over a country; with `wide`,
 * also those granted it over the country's region or the whole platform
 * (reviewers and the secretariat usually work regionally).
 */
export async function findUsersWithRoles(
  db: Db,
  roles: readonly Role[],
  scope: RecipientScope,
): Promise<string[]> {
  const onCountry = and(
    eq(roleAssignments.scopeType, "country"),
    eq(roleAssignments.scopeCode, scope.country),
  );
  const where = scope.wide
    ? or(
        onCountry,
        scope.region
          ? and(eq(roleAssignments.scopeType, "region"), eq(roleAssignments.scopeCode, scope.region))
          : undefined,
        eq(roleAssignments.scopeType, "platform"),
      )
    : onCountry;
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.role, [...roles]), eq(users.isActive, true), where));
  return rows.map((r) => r.id);
}
