import rateLimit from "@fastify/rate-limit";
import { desc } from "drizzle-orm";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canGrant } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import { secondStepBody, signInChallenge } from "../api-schemas/two-factor.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { outbox } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { deliverOutbox } from "../mail/send-mail.ts";
import { grantTarget } from "../users/grant-target.ts";
import { loadActor } from "./actor.ts";
import { acceptInvitation, confirmPasswordReset, inviteUser, requestPasswordReset } from "./email-tokens.ts";
import { authorize, requireActor, SESSION_COOKIE } from "./plugin.ts";
import {
  acceptInvitationBody,
  invitationBody,
  me,
  outboxMessage,
  resetConfirmBody,
  resetRequestBody,
  signInBody,
} from "./schemas.ts";
import { createSession, deleteSession, findSession, sessionHours } from "./sessions.ts";
import { signIn } from "./sign-in.ts";
import { throttleSignIn } from "./sign-in-throttle.ts";
import { findSignInChallenge } from "./two-factor/challenge.ts";
import { registerTwoFactorRoutes } from "./two-factor/routes.ts";
import { completeSignIn } from "./two-factor/second-step.ts";

const ok = z.object({ ok: z.literal(true) });

function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    // HTTPS as the browser sees it: the public address, or X-Forwarded-Proto from a trusted proxy.
    secure:
      (process.env.CHILDMARK_PUBLIC_URL ?? "").startsWith("https:") || reply.request.protocol === "https",
    maxAge: sessionHours() * 3600,
  });
}

async function presentMe(db: Db, userId: string, csrfToken: string, mustEnrolTwoFactor = false) {
  const actor = await loadActor(db, userId);
  if (!actor) throw new UserError("this account is not active", [], 401);
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    locale: actor.locale,
    isAdmin: actor.isAdmin,
    grants: actor.grants.map((g) => ({ ...g, sections: g.sections ? [...g.sections] : null })),
    reviewRights: (actor.reviewRights ?? []).map((r) => ({
      ...r,
      sections: [...r.sections],
      themes: [...r.themes],
      recommendations: [...r.recommendations],
    })),
    csrfToken,
    mustEnrolTwoFactor,
  };
}

/** Whether a new session may only set up a second factor. */
async function isEnrolmentSession(db: Db, token: string): Promise<boolean> {
  return (await findSession(db, token))?.mustEnrolTwoFactor ?? false;
}

export async function registerAuthRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(rateLimit, { global: false });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];
  const limited = (max: number) => ({
    rateLimit: {
      max: Number(process.env.CHILDMARK_SIGN_IN_LIMIT ?? max),
      timeWindow: "15 minutes",
      hook: "preHandler" as const,
      keyGenerator: (request: { ip: string; body?: unknown }) =>
        `${request.ip}|${String((request.body as { email?: string } | undefined)?.email ?? "").toLowerCase()}`,
    },
  });

  api.post(
    "/auth/sign-in",
    {
      schema: {
        tags,
        summary:
          "Sign in with e-mail and password: 200 opens the session; 202 asks for the second factor (POST /auth/sign-in/two-factor)",
        body: signInBody,
        response: { 200: me, 202: signInChallenge, 401: errorBody, 403: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const result = await throttleSignIn(db, { email, ip: request.ip }, reply, () =>
        signIn(db, email, password, { ip: request.ip }),
      );
      if (result.kind === "challenge") {
        const { challengeToken, expiresAt } = result;
        return reply.code(202).send({ twoFactorRequired: true as const, challengeToken, expiresAt });
      }
      setSessionCookie(reply, result.token);
      return presentMe(db, result.userId, result.csrfToken, await isEnrolmentSession(db, result.token));
    },
  );

  api.post(
    "/auth/sign-in/two-factor",
    {
      schema: {
        tags,
        summary: "The second step of sign-in: an authenticator code or a recovery code opens the session",
        body: secondStepBody,
        response: { 200: me, 400: errorBody, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { challengeToken, code } = request.body;
      const challenge = await findSignInChallenge(db, challengeToken);
      const session = await throttleSignIn(db, { email: challenge.email, ip: request.ip }, reply, () =>
        completeSignIn(db, { token: challengeToken, userId: challenge.userId }, code, {
          email: challenge.email,
          ip: request.ip,
        }),
      );
      setSessionCookie(reply, session.token);
      return presentMe(db, session.userId, session.csrfToken);
    },
  );

  api.post(
    "/auth/sign-out",
    { schema: { tags, summary: "Sign out", response: { 200: ok } } },
    async (request, reply) => {
      const token = request.sessionToken;
      if (token) {
        await db.transaction(async (tx) => {
          await deleteSession(tx as unknown as Db, token);
          await recordAudit(tx as unknown as Db, { action: "auth.sign-out", ...auditActorOf(request) });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  api.get(
    "/auth/me",
    {
      schema: {
        tags,
        summary: "The signed-in user, their roles and CSRF token",
        response: { 200: me, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentMe(db, actor.userId, request.csrfToken!, request.mustEnrolTwoFactor);
    },
  );

  api.get(
    "/auth/session",
    {
      schema: {
        tags,
        summary: "The signed-in user, or null when signed out (never 401, so pages can ask quietly)",
        response: { 200: z.object({ user: me.nullable() }) },
      },
    },
    async (request) => ({
      user: request.actor
        ? await presentMe(db, request.actor.userId, request.csrfToken!, request.mustEnrolTwoFactor)
        : null,
    }),
  );

  api.post(
    "/auth/password-reset",
    {
      config: limited(5),
      schema: {
        tags,
        summary: "E-mail a single-use reset link (same answer whether the account exists or not)",
        body: resetRequestBody,
        response: { 202: ok },
      },
    },
    async (request, reply) => {
      const id = await db.transaction((tx) => requestPasswordReset(tx as unknown as Db, request.body.email));
      if (id) await deliverOutbox(db, [id]);
      return reply.code(202).send({ ok: true as const });
    },
  );

  api.post(
    "/auth/password-reset/confirm",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Choose a new password with a reset token",
        body: resetConfirmBody,
        response: { 200: ok, 400: errorBody },
      },
    },
    async (request) => {
      await confirmPasswordReset(db, request.body.token, request.body.password);
      return { ok: true as const };
    },
  );

  api.post(
    "/invitations",
    {
      schema: {
        tags,
        summary: "Invite someone by e-mail to take a role",
        body: invitationBody,
        response: { 201: ok, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, "user:invite");
      const grant = {
        ...request.body.grant,
        scopeCode: request.body.grant.scopeType === "platform" ? null : request.body.grant.scopeCode,
      };
      if (grant.scopeType !== "platform" && !grant.scopeCode)
        throw new UserError("grant.scopeCode: name the country or region");
      const target = await grantTarget(db, grant);
      if (!canGrant(actor, grant, target)) {
        throw new UserError(`you may not give the role ${grant.role} over this scope`, [], 403);
      }
      const id = await db.transaction(async (tx) => {
        const messageId = await inviteUser(tx as unknown as Db, {
          email: request.body.email,
          grant,
          invitedBy: actor.userId,
          inviterName: actor.name,
        });
        await recordAudit(tx as unknown as Db, {
          action: "user.invited",
          ...auditActorOf(request),
          targetType: "invitation",
          targetId: request.body.email,
          country: target.country ?? null,
          region: target.region ?? null,
          details: { email: request.body.email, grant },
        });
        return messageId;
      });
      await deliverOutbox(db, [id]);
      return reply.code(201).send({ ok: true as const });
    },
  );

  api.post(
    "/invitations/accept",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Accept an invitation and sign in",
        body: acceptInvitationBody,
        response: { 200: me, 400: errorBody },
      },
    },
    async (request, reply) => {
      const userId = await acceptInvitation(db, request.body.token, request.body.name, request.body.password);
      const session = await createSession(db, userId);
      setSessionCookie(reply, session.token);
      return presentMe(db, userId, session.csrfToken, await isEnrolmentSession(db, session.token));
    },
  );

  await registerTwoFactorRoutes(app, db);

  api.get(
    "/admin/outbox",
    {
      schema: {
        tags,
        summary: "E-mail messages, newest first (what was sent, or would be without SMTP)",
        response: { 200: z.array(outboxMessage), 401: errorBody, 403: errorBody },
      },
    },
    async (request) => {
      authorize(request, "outbox:read");
      const rows = await db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(200);
      return rows.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      }));
    },
  );
}
