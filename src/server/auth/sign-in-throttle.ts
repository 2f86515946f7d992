import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import type { Db } from "../db/connect.ts";
import { signInThrottles } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/*
 * Failed sign-ins are counted in the database (table sign_in_throttles), per
 * account and per client address, so the limits hold across restarts and
 * across processes on PostgreSQL. Only failures count: a wrong password or a
 * wrong second-factor code. A success clears the account's counter (not the
 * address's, or an attacker with an account could clear it).
 *
 * After `free` failures, each further failure locks for 1, 2, 4 … minutes,
 * up to `capMinutes`. Every key is counted alike whether the account exists
 * or not, so the answer never tells.
 */
interface Limit {
  free: number;
  capMinutes: number;
}

/** Per account: the sixth try waits a minute after five failures. */
export const ACCOUNT_LIMIT: Limit = { free: 5, capMinutes: 60 };
/** Per address: more room (an office shares one address), the same back-off. */
export const ADDRESS_LIMIT: Limit = { free: 10, capMinutes: 60 };
/** A counter with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 3600_000;

function keysOf(email: string, ip: string) {
  return { account: `account:${email.trim().toLowerCase()}`, address: `ip:${ip}` };
}

/** How long a counter at `failures` locks: nothing below the limit, then 1, 2, 4 … minutes. */
export function lockMinutes(failures: number, limit: Limit): number {
  if (failures < limit.free) return 0;
  return Math.min(2 ** (failures - limit.free), limit.capMinutes);
}

/** Answers 429 with Retry-After when the account or the address is locked. */
async function refuseWhileLocked(db: Db, keys: string[], reply: FastifyReply, now: Date): Promise<void> {
  const rows = await db
    .select({ lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(inArray(signInThrottles.key, keys));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  if (until <= now.getTime()) return;
  const seconds = Math.ceil((until - now.getTime()) / 1000);
  reply.header("retry-after", String(seconds));
  throw new UserError(
    `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minute(s)`,
    [`retryAfterSeconds: ${seconds}`],
    429,
  );
}

/** Counts one failure on a key and locks it when over its limit. */
async function countFailure(db: Db, key: string, limit: Limit, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [row] = await t.select().from(signInThrottles).where(eq(signInThrottles.key, key)).for("update");
    const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = stale ? 1 : row.failures + 1;
    const minutes = lockMinutes(failures, limit);
    const lockedUntil = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
    await t
      .insert(signInThrottles)
      .values({ key, failures, lockedUntil, lastFailureAt: now })
      .onConflictDoUpdate({
        target: signInThrottles.key,
        set: { failures, lockedUntil, lastFailureAt: now },
      });
  });
}

/** Removes counters without a failure for a day whose lock has passed. */
async function pruneThrottles(db: Db, now: Date): Promise<void> {
  await db
    .delete(signInThrottles)
    .where(
      and(
        lt(signInThrottles.lastFailureAt, new Date(now.getTime() - FORGET_AFTER_MS)),
        or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now)),
      ),
    );
}

/**
 * Runs one sign-in step under the limits: refuses with 429 while the account
 * or the address is locked; counts the step's 401 as a failure of both; clears
 * the account's counter when the step succeeds.
 */
export async function throttleSignIn<T>(
  db: Db,
  who: { email: string; ip: string },
  reply: FastifyReply,
  step: () => Promise<T>,
): Promise<T> {
  const keys = keysOf(who.email, who.ip);
  const now = new Date();
  await refuseWhileLocked(db, [keys.account, keys.address], reply, now);
  try {
    const result = await step();
    await db.delete(signInThrottles).where(eq(signInThrottles.key, keys.account));
    return result;
  } catch (error) {
    if (error instanceof UserError && error.status === 401) {
      await countFailure(db, keys.account, ACCOUNT_LIMIT, now);
      await countFailure(db, keys.address, ADDRESS_LIMIT, now);
      await pruneThrottles(db, now);
    }
    throw error;
  }
}
