import { z } from "zod";
import { answerValue } from "./assessments.ts";

/* Request and response shapes of the review routes: comments, workflow steps, timeline, changes. */

export const commentBody = z.object({ body: z.string().trim().min(1).max(5000) });

export const commentOut = z.object({
  id: z.uuid(),
  indicator: z.string(),
  kind: z.enum(["comment", "rework"]),
  body: z.string().describe("Plain text; render as text"),
  author: z.string().describe("Author's name"),
  createdAt: z.string(),
});
export type CommentOut = z.infer<typeof commentOut>;

export const reworkBody = z.object({
  comment: z.string().trim().min(1, "say what needs to be fixed").max(5000),
});
export const reviewStateOut = z.object({ indicator: z.string(), reviewState: z.string().nullable() });

export const returnBody = z.object({ reason: z.string().max(5000).optional() }).nullish();
export const reopenBody = z.object({ reason: z.string().trim().min(1, "say why it is reopened").max(5000) });

export const stepOut = z.object({
  status: z.string(),
  event: z.object({
    id: z.number().int(),
    from: z.string(),
    to: z.string(),
    reason: z.string().nullable(),
    at: z.string(),
  }),
  warnings: z.array(z.string()).describe("E.g. answers whose indicator requires evidence but have none"),
});

export const eventOut = z.object({
  id: z.number().int(),
  from: z.string(),
  to: z.string(),
  actor: z.string().nullable().describe("Name"),
  reason: z.string().nullable(),
  answerCount: z.number().int().nullable().describe("On submissions: how many answer versions were recorded"),
  at: z.string(),
});
export type EventOut = z.infer<typeof eventOut>;

export const changesOut = z.object({
  since: z.string().nullable().describe("When the submission compared against was made; null if none"),
  changes: z.array(
    z.object({
      indicator: z.string(),
      versionThen: z.number().int().describe("0 when the answer did not exist then"),
      versionNow: z.number().int(),
      valueThen: answerValue,
      justificationThen: z.string().nullable(),
      valueNow: answerValue,
      justificationNow: z.string().nullable(),
    }),
  ),
});
export type ChangesOut = z.infer<typeof changesOut>;
