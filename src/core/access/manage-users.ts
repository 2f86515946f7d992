import { type Actor, can, type Grant, type Target } from "./permissions.ts";

/*
 * Who may change whose account. A platform administrator manages everyone. A secretariat
 * (`user:manage` over its region, or the platform) manages the people whose every role lies
 * within its scope and who are not administrators; it may give or take away only roles it could
 * hand out by invitation (`canGrant`), so nobody grants more than they hold.
 */

/** A grant with the place it covers (a country's region resolved), as `can` needs it. */
export interface PlacedGrant {
  grant: Grant;
  target: Target;
}

/** The account being managed: is it an administrator, and where do its roles apply. */
export interface ManagedUser {
  isAdmin: boolean;
  grants: readonly PlacedGrant[];
}

/** True when the user holds the administrator flag or the administrator role over the platform. */
export function isPlatformAdmin(user: { isAdmin: boolean; grants: readonly Grant[] }): boolean {
  return user.isAdmin || user.grants.some((g) => g.role === "admin" && g.scopeType === "platform");
}

/** True when the actor may change this account (its roles, deactivation, sessions). */
export function canManageUser(actor: Actor | null | undefined, user: ManagedUser): boolean {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  if (user.isAdmin || user.grants.some((g) => g.grant.role === "admin")) return false;
  // Someone without any role is within no region: only a platform-wide manager covers them.
  if (user.grants.length === 0) return can(actor, "user:manage", {});
  return user.grants.every((g) => can(actor, "user:manage", g.target));
}
