import { z } from "zod";

import { grantBody } from "../api-schemas/auth.ts";

export { grantBody, me } from "../api-schemas/auth.ts";

export const email = z
  .email("enter a valid e-mail address")
  .max(254)
  .transform((e) => e.trim().toLowerCase());
export const password = z.string().min(12, "use at least 12 characters").max(200);

export const signInBody = z.object({ email, password: z.string().min(1).max(200) });
export const resetRequestBody = z.object({ email });
export const resetConfirmBody = z.object({ token: z.string().min(10).max(200), password });
export const invitationBody = z.object({
  email,
  name: z.string().trim().max(200).optional(),
  grant: grantBody,
});
export const acceptInvitationBody = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1, "enter your name").max(200),
  password,
});
export const outboxMessage = z.object({
  id: z.uuid(),
  toEmail: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
