import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Action, can, type Target } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { loadSessionActor, type SignedInUser } from "./actor.ts";
import { hashToken } from "./tokens.ts";

export const SESSION_COOKIE = "childmark_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, set by the auth hook; undefined when signed out. */
    actor?: SignedInUser;
    sessionToken?: string;
    csrfToken?: string;
    /** The session may only set up a second factor (the user's role requires one). */
    mustEnrolTwoFactor?: boolean;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What a session that must set up a second factor may still call. */
const ENROLMENT_ROUTES = new Set([
  "GET /api/auth/me",
  "GET /api/auth/session",
  "POST /api/auth/sign-out",
  "GET /api/account/two-factor",
  "POST /api/account/two-factor/enrolment",
  "POST /api/account/two-factor/enrolment/confirm",
]);

/**
 * Reads the session cookie on every request and loads the signed-in user
 * with their grants (one query).
 * Unsafe requests from a session must carry its CSRF token in a header, which
 * a page of another site cannot set (the cookie is also SameSite=Lax).
 */
export async function registerAuth(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(cookie);
  app.decorateRequest("actor", undefined);
  app.decorateRequest("sessionToken", undefined);
  app.decorateRequest("csrfToken", undefined);
  app.decorateRequest("mustEnrolTwoFactor", undefined);
  app.addHook("onRequest", async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith("/api/")) return;
    const session = await loadSessionActor(db, hashToken(token));
    if (!session) return;
    const { actor } = session;
    if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new UserError(`missing or wrong ${CSRF_HEADER} header: reload the page and try again`, [], 403);
    }
    if (
      session.mustEnrolTwoFactor &&
      !ENROLMENT_ROUTES.has(`${request.method} ${request.routeOptions.url}`)
    ) {
      throw new UserError(
        "your role requires two-factor sign-in: set it up on your account's security page first",
        ["twoFactor: enrolment required"],
        403,
      );
    }
    request.actor = actor;
    request.sessionToken = token;
    request.csrfToken = session.csrfToken;
    request.mustEnrolTwoFactor = session.mustEnrolTwoFactor;
  });
}

/** The signed-in user, or 401. */
export function requireActor(request: FastifyRequest): SignedInUser {
  if (!request.actor) throw new UserError("sign in first", [], 401);
  return request.actor;
}

/** The signed-in user if allowed to do `action` on `target`; otherwise 401 or 403. */
export function authorize(request: FastifyRequest, action: Action, target?: Target): SignedInUser {
  const actor = requireActor(request);
  if (!can(actor, action, target)) throw new UserError("you are not allowed to do this", [], 403);
  return actor;
}
