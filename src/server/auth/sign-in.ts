import { eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { hashPassword, verifyPassword } from "../users/passwords.ts";
import { openSessionOrChallenge } from "./two-factor/second-step.ts";

// Verified against when the e-mail is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

/**
 * Checks e-mail and password; the same message for every failure. Opens a
 * session, or asks for the second factor when the user has one.
 */
export async function signIn(db: Db, email: string, password: string) {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(users.email, email));
  dummyHash ??= hashPassword("not a password of anyone");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || !user.isActive || !user.passwordHash) {
    throw new UserError("wrong e-mail or password", [], 401);
  }
  return openSessionOrChallenge(db, { userId: user.id, email });
}
