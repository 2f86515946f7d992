import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { canGrant, type Grant, ROLES, type Role, type Target } from "../../core/index.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { inviteUser } from "../auth/email-tokens.ts";
import type { Db } from "../db/connect.ts";
import { authTokens, roleAssignments, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { recordHistory } from "./history.ts";

const inOrganisation = (organisationId: string) =>
  and(eq(roleAssignments.scopeType, "organisation"), eq(roleAssignments.scopeCode, organisationId));

/** The roles the actor may give in an organisation (an organisation-scoped grant). */
export function grantableRoles(actor: SignedInUser, organisationId: string, target: Target): Role[] {
  return ROLES.filter((role) =>
    canGrant(actor, { role, scopeType: "organisation", scopeCode: organisationId }, target),
  );
}

/** The people of an organisation (its own staff, and those holding a role in it) and open invitations. */
export async function listPeople(db: Db, organisationId: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: roleAssignments.role })
    .from(users)
    .leftJoin(roleAssignments, and(eq(roleAssignments.userId, users.id), inOrganisation(organisationId)))
    .where(
      and(
        eq(users.isActive, true),
        or(eq(users.organisationId, organisationId), inOrganisation(organisationId)),
      ),
    )
    .orderBy(users.name);
  const people = new Map<string, { userId: string; name: string; email: string; roles: Role[] }>();
  for (const r of rows) {
    const person = people.get(r.id) ?? { userId: r.id, name: r.name, email: r.email, roles: [] };
    if (r.role && !person.roles.includes(r.role as Role)) person.roles.push(r.role as Role);
    people.set(r.id, person);
  }
  const invited = await db
    .select({ email: authTokens.email, grant: authTokens.grant, expiresAt: authTokens.expiresAt })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.kind, "invite"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
        sql`${authTokens.grant}->>'scopeType' = 'organisation' and ${authTokens.grant}->>'scopeCode' = ${organisationId}`,
      ),
    );
  return {
    people: [...people.values()],
    invited: invited.map((i) => ({
      email: i.email,
      role: (i.grant as Grant).role,
      expiresAt: i.expiresAt.toISOString(),
    })),
  };
}

/** Invites someone by e-mail into the organisation with a role the actor may give there. */
export async function invitePerson(
  tx: Db,
  actor: SignedInUser,
  organisation: { id: string; name: string },
  target: Target,
  body: { email: string; role: Role },
): Promise<string> {
  const grant: Grant = { role: body.role, scopeType: "organisation", scopeCode: organisation.id };
  if (!canGrant(actor, grant, target)) {
    throw new UserError(`role: you may not give the role ${body.role} in this organisation`, [], 403);
  }
  const messageId = await inviteUser(tx, {
    email: body.email.toLowerCase(),
    grant,
    invitedBy: actor.userId,
    inviterName: actor.name,
  });
  await recordHistory(tx, {
    organisationId: organisation.id,
    change: "person-invited",
    after: { email: body.email, role: body.role },
    changedBy: actor.userId,
  });
  return messageId;
}

/** Gives a person of the organisation another role there (replacing their roles in it). */
export async function changePersonRole(
  tx: Db,
  actor: SignedInUser,
  organisation: { id: string; name: string },
  target: Target,
  userId: string,
  role: Role,
): Promise<void> {
  const grant: Grant = { role, scopeType: "organisation", scopeCode: organisation.id };
  if (!canGrant(actor, grant, target)) {
    throw new UserError(`role: you may not give the role ${role} in this organisation`, [], 403);
  }
  const before = await rolesIn(tx, organisation.id, userId);
  if (!before.belongs) throw new UserError(`no person ${userId} in this organisation`, [], 404);
  for (const held of before.roles) {
    if (!canGrant(actor, { role: held, scopeType: "organisation", scopeCode: organisation.id }, target)) {
      throw new UserError(`you may not change the role of a ${held} of this organisation`, [], 403);
    }
  }
  await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), inOrganisation(organisation.id)));
  await tx
    .insert(roleAssignments)
    .values({ userId, role, scopeType: "organisation", scopeCode: organisation.id });
  await recordHistory(tx, {
    organisationId: organisation.id,
    change: "person-role",
    before: { userId, roles: before.roles },
    after: { userId, roles: [role] },
    changedBy: actor.userId,
  });
}

/**
 * Takes a person out of the organisation: their roles in it end, and it is no longer theirs.
 * A manager may remove those whose roles there they could give; anyone may leave by themselves.
 */
export async function removePerson(
  tx: Db,
  actor: SignedInUser,
  organisation: { id: string; name: string },
  target: Target,
  userId: string,
  reason: string | null,
): Promise<void> {
  const before = await rolesIn(tx, organisation.id, userId);
  if (!before.belongs) throw new UserError(`no person ${userId} in this organisation`, [], 404);
  if (userId !== actor.userId) {
    for (const held of before.roles) {
      if (!canGrant(actor, { role: held, scopeType: "organisation", scopeCode: organisation.id }, target)) {
        throw new UserError(`you may not remove a ${held} of this organisation`, [], 403);
      }
    }
  }
  await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), inOrganisation(organisation.id)));
  await tx
    .update(users)
    .set({ organisationId: null })
    .where(and(eq(users.id, userId), eq(users.organisationId, organisation.id)));
  await recordHistory(tx, {
    organisationId: organisation.id,
    change: userId === actor.userId ? "person-left" : "person-removed",
    before: { userId, roles: before.roles },
    reason,
    changedBy: actor.userId,
  });
}

async function rolesIn(db: Db, organisationId: string, userId: string) {
  const [user] = await db
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, userId));
  const grants = await db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), inOrganisation(organisationId)));
  const roles = grants.map((g) => g.role as Role);
  return { belongs: user?.organisationId === organisationId || roles.length > 0, roles };
}
