import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { hashPassword, verifyPassword } from "../users/passwords.ts";
import { recordSignIn } from "./record-sign-in.ts";
import { openSessionOrChallenge } from "./two-factor/second-step.ts";

// Verified against when the e-mail is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

/**
 * Checks e-mail and password; the same message for every failure, except that the right
 * password of a deactivated account is told so (it reveals nothing to a stranger). Opens a
 * session, or asks for the second factor when the user has one. Every attempt is written to the
 * audit log; a session opened also sets `last_sign_in_at`.
 */
export async function signIn(db: Db, email: string, password: string, context: { ip?: string } = {}) {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(users.email, email));
  dummyHash ??= hashPassword("not a password of anyone");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || !user.isActive || !user.passwordHash) {
    const reason = !user ? "unknown e-mail" : !ok || !user.passwordHash ? "wrong password" : "deactivated";
    await recordAudit(db, {
      action: "auth.sign-in-failed",
      actorId: user?.id ?? null,
      actorEmail: email,
      ip: context.ip,
      outcome: "failure",
      details: { reason },
    });
    if (reason === "deactivated") {
      throw new UserError(
        "this account has been deactivated: ask an administrator to reactivate it",
        [],
        403,
      );
    }
    throw new UserError("wrong e-mail or password", [], 401);
  }
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const result = await openSessionOrChallenge(tx, { userId: user.id, email });
    if (result.kind === "session") await recordSignIn(tx, { userId: user.id, email, ip: context.ip });
    return result;
  });
}
