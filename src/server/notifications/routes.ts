import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { listNotifications } from "./list-notifications.ts";
import { markAllNotificationsRead, markNotificationRead } from "./mark-read.ts";
import { markedOut, notificationList, notificationParams } from "./schemas.ts";

/** Routes of the notifications module (registered under /api by app/build-app.ts): each person sees only their own. */
export async function registerNotificationRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];

  api.get(
    "/notifications",
    {
      schema: {
        tags,
        summary: "My notifications, newest first, with the unread count",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: notificationList, 401: errorBody },
      },
    },
    async (request) => listNotifications(db, requireActor(request).userId, request.query.limit),
  );

  api.post(
    "/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one of my notifications read",
        params: notificationParams,
        response: { 200: markedOut, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await markNotificationRead(db, actor.userId, request.params.id);
      return { marked: 1 };
    },
  );

  api.post(
    "/notifications/read-all",
    {
      schema: {
        tags,
        summary: "Mark all my notifications read",
        response: { 200: markedOut, 401: errorBody },
      },
    },
    async (request) => ({ marked: await markAllNotificationsRead(db, requireActor(request).userId) }),
  );
}
