import { z } from "zod";
import { answerValue } from "./assessments.ts";
import { localTextOut } from "./index.ts";

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

export const reviewDecisionBody = z
  .object({
    decision: z.enum(["approve", "return"]),
    comment: z.string().trim().max(5000).optional(),
  })
  .refine((b) => b.decision === "approve" || (b.comment ?? "").length > 0, {
    path: ["comment"],
    message: "say what needs to be fixed",
  });

export const reviewDecisionOut = z.object({
  decision: z.enum(["approve", "return"]),
  indicators: z.array(z.string()).describe("The indicators the decision was applied to"),
});

export const sectionParams = z.object({ id: z.uuid(), nodeCode: z.string().min(1).max(100) });

export const reviewQueueItem = z.object({
  id: z.uuid(),
  country: z.string(),
  countryName: localTextOut,
  area: z
    .object({ code: z.string(), name: localTextOut })
    .nullable()
    .describe("The area below the country, for an area's assessment"),
  period: z.string(),
  status: z.string(),
  submittedAt: z.string().nullable(),
  indicators: z.number().int(),
  approved: z.number().int().describe("Answers a reviewer approved"),
  returned: z.number().int().describe("Answers marked for rework"),
  waiting: z.number().int().describe("Answered, neither approved nor returned"),
  changedSinceSubmission: z
    .number()
    .int()
    .nullable()
    .describe("Answers changed since the previous submission; null on a first submission"),
  reviewSections: z
    .array(z.string())
    .nullable()
    .describe("The sections (node codes) I may review through a working group; null: the whole assessment"),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;
