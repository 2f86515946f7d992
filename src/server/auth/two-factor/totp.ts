import { and, eq, isNotNull } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Db } from "../../db/connect.ts";
import { userTwoFactor } from "../../db/schema.ts";
import { openSecret, sealSecret } from "./secret-box.ts";

const PERIOD = 30;
/** A code of the previous or next 30 seconds is accepted too (clocks of phones drift). */
const WINDOW = 1;

function totpOf(secret: string, label = ""): TOTP {
  return new TOTP({
    issuer: "Childmark",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * Starts (or restarts) enrolment: a new 160-bit secret, not active until
 * confirmed with a code. Returns the secret and the otpauth:// URI for the QR code.
 */
export async function startTotpEnrolment(
  db: Db,
  user: { userId: string; email: string },
): Promise<{ secret: string; otpauthUri: string }> {
  const secret = new Secret({ size: 20 }).base32;
  const sealed = sealSecret(secret, user.userId);
  await db
    .insert(userTwoFactor)
    .values({ userId: user.userId, secret: sealed })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { secret: sealed, confirmedAt: null, lastUsedStep: null, createdAt: new Date() },
    });
  return { secret, otpauthUri: totpOf(secret, user.email).toString() };
}

/** Whether the user has a confirmed authenticator. */
export async function hasTotp(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTwoFactor.userId })
    .from(userTwoFactor)
    .where(and(eq(userTwoFactor.userId, userId), isNotNull(userTwoFactor.confirmedAt)));
  return !!row;
}

/**
 * Checks a 6-digit code against the user's authenticator (confirmed, or
 * pending when `pending`), and records its time step so the same code is
 * never accepted twice.
 */
export async function verifyTotpCode(
  db: Db,
  userId: string,
  code: string,
  { pending = false } = {},
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).for("update");
  if (!row || (row.confirmedAt === null) !== pending) return false;
  const delta = totpOf(openSecret(row.secret, userId)).validate({ token: code, window: WINDOW });
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
  if (row.lastUsedStep !== null && step <= row.lastUsedStep) return false;
  await db
    .update(userTwoFactor)
    .set({ lastUsedStep: step, ...(pending ? { confirmedAt: new Date() } : {}) })
    .where(eq(userTwoFactor.userId, userId));
  return true;
}
