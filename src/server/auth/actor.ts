import { eq } from "drizzle-orm";
import type { Actor, Grant, Role, ScopeType } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { roleAssignments, users } from "../db/schema.ts";

export interface SignedInUser extends Actor {
  email: string;
  name: string;
  locale: string;
}

/** Loads an active user with their grants; undefined when absent or deactivated. */
export async function loadActor(db: Db, userId: string): Promise<SignedInUser | undefined> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isAdmin: users.isAdmin,
      isActive: users.isActive,
      locale: users.locale,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.isActive) return undefined;
  const rows = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, userId));
  const grants: Grant[] = rows.map((r) => ({
    role: r.role as Role,
    scopeType: r.scopeType as ScopeType,
    scopeCode: r.scopeCode,
    sections: r.sections,
  }));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    locale: user.locale,
    grants,
  };
}
