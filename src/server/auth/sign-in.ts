import { eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { hashPassword, verifyPassword } from "../users/passwords.ts";
import { createSession } from "./sessions.ts";

// Verified against when the e-mail is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

/** Checks e-mail and password and opens a session; the same message for every failure. */
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
  return { userId: user.id, ...(await createSession(db, user.id)) };
}
