import type { FastifyInstance } from "fastify";
import { can } from "../../core/index.ts";
import { UserError } from "../errors.ts";
import { ROUTE_ACCESS } from "./route-access.ts";

/**
 * Refuses, before the body is read or validated, a caller whom the route's rule in
 * `ROUTE_ACCESS` can never allow: signed out on a route that is not public (401), or signed in
 * without the route's action anywhere (403, or 404 when the route hides its objects). So a
 * validation error, which names the fields of the body, only reaches those who may call the
 * route. A route without a rule is refused to signed-out callers. Handlers still check the
 * object itself (`authorize`), as only they load it. Register after `registerAuth`.
 */
export function registerAuthoriseFirst(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    const url = request.routeOptions.url;
    // The OpenAPI document and its viewer are public, like the routes they describe.
    if (!url?.startsWith("/api/") || url.startsWith("/api/docs")) return;
    const method = request.method === "HEAD" ? "GET" : request.method;
    const access = ROUTE_ACCESS[`${method} ${url}`];
    if (access?.kind === "public") return;
    if (!request.actor) throw new UserError("sign in first", [], 401);
    if (access?.kind === "action" && !can(request.actor, access.action)) {
      throw access.hidden
        ? new UserError("not found", [], 404)
        : new UserError("you are not allowed to do this", [], 403);
    }
  });
}
