import { and, count, eq, exists, gt, or } from "drizzle-orm";
import {
  type Actor,
  canManageUser,
  type Grant,
  isPlatformAdmin,
  type ManagedUser,
} from "../../core/index.ts";
import type { UserDetailOut } from "../api-schemas/users.ts";
import type { Db } from "../db/connect.ts";
import { roleAssignments, sessions, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { isVisibleTo, presentUser } from "./list-users.ts";
import { grantsOfUsers, placeGrants } from "./place-grants.ts";

export interface LoadedUser {
  row: typeof users.$inferSelect;
  grants: Grant[];
  managed: ManagedUser;
}

/** An account within the actor's view; 404 otherwise (its existence is not revealed). */
export async function loadVisibleUser(db: Db, actor: Actor, id: string): Promise<LoadedUser> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  const grants = row ? ((await grantsOfUsers(db, [id])).get(id) ?? []) : [];
  const managed = { isAdmin: row?.isAdmin ?? false, grants: await placeGrants(db, grants) };
  if (!row || !isVisibleTo(actor, managed)) throw new UserError("no such user", [], 404);
  return { row, grants, managed };
}

/** An account the actor may change; 404 when out of view, 403 when visible but not theirs to manage. */
export async function loadManageableUser(db: Db, actor: Actor, id: string): Promise<LoadedUser> {
  const user = await loadVisibleUser(db, actor, id);
  if (!canManageUser(actor, user.managed)) {
    throw new UserError("this account has roles outside your scope: ask an administrator", [], 403);
  }
  return user;
}

/** One account with its roles, last sign-in, deactivation and open sessions. */
export async function userDetail(db: Db, actor: Actor, user: LoadedUser): Promise<UserDetailOut> {
  const { row } = user;
  const [deactivator] = row.deactivatedBy
    ? await db.select({ email: users.email }).from(users).where(eq(users.id, row.deactivatedBy))
    : [];
  const [open] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, row.id), gt(sessions.expiresAt, new Date())));
  return {
    ...presentUser(row, user.grants),
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    deactivatedBy: deactivator?.email ?? null,
    deactivationReason: row.deactivationReason,
    activeSessions: open?.n ?? 0,
    canManage: canManageUser(actor, user.managed),
  };
}

/**
 * Refuses a change that would leave no active platform administrator. Locks the administrators'
 * rows first, so two administrators removing each other at the same time cannot both succeed.
 */
export async function keepOnePlatformAdmin(tx: Db, leavingUserId: string): Promise<void> {
  const admins = await tx
    .select({ id: users.id, isAdmin: users.isAdmin })
    .from(users)
    .where(
      and(
        eq(users.isActive, true),
        or(
          eq(users.isAdmin, true),
          exists(
            tx
              .select({ one: roleAssignments.id })
              .from(roleAssignments)
              .where(
                and(
                  eq(roleAssignments.userId, users.id),
                  eq(roleAssignments.role, "admin"),
                  eq(roleAssignments.scopeType, "platform"),
                ),
              ),
          ),
        ),
      ),
    )
    .for("update");
  const grants = await grantsOfUsers(
    tx,
    admins.map((a) => a.id),
  );
  const remaining = admins.filter(
    (a) => a.id !== leavingUserId && isPlatformAdmin({ isAdmin: a.isAdmin, grants: grants.get(a.id) ?? [] }),
  );
  if (remaining.length === 0) {
    throw new UserError(
      "this is the last active platform administrator: make someone else one first",
      [],
      409,
    );
  }
}
