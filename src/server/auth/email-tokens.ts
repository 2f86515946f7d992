import { and, eq, gt, isNull } from "drizzle-orm";
import type { Grant } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { authTokens, roleAssignments, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { publicUrl, queueMail } from "../mail/send-mail.ts";
import { assertPasswordAllowed } from "../users/password-policy.ts";
import { hashPassword, verifyPassword } from "../users/passwords.ts";
import { deleteUserSessions } from "./sessions.ts";
import { hashToken, randomToken } from "./tokens.ts";

const RESET_HOURS = 2;
const INVITATION_DAYS = 14;

/**
 * Sends a single-use password-reset link valid for two hours. Says nothing
 * about whether the address has an account (returns undefined either way).
 */
export async function requestPasswordReset(db: Db, email: string): Promise<string | undefined> {
  const [user] = await db
    .select({ id: users.id, isActive: users.isActive })
    .from(users)
    .where(eq(users.email, email));
  if (!user?.isActive) return undefined;
  const token = randomToken();
  await db.insert(authTokens).values({
    id: hashToken(token),
    kind: "reset",
    email,
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_HOURS * 3600_000),
  });
  return queueMail(db, {
    to: email,
    subject: "Reset your Childmark password",
    text: `Someone asked to reset the password of your Childmark account.\n\nChoose a new password here (valid for ${RESET_HOURS} hours, once):\n${publicUrl()}/reset-password#token=${token}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
  });
}

/** Takes an unused, unexpired token of a kind, marking it used; refuses anything else. */
async function consumeToken(db: Db, token: string, kind: "reset" | "invite") {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.id, hashToken(token)),
        eq(authTokens.kind, kind),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!row) throw new UserError("this link is invalid, expired or already used: ask for a new one", [], 400);
  return row;
}

/** Sets a new password from a reset token and signs the user out everywhere. */
export async function confirmPasswordReset(db: Db, token: string, password: string): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const row = await consumeToken(t, token, "reset");
    const [owner] = await t
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, row.userId!));
    await assertPasswordAllowed(password, { email: owner?.email, name: owner?.name });
    await t
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, row.userId!));
    await deleteUserSessions(t, row.userId!);
  });
}

/** Invites someone by e-mail to take a role; the link is valid for 14 days, once. */
export async function inviteUser(
  db: Db,
  invitation: { email: string; name?: string; grant: Grant; invitedBy: string; inviterName: string },
): Promise<string> {
  const token = randomToken();
  await db.insert(authTokens).values({
    id: hashToken(token),
    kind: "invite",
    email: invitation.email,
    grant: invitation.grant,
    createdBy: invitation.invitedBy,
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
  });
  const scope = invitation.grant.scopeCode ? ` for ${invitation.grant.scopeCode}` : "";
  return queueMail(db, {
    to: invitation.email,
    subject: `${invitation.inviterName} invites you to Childmark`,
    text: `${invitation.inviterName} invites you to join Childmark as ${invitation.grant.role}${scope}.\n\nAccept the invitation and choose your password here (valid for ${INVITATION_DAYS} days, once):\n${publicUrl()}/accept-invitation#token=${token}\n`,
  });
}

/** Accepts an invitation: creates the account if needed and grants the role. Returns the user id. */
export async function acceptInvitation(
  db: Db,
  token: string,
  name: string,
  password: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const row = await consumeToken(t, token, "invite");
    const grant = row.grant as Grant;
    let [user] = await t
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, row.email));
    if (user && !(user.passwordHash && (await verifyPassword(password, user.passwordHash)))) {
      throw new UserError("you already have an account: enter your current password to accept", [], 400);
    }
    if (!user) {
      await assertPasswordAllowed(password, { email: row.email, name });
      [user] = await t
        .insert(users)
        .values({ email: row.email, name, passwordHash: await hashPassword(password) })
        .returning({ id: users.id, passwordHash: users.passwordHash });
    }
    await t.insert(roleAssignments).values({
      userId: user!.id,
      role: grant.role,
      scopeType: grant.scopeType,
      scopeCode: grant.scopeCode,
      sections: grant.sections ? [...grant.sections] : null,
    });
    // Invited into an organisation: it becomes theirs, unless they already belong to another.
    if (grant.scopeType === "organisation" && grant.scopeCode) {
      await t
        .update(users)
        .set({ organisationId: grant.scopeCode })
        .where(and(eq(users.id, user!.id), isNull(users.organisationId)));
    }
    return user!.id;
  });
}
