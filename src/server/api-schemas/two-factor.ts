import { z } from "zod";
import { ROLES } from "../../core/index.ts";

/** The answer to a right password when a second factor is needed: no session yet. */
export const signInChallenge = z.object({
  twoFactorRequired: z.literal(true),
  challengeToken: z.string(),
  expiresAt: z.string(),
});

/** A 6-digit authenticator code, or a recovery code (xxxx-xxxx-xxxx-xxxx). */
export const secondFactorCode = z
  .string()
  .trim()
  .min(6, "enter the 6-digit code or a recovery code")
  .max(40)
  .regex(/^[0-9a-zA-Z\s-]+$/, "enter the 6-digit code or a recovery code");

export const secondStepBody = z.object({
  challengeToken: z.string().min(10).max(200),
  code: secondFactorCode,
});

export const twoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** Whether one of the user's roles requires it (then it cannot be turned off). */
  required: z.boolean(),
});

/** A new, unconfirmed authenticator: the secret (to type) and the otpauth:// URI (for the QR code). */
export const totpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });

export const totpCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "enter the 6-digit code"),
});

/** Recovery codes, shown once. */
export const recoveryCodeList = z.object({ recoveryCodes: z.array(z.string()) });

export const disableTwoFactorBody = z.object({
  password: z.string().min(1, "enter your password").max(200),
  code: secondFactorCode,
});

/** Platform security settings an administrator chooses. */
export const securitySettings = z.object({
  twoFactorRequiredRoles: z.array(z.enum(ROLES)).max(ROLES.length),
});
