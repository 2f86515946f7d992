import { eq } from "drizzle-orm";
import { ROLES, type Role } from "../../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import { platformSettings, roleAssignments, users } from "../../db/schema.ts";
import { hasTotp } from "./totp.ts";

const SETTING = "twoFactorRequiredRoles";

/** The roles whose holders must sign in with a second factor (platform setting; none by default). */
export async function readTwoFactorRequiredRoles(db: Db): Promise<Role[]> {
  const [row] = await db.select().from(platformSettings).where(eq(platformSettings.key, SETTING));
  const value = Array.isArray(row?.value) ? (row.value as unknown[]) : [];
  return ROLES.filter((r) => value.includes(r));
}

/** Sets the roles that require a second factor; applies from each holder's next sign-in. */
export async function writeTwoFactorRequiredRoles(db: Db, roles: readonly Role[], by: string): Promise<void> {
  const value = ROLES.filter((r) => roles.includes(r));
  await db
    .insert(platformSettings)
    .values({ key: SETTING, value, updatedBy: by })
    .onConflictDoUpdate({
      target: platformSettings.key,
      set: { value, updatedBy: by, updatedAt: new Date() },
    });
}

/** Whether one of the user's roles (administrator counts as "admin") requires a second factor. */
export async function isTwoFactorRequired(db: Db, userId: string): Promise<boolean> {
  const required = await readTwoFactorRequiredRoles(db);
  if (!required.length) return false;
  const [user] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId));
  const grants = await db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  const roles = new Set<string>(grants.map((g) => g.role));
  if (user?.isAdmin) roles.add("admin");
  return required.some((r) => roles.has(r));
}

/** Whether a new session of the user may do nothing but set up a second factor. */
export async function mustEnrolTwoFactor(db: Db, userId: string): Promise<boolean> {
  return (await isTwoFactorRequired(db, userId)) && !(await hasTotp(db, userId));
}
