import { z } from "zod";

/* Request and response shapes of the notification routes. */

export const notificationParams = z.object({ id: z.uuid() });

export const notificationOut = z.object({
  id: z.uuid(),
  kind: z.string().describe("assignment, submitted, returned, validated, deadline…"),
  payload: z.record(z.string(), z.unknown()).describe("assessmentId, country and what the kind needs"),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationList = z.object({
  unread: z.number().int(),
  items: z.array(notificationOut),
});
export type NotificationList = z.infer<typeof notificationList>;

export const markedOut = z.object({ marked: z.number().int() });
