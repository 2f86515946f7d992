import { eq } from "drizzle-orm";
import { type Actor, canGrant, type Grant, isPlatformAdmin } from "../../core/index.ts";
import type { RolesBody } from "../api-schemas/users.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { roleAssignments, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { grantTarget } from "./grant-target.ts";
import { keepOnePlatformAdmin, type LoadedUser } from "./manage-user.ts";

const keyOf = (g: Grant) =>
  `${g.role}|${g.scopeType}|${g.scopeCode ?? ""}|${[...(g.sections ?? [])].sort().join(",")}`;

/** A grant as stored: no scope code over the platform, sections only for contributors. */
function normalise(g: RolesBody["grants"][number]): Grant {
  if (g.scopeType !== "platform" && !g.scopeCode)
    throw new UserError("grants.scopeCode: name the country or region");
  return {
    role: g.role,
    scopeType: g.scopeType,
    scopeCode: g.scopeType === "platform" ? null : (g.scopeCode ?? null),
    sections: g.role === "contributor" && g.sections?.length ? g.sections : null,
  };
}

/**
 * Replaces a user's roles (and, for an administrator, the administrator flag) in one transaction.
 * Every grant added or removed must be one the actor could hand out (`canGrant`), and the last
 * platform administrator cannot be demoted. Writes one `user.roles-changed` audit event.
 */
export async function changeRoles(
  tx: Db,
  actor: Actor,
  by: AuditActor,
  user: LoadedUser,
  body: RolesBody,
): Promise<void> {
  const next = body.grants.map(normalise);
  const nextKeys = new Set(next.map(keyOf));
  if (nextKeys.size !== next.length) throw new UserError("grants: the same role is given twice");
  const before = new Set(user.grants.map(keyOf));
  const added = next.filter((g) => !before.has(keyOf(g)));
  const removed = user.grants.filter((g) => !nextKeys.has(keyOf(g)));
  for (const grant of [...added, ...removed]) {
    if (!canGrant(actor, grant, await grantTarget(tx, grant))) {
      throw new UserError(`you may not give or take away the role ${grant.role} over this scope`, [], 403);
    }
  }
  const isAdmin = body.isAdmin ?? user.row.isAdmin;
  if (isAdmin !== user.row.isAdmin && !actor.isAdmin) {
    throw new UserError("isAdmin: only a platform administrator may change it", [], 403);
  }
  if (
    isPlatformAdmin({ isAdmin: user.row.isAdmin, grants: user.grants }) &&
    !isPlatformAdmin({ isAdmin, grants: next })
  ) {
    await keepOnePlatformAdmin(tx, user.row.id);
  }
  await tx.delete(roleAssignments).where(eq(roleAssignments.userId, user.row.id));
  if (next.length) {
    await tx.insert(roleAssignments).values(
      next.map((g) => ({
        userId: user.row.id,
        role: g.role,
        scopeType: g.scopeType,
        scopeCode: g.scopeCode,
        sections: g.sections ? [...g.sections] : null,
      })),
    );
  }
  if (isAdmin !== user.row.isAdmin) await tx.update(users).set({ isAdmin }).where(eq(users.id, user.row.id));
  await recordAudit(tx, {
    action: "user.roles-changed",
    ...by,
    targetType: "user",
    targetId: user.row.id,
    details: {
      email: user.row.email,
      before: { isAdmin: user.row.isAdmin, grants: user.grants },
      after: { isAdmin, grants: next },
    },
  });
}
