import { z } from "zod";
import { ROLES, SCOPE_TYPES } from "../../core/index.ts";

/** A role over a scope, as sent to and from the API. */
export const grantBody = z.object({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeCode: z.string().max(20).nullable().default(null),
  sections: z.array(z.string().max(100)).max(200).nullable().optional(),
});

/** The signed-in user, their roles, and the CSRF token to send with every change. */
export const me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  isAdmin: z.boolean(),
  grants: z.array(grantBody),
  csrfToken: z.string(),
  /** The user's role requires a second factor they have not set up: nothing else works until they do. */
  mustEnrolTwoFactor: z.boolean(),
});
