import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../../api-schemas/index.ts";
import {
  disableTwoFactorBody,
  recoveryCodeList,
  securitySettings,
  totpCodeBody,
  totpEnrolment,
  twoFactorStatus,
} from "../../api-schemas/two-factor.ts";
import type { Db } from "../../db/connect.ts";
import { UserError } from "../../errors.ts";
import { authorize, requireActor } from "../plugin.ts";
import {
  confirmTotpEnrolment,
  disableTwoFactor,
  readTwoFactorStatus,
  regenerateRecoveryCodes,
} from "./manage.ts";
import { readTwoFactorRequiredRoles, writeTwoFactorRequiredRoles } from "./required-roles.ts";
import { isSecretKeyConfigured } from "./secret-box.ts";
import { hasTotp, startTotpEnrolment } from "./totp.ts";

const ok = z.object({ ok: z.literal(true) });
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody };

/** The account's two-factor routes (enrol, recovery codes, turn off) and the administrator's setting. */
export async function registerTwoFactorRoutes(app: FastifyInstance, db: Db): Promise<void> {
  if (!isSecretKeyConfigured())
    app.log.warn(
      "CHILDMARK_SECRET_KEY is not set: two-factor secrets are stored unencrypted in the database (see docs/api.md)",
    );
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];
  const inTransaction = <T>(work: (t: Db) => Promise<T>) => db.transaction((tx) => work(tx as unknown as Db));

  api.get(
    "/account/two-factor",
    {
      schema: {
        tags,
        summary:
          "Whether two-factor sign-in is on, how many recovery codes are left, and whether a role requires it",
        response: { 200: twoFactorStatus, 401: errorBody },
      },
    },
    async (request) => readTwoFactorStatus(db, requireActor(request).userId),
  );

  api.post(
    "/account/two-factor/enrolment",
    {
      schema: {
        tags,
        summary:
          "Start setting up an authenticator app: a new secret and its otpauth:// URI (not active until confirmed)",
        response: { 200: totpEnrolment, ...refusals },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return inTransaction(async (t) => {
        if (await hasTotp(t, actor.userId)) throw new UserError("two-factor sign-in is already on", [], 409);
        return startTotpEnrolment(t, actor);
      });
    },
  );

  api.post(
    "/account/two-factor/enrolment/confirm",
    {
      schema: {
        tags,
        summary: "Confirm the authenticator with a first code; answers the 10 recovery codes, shown once",
        body: totpCodeBody,
        response: { 200: recoveryCodeList, ...refusals },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const recoveryCodes = await inTransaction((t) =>
        confirmTotpEnrolment(t, actor.userId, request.body.code),
      );
      return { recoveryCodes };
    },
  );

  api.post(
    "/account/two-factor/recovery-codes",
    {
      schema: {
        tags,
        summary: "Replace the recovery codes (the old ones stop working), with a current authenticator code",
        body: totpCodeBody,
        response: { 200: recoveryCodeList, ...refusals },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const recoveryCodes = await inTransaction((t) =>
        regenerateRecoveryCodes(t, actor.userId, request.body.code),
      );
      return { recoveryCodes };
    },
  );

  api.post(
    "/account/two-factor/disable",
    {
      schema: {
        tags,
        summary: "Turn two-factor sign-in off, with the password and a current code or a recovery code",
        body: disableTwoFactorBody,
        response: { 200: ok, ...refusals },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await inTransaction((t) => disableTwoFactor(t, actor.userId, request.body.password, request.body.code));
      return { ok: true as const };
    },
  );

  api.get(
    "/admin/security-settings",
    {
      schema: {
        tags,
        summary: "The roles whose holders must sign in with a second factor",
        response: { 200: securitySettings, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => {
      authorize(request, "security:manage");
      return { twoFactorRequiredRoles: await readTwoFactorRequiredRoles(db) };
    },
  );

  api.put(
    "/admin/security-settings",
    {
      schema: {
        tags,
        summary:
          "Require a second factor of some roles; holders without one must set it up at their next sign-in",
        body: securitySettings,
        response: { 200: securitySettings, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => {
      const actor = authorize(request, "security:manage");
      await inTransaction((t) =>
        writeTwoFactorRequiredRoles(t, request.body.twoFactorRequiredRoles, actor.userId),
      );
      return { twoFactorRequiredRoles: await readTwoFactorRequiredRoles(db) };
    },
  );
}
