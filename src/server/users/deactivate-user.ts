import { eq } from "drizzle-orm";
import { isPlatformAdmin } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { sessions, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { keepOnePlatformAdmin, type LoadedUser } from "./manage-user.ts";

const target = (user: LoadedUser) => ({ targetType: "user", targetId: user.row.id });

/**
 * Deactivates an account: it can no longer sign in, and every session it has ends now.
 * Nobody deactivates their own account or the last platform administrator.
 */
export async function deactivateUser(
  tx: Db,
  by: AuditActor,
  user: LoadedUser,
  reason: string,
): Promise<void> {
  if (user.row.id === by.actorId) throw new UserError("you cannot deactivate your own account", [], 409);
  if (!user.row.isActive) throw new UserError("this account is already deactivated", [], 409);
  if (isPlatformAdmin({ isAdmin: user.row.isAdmin, grants: user.grants }))
    await keepOnePlatformAdmin(tx, user.row.id);
  await tx
    .update(users)
    .set({
      isActive: false,
      deactivatedAt: new Date(),
      deactivatedBy: by.actorId ?? null,
      deactivationReason: reason,
    })
    .where(eq(users.id, user.row.id));
  await tx.delete(sessions).where(eq(sessions.userId, user.row.id));
  await recordAudit(tx, {
    action: "user.deactivated",
    ...by,
    ...target(user),
    details: { email: user.row.email, reason },
  });
}

/** Lets a deactivated account sign in again (its roles were kept). */
export async function reactivateUser(tx: Db, by: AuditActor, user: LoadedUser): Promise<void> {
  if (user.row.isActive) throw new UserError("this account is already active", [], 409);
  await tx
    .update(users)
    .set({ isActive: true, deactivatedAt: null, deactivatedBy: null, deactivationReason: null })
    .where(eq(users.id, user.row.id));
  await recordAudit(tx, {
    action: "user.reactivated",
    ...by,
    ...target(user),
    details: { email: user.row.email },
  });
}

/** Ends every session of an account (a lost laptop, a shared password): it must sign in again. */
export async function revokeSessions(tx: Db, by: AuditActor, user: LoadedUser): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(eq(sessions.userId, user.row.id))
    .returning({ id: sessions.id });
  await recordAudit(tx, {
    action: "user.sessions-revoked",
    ...by,
    ...target(user),
    details: { email: user.row.email, sessions: ended.length },
  });
  return ended.length;
}
