import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { authTokens } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { hashToken, randomToken } from "../tokens.ts";

const CHALLENGE_MINUTES = 10;
const KIND = "two-factor";

/**
 * After a right password, when the user has a second factor: a token valid
 * for ten minutes that, with a code, opens the session. Stored hashed with the
 * e-mail and invitation tokens.
 */
export async function createSignInChallenge(
  db: Db,
  user: { userId: string; email: string },
): Promise<{ challengeToken: string; expiresAt: string }> {
  const challengeToken = randomToken();
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
  await db
    .insert(authTokens)
    .values({ id: hashToken(challengeToken), kind: KIND, email: user.email, userId: user.userId, expiresAt });
  return { challengeToken, expiresAt: expiresAt.toISOString() };
}

/** The user of an unused, unexpired challenge, or 400 (sign in again). */
export async function findSignInChallenge(db: Db, token: string): Promise<{ userId: string; email: string }> {
  const [row] = await db
    .select({ userId: authTokens.userId, email: authTokens.email })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.id, hashToken(token)),
        eq(authTokens.kind, KIND),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    );
  if (!row?.userId) throw new UserError("this sign-in has expired: enter your password again", [], 400);
  return { userId: row.userId, email: row.email };
}

/** Marks a challenge used, so it opens one session only; false if it was already used. */
export async function consumeSignInChallenge(db: Db, token: string): Promise<boolean> {
  const rows = await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.kind, KIND), isNull(authTokens.usedAt)))
    .returning({ id: authTokens.id });
  return rows.length > 0;
}
