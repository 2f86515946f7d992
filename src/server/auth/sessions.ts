import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { sessions } from "../db/schema.ts";
import { hashToken, randomToken } from "./tokens.ts";
import { mustEnrolTwoFactor } from "./two-factor/required-roles.ts";

/** How long a session lasts without signing in again (`CHILDMARK_SESSION_HOURS`, default 12). */
export function sessionHours(): number {
  const hours = Number(process.env.CHILDMARK_SESSION_HOURS ?? 12);
  return Number.isFinite(hours) && hours > 0 ? hours : 12;
}

/**
 * Opens a session; the returned token goes in the cookie and is never stored.
 * When the user's role requires a second factor they do not have, the session
 * can only set one up (`mustEnrolTwoFactor`, enforced by the auth hook).
 */
export async function createSession(
  db: Db,
  userId: string,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + sessionHours() * 3600_000);
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const mustEnrol = await mustEnrolTwoFactor(db, userId);
  await db
    .insert(sessions)
    .values({ id: hashToken(token), userId, csrfToken, expiresAt, mustEnrolTwoFactor: mustEnrol });
  return { token, csrfToken, expiresAt };
}

/** Finds the unexpired session of a cookie token. */
export async function findSession(
  db: Db,
  token: string,
): Promise<{ userId: string; csrfToken: string; mustEnrolTwoFactor: boolean } | undefined> {
  const [row] = await db
    .select({
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      mustEnrolTwoFactor: sessions.mustEnrolTwoFactor,
    })
    .from(sessions)
    .where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** Signs a user out everywhere (after a password change). */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Lifts the enrolment-only restriction from the user's sessions once a second factor is set up. */
export async function releaseEnrolmentSessions(db: Db, userId: string): Promise<void> {
  await db.update(sessions).set({ mustEnrolTwoFactor: false }).where(eq(sessions.userId, userId));
}
