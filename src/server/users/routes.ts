import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import {
  deactivateBody,
  rolesBody,
  userDetailOut,
  userParams,
  userSummaryOut,
  usersQuery,
} from "../api-schemas/users.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { changeRoles } from "./change-roles.ts";
import { deactivateUser, reactivateUser, revokeSessions } from "./deactivate-user.ts";
import { listUsers } from "./list-users.ts";
import { type LoadedUser, loadManageableUser, loadVisibleUser, userDetail } from "./manage-user.ts";

/**
 * Account administration: administrators over everyone, a secretariat over the people of its
 * scope (see core/access/manage-users.ts). Every change is one transaction with its audit event.
 */
export function registerUserRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  /** Runs a change to one manageable account in a transaction and answers its new detail. */
  async function change(
    request: FastifyRequest,
    id: string,
    apply: (tx: Db, user: LoadedUser) => Promise<unknown>,
  ) {
    const actor = authorize(request, "user:manage");
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await apply(tx, await loadManageableUser(tx, actor, id));
    });
    return userDetail(db, actor, await loadVisibleUser(db, actor, id));
  }

  api.get(
    "/admin/users",
    {
      schema: {
        tags,
        summary: "Accounts within one's scope, by name, filtered by text, role, country and status",
        querystring: usersQuery,
        response: { 200: z.array(userSummaryOut), ...errors },
      },
    },
    async (request) => listUsers(db, authorize(request, "user:manage"), request.query),
  );

  api.get(
    "/admin/users/:id",
    {
      schema: {
        tags,
        summary: "One account: roles, last sign-in, deactivation, open sessions",
        params: userParams,
        response: { 200: userDetailOut, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, "user:manage");
      return userDetail(db, actor, await loadVisibleUser(db, actor, request.params.id));
    },
  );

  api.put(
    "/admin/users/:id/roles",
    {
      schema: {
        tags,
        summary: "Replace an account's roles (only roles one may grant; never the last administrator's)",
        params: userParams,
        body: rolesBody,
        response: { 200: userDetailOut, ...errors },
      },
    },
    (request) =>
      change(request, request.params.id, (tx, user) =>
        changeRoles(tx, request.actor!, auditActorOf(request), user, request.body),
      ),
  );

  api.post(
    "/admin/users/:id/deactivate",
    {
      schema: {
        tags,
        summary: "Deactivate an account: sign-in refused, every session ended",
        params: userParams,
        body: deactivateBody,
        response: { 200: userDetailOut, ...errors },
      },
    },
    (request) =>
      change(request, request.params.id, (tx, user) =>
        deactivateUser(tx, auditActorOf(request), user, request.body.reason),
      ),
  );

  api.post(
    "/admin/users/:id/reactivate",
    {
      schema: {
        tags,
        summary: "Let a deactivated account sign in again",
        params: userParams,
        response: { 200: userDetailOut, ...errors },
      },
    },
    (request) =>
      change(request, request.params.id, (tx, user) => reactivateUser(tx, auditActorOf(request), user)),
  );

  api.post(
    "/admin/users/:id/revoke-sessions",
    {
      schema: {
        tags,
        summary: "End every session of an account (it must sign in again)",
        params: userParams,
        response: { 200: userDetailOut, ...errors },
      },
    },
    (request) =>
      change(request, request.params.id, (tx, user) => revokeSessions(tx, auditActorOf(request), user)),
  );
}
