import type { Db } from "../../db/connect.ts";
import { UserError } from "../../errors.ts";
import { recordSignIn } from "../record-sign-in.ts";
import { createSession } from "../sessions.ts";
import { consumeSignInChallenge, createSignInChallenge } from "./challenge.ts";
import { isRecoveryCodeShape, spendRecoveryCode } from "./recovery-codes.ts";
import { hasTotp, verifyTotpCode } from "./totp.ts";

type SessionOpened = { kind: "session"; userId: string; token: string; csrfToken: string; expiresAt: Date };
type ChallengeSent = { kind: "challenge"; challengeToken: string; expiresAt: string };

/** After a right password: the session, or a challenge when the user has a second factor. */
export async function openSessionOrChallenge(
  db: Db,
  user: { userId: string; email: string },
): Promise<SessionOpened | ChallengeSent> {
  if (await hasTotp(db, user.userId))
    return { kind: "challenge", ...(await createSignInChallenge(db, user)) };
  return { kind: "session", userId: user.userId, ...(await createSession(db, user.userId)) };
}

/**
 * Checks a second factor: a 6-digit code of the authenticator, or an unused
 * recovery code (used up). 401 when it is neither.
 */
export async function checkSecondFactor(
  db: Db,
  userId: string,
  code: string,
): Promise<{ usedRecoveryCode: boolean }> {
  const usedRecoveryCode = isRecoveryCodeShape(code);
  const ok = usedRecoveryCode
    ? await spendRecoveryCode(db, userId, code)
    : await verifyTotpCode(db, userId, code);
  if (!ok) throw new UserError("wrong or already used code", [], 401);
  return { usedRecoveryCode };
}

/** The second step of sign-in: a right code uses up the challenge and opens the session. */
export async function completeSignIn(
  db: Db,
  challenge: { token: string; userId: string },
  code: string,
  context: { email: string; ip?: string },
): Promise<SessionOpened & { usedRecoveryCode: boolean }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const { usedRecoveryCode } = await checkSecondFactor(t, challenge.userId, code);
    if (!(await consumeSignInChallenge(t, challenge.token)))
      throw new UserError("this sign-in has expired: enter your password again", [], 400);
    const session = await createSession(t, challenge.userId);
    await recordSignIn(t, {
      userId: challenge.userId,
      ...context,
      details: { secondFactor: usedRecoveryCode ? "recovery code" : "authenticator" },
    });
    return { kind: "session" as const, userId: challenge.userId, usedRecoveryCode, ...session };
  });
}
