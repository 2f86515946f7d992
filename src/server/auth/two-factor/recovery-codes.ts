import { randomBytes } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { recoveryCodes } from "../../db/schema.ts";
import { hashToken } from "../tokens.ts";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A code of 16 characters from 31 (about 79 bits), written xxxx-xxxx-xxxx-xxxx. */
function newRecoveryCode(): string {
  const chars = [...randomBytes(16)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** How a typed code is compared: lower case, without spaces or dashes. */
function normalise(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/** Replaces the user's recovery codes with 10 new ones, returned once and stored hashed. */
export async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashToken(normalise(c)) })));
  return codes;
}

/** Uses up one unused recovery code of the user; false when there is no such code. */
export async function spendRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normalise(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

/** How many unused recovery codes the user has left. */
export async function countRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Whether a typed second factor looks like a recovery code rather than a 6-digit code. */
export function isRecoveryCodeShape(code: string): boolean {
  return normalise(code).length === 16;
}
