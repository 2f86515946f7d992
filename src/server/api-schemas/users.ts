import { z } from "zod";
import { ROLES } from "../../core/index.ts";
import { grantBody, grantOut } from "./auth.ts";

/* Administering accounts: the users list, one user's detail, roles and deactivation. */

export const USER_STATUSES = ["active", "deactivated"] as const;

export const usersQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Part of a name or e-mail address"),
  role: z.enum(ROLES).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "use a two-letter country code")
    .optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UsersQuery = z.infer<typeof usersQuery>;

export const userSummaryOut = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  status: z.enum(USER_STATUSES),
  grants: z.array(grantOut),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummaryOut = z.infer<typeof userSummaryOut>;

export const userDetailOut = userSummaryOut.extend({
  deactivatedAt: z.string().nullable(),
  deactivatedBy: z.string().nullable().describe("E-mail of the person who deactivated the account"),
  deactivationReason: z.string().nullable(),
  activeSessions: z.number().int(),
  /** Whether the person asking may change this account (roles, deactivation, sessions). */
  canManage: z.boolean(),
});
export type UserDetailOut = z.infer<typeof userDetailOut>;

export const userParams = z.object({ id: z.uuid() });

export const rolesBody = z.object({
  isAdmin: z.boolean().optional().describe("Only a platform administrator may change it"),
  grants: z.array(grantBody).max(100),
});
export type RolesBody = z.input<typeof rolesBody>;

export const deactivateBody = z.object({
  reason: z.string().trim().min(1, "say why the account is deactivated").max(500),
});
