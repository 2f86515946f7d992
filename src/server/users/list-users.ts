import { and, asc, eq, exists, ilike, or, type SQL } from "drizzle-orm";
import { type Actor, can, canManageUser, type Grant, type ManagedUser } from "../../core/index.ts";
import type { UserSummaryOut, UsersQuery } from "../api-schemas/users.ts";
import type { Db } from "../db/connect.ts";
import { roleAssignments, users } from "../db/schema.ts";
import { grantsOfUsers, placeGrants } from "./place-grants.ts";

const LIMIT = 1000;

/**
 * The accounts an administrator or secretariat may see, filtered: a platform manager sees
 * everyone; a regional secretariat, the people with at least one role in its region.
 */
export async function listUsers(db: Db, actor: Actor, query: UsersQuery): Promise<UserSummaryOut[]> {
  const where: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (query.status) where.push(eq(users.isActive, query.status === "active"));
  const grantWhere: SQL[] = [];
  if (query.role) grantWhere.push(eq(roleAssignments.role, query.role));
  if (query.country) {
    grantWhere.push(
      and(eq(roleAssignments.scopeType, "country"), eq(roleAssignments.scopeCode, query.country))!,
    );
  }
  if (query.role === "admin") {
    where.push(or(eq(users.isAdmin, true), hasGrant(grantWhere))!);
  } else if (grantWhere.length) {
    where.push(hasGrant(grantWhere));
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.name), asc(users.email))
    .limit(LIMIT);
  const grants = await grantsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  const placed = await placeGrants(
    db,
    rows.flatMap((r) => grants.get(r.id) ?? []),
  );
  const visible: UserSummaryOut[] = [];
  for (const row of rows) {
    const own = grants.get(row.id) ?? [];
    const ownPlaced = placed.splice(0, own.length);
    if (isVisibleTo(actor, { isAdmin: row.isAdmin, grants: ownPlaced })) visible.push(presentUser(row, own));
  }
  return visible;

  function hasGrant(conditions: SQL[]) {
    return exists(
      db
        .select({ one: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, users.id), ...conditions)),
    );
  }
}

/** Whether an account is within the actor's view: manageable, or with one role in the actor's scope. */
export function isVisibleTo(actor: Actor, user: ManagedUser): boolean {
  if (can(actor, "user:manage", {})) return true;
  return canManageUser(actor, user) || user.grants.some((g) => can(actor, "user:manage", g.target));
}

type UserRow = typeof users.$inferSelect;

/** The public fields of an account (never its password hash). */
export function presentUser(row: UserRow, grants: Grant[]): UserSummaryOut {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isAdmin: row.isAdmin,
    status: row.isActive ? "active" : "deactivated",
    grants: grants.map((g) => ({ ...g, sections: g.sections ? [...g.sections] : null })),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
