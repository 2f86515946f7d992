import { z } from "zod";
import { NETWORK_SCOPE_TYPES, ROLES, SCOPE_TYPES } from "../../core/index.ts";

/** A role over a place (platform, region, country), as sent to the accounts and invitation routes. */
export const grantBody = z.object({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeCode: z.string().max(20).nullable().default(null),
  sections: z.array(z.string().max(100)).max(200).nullable().optional(),
});

/** A role as the API shows it: over a place, or over an organisation or working group (its id). */
export const grantOut = grantBody.extend({
  scopeType: z.enum([...SCOPE_TYPES, ...NETWORK_SCOPE_TYPES]),
  scopeCode: z.string().max(40).nullable().default(null),
});

/** The signed-in user, their roles, and the CSRF token to send with every change. */
export const me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  isAdmin: z.boolean(),
  grants: z.array(grantOut),
  /** The review rights of the working groups the user belongs to (what a group member may review). */
  reviewRights: z
    .array(
      z.object({
        groupId: z.uuid(),
        scopeType: z.enum(["country", "region"]),
        scopeCode: z.string(),
        framework: z.string().nullable(),
        sections: z.array(z.string()),
        themes: z.array(z.string()),
        recommendations: z.array(z.string()),
      }),
    )
    .default([]),
  csrfToken: z.string(),
  /** The user's role requires a second factor they have not set up: nothing else works until they do. */
  mustEnrolTwoFactor: z.boolean(),
});
