import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { recoveryCodes, users, userTwoFactor } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { verifyPassword } from "../../users/passwords.ts";
import { releaseEnrolmentSessions } from "../sessions.ts";
import { countRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes.ts";
import { isTwoFactorRequired } from "./required-roles.ts";
import { checkSecondFactor } from "./second-step.ts";
import { hasTotp, verifyTotpCode } from "./totp.ts";

/** What the account security page shows. */
export async function readTwoFactorStatus(db: Db, userId: string) {
  const [row] = await db
    .select({ confirmedAt: userTwoFactor.confirmedAt })
    .from(userTwoFactor)
    .where(eq(userTwoFactor.userId, userId));
  return {
    enabled: !!row?.confirmedAt,
    enabledAt: row?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: row?.confirmedAt ? await countRecoveryCodes(db, userId) : 0,
    required: await isTwoFactorRequired(db, userId),
  };
}

/** Confirms a pending authenticator with its first code; returns the 10 recovery codes, shown once. */
export async function confirmTotpEnrolment(db: Db, userId: string, code: string): Promise<string[]> {
  if (await hasTotp(db, userId)) throw new UserError("two-factor sign-in is already on", [], 409);
  if (!(await verifyTotpCode(db, userId, code, { pending: true })))
    throw new UserError("code: this code does not match; check the time on your phone and try the next one");
  await releaseEnrolmentSessions(db, userId);
  return replaceRecoveryCodes(db, userId);
}

/** New recovery codes (the old ones stop working), after a current authenticator code. */
export async function regenerateRecoveryCodes(db: Db, userId: string, code: string): Promise<string[]> {
  if (!(await hasTotp(db, userId))) throw new UserError("two-factor sign-in is not on", [], 409);
  if (!(await verifyTotpCode(db, userId, code)))
    throw new UserError("code: this code does not match the authenticator");
  return replaceRecoveryCodes(db, userId);
}

/** Turns two-factor sign-in off, with the password and a current code or recovery code. */
export async function disableTwoFactor(
  db: Db,
  userId: string,
  password: string,
  code: string,
): Promise<void> {
  if (!(await hasTotp(db, userId))) throw new UserError("two-factor sign-in is not on", [], 409);
  if (await isTwoFactorRequired(db, userId))
    throw new UserError("your role requires two-factor sign-in: it cannot be turned off", [], 409);
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.hash || !(await verifyPassword(password, user.hash)))
    throw new UserError("password: this is not your current password");
  await checkSecondFactor(db, userId, code).catch(() => {
    throw new UserError("code: this code does not match, or was already used");
  });
  await removeTwoFactor(db, userId);
}

async function removeTwoFactor(db: Db, userId: string): Promise<void> {
  await db.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/**
 * For an operator, when someone lost both their phone and their recovery
 * codes: removes their authenticator so they sign in with the password alone
 * (and enrol again, at once if their role requires it). False when the
 * e-mail has no two-factor sign-in.
 */
export async function resetTwoFactorByEmail(db: Db, email: string): Promise<boolean> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!user || !(await hasTotp(db, user.id))) return false;
  await removeTwoFactor(db, user.id);
  return true;
}
