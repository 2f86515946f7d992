import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { users } from "../db/schema.ts";

/**
 * A session was opened (after the password, or after the second factor): the user's last
 * sign-in and the audit event, in the transaction that opened it.
 */
export async function recordSignIn(
  tx: Db,
  signIn: { userId: string; email: string; ip?: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, signIn.userId));
  await recordAudit(tx, {
    action: "auth.sign-in",
    actorId: signIn.userId,
    actorEmail: signIn.email,
    ip: signIn.ip,
    details: signIn.details,
  });
}
