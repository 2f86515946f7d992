import { z } from "zod";
import { framework } from "../../core/index.ts";
import { localTextOut } from "./index.ts";

/*
 * Request and response shapes of the assessment routes: the single source for
 * validation, the OpenAPI document and the web app's types.
 */

export const assessmentParams = z.object({ id: z.uuid() });
export const answerParams = z.object({ id: z.uuid(), indicatorCode: z.string().min(1).max(200) });
export const assignmentParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });

export const answerValue = z.union([z.string().max(2000), z.number(), z.null()]);

export const saveAnswerBody = z.object({
  value: answerValue,
  justification: z.string().max(20000).nullable().optional(),
  expectedVersion: z.number().int().min(0).describe("The answer's version the edit started from; 0 when new"),
  reason: z.string().max(2000).optional(),
});

export const restoreAnswerBody = z.object({
  historyVersion: z.number().int().min(1),
  expectedVersion: z.number().int().min(0),
});

export const assignBody = z.object({
  userId: z.uuid(),
  itemCodes: z.array(z.string().min(1).max(200)).max(2000).describe("Node or indicator codes"),
});

export const answerOut = z.object({
  indicator: z.string(),
  value: answerValue,
  justification: z.string().nullable(),
  version: z.number().int(),
  reviewState: z.string().nullable(),
  changedSinceReturn: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable().describe("Name of who last changed it"),
  evidenceCount: z.number().int(),
  commentCount: z.number().int(),
  assignedToMe: z.boolean(),
});
export type AnswerOut = z.infer<typeof answerOut>;

export const currentAnswer = z.object({
  value: answerValue,
  justification: z.string().nullable(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type CurrentAnswer = z.infer<typeof currentAnswer>;

export const conflictBody = z.object({ error: z.string(), current: currentAnswer });

export const savedAnswer = currentAnswer.extend({ indicator: z.string(), changed: z.boolean() });

export const assignmentOut = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  itemCode: z.string(),
});

export const permissionsOut = z.object({
  canWrite: z.boolean(),
  canAssign: z.boolean(),
  canSubmit: z.boolean(),
  canReview: z.boolean(),
  canReopen: z.boolean(),
  writableSections: z.array(z.string()).nullable().describe("Null: every section"),
  reviewSections: z
    .array(z.string())
    .describe(
      "Without canReview: the sections I may review through a working group's review rights (the granted nodes and every node below them)",
    )
    .default([]),
});
export type PermissionsOut = z.infer<typeof permissionsOut>;

export const assessmentOut = z.object({
  assessment: z.object({
    id: z.uuid(),
    status: z.string(),
    country: z.object({ code: z.string(), name: localTextOut }),
    area: z
      .object({ code: z.string(), name: localTextOut })
      .nullable()
      .describe("The area below the country this assessment is for; null for the country's own"),
    cycle: z.object({ id: z.uuid(), name: localTextOut }),
    frameworkVersionId: z.uuid(),
    period: z.string(),
    deadline: z.string().nullable(),
  }),
  framework,
  answers: z.array(answerOut),
  assignments: z.array(assignmentOut),
  assignedToMe: z.array(z.string()).describe("Indicator codes assigned to the actor, answered or not"),
  myPermissions: permissionsOut,
});

export const historyEntry = z.object({
  id: z
    .number()
    .int()
    .describe(
      "The change's own number (several changes may share a version: evidence leaves the value as it was)",
    ),
  version: z.number().int().describe("The answer's version after this change"),
  changedAt: z.string(),
  changedBy: z
    .string()
    .nullable()
    .describe("Name; null for a change made by an import or by Childmark itself"),
  before: z.object({ value: answerValue, justification: z.string().nullable() }).nullable(),
  after: z.object({ value: answerValue, justification: z.string().nullable() }).nullable(),
  source: z.string(),
  reason: z.string().nullable(),
  evidence: z
    .object({
      action: z.enum(["added", "removed"]),
      id: z.string().nullable(),
      kind: z.string().nullable(),
      citation: z.string().nullable(),
      url: z.string().nullable(),
      legalReference: z.string().nullable(),
      fileName: z.string().nullable(),
    })
    .nullable()
    .describe("For source `evidence`: the evidence source added or removed"),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

const progress = z.object({
  answered: z.number().int(),
  total: z.number().int(),
  withEvidence: z.number().int(),
  share: z.number().describe("answered / total, 0..1"),
  evidenceShare: z.number().describe("answers with evidence / answered, 0..1"),
});
export type Progress = z.infer<typeof progress>;

export const completionOut = z.object({
  overall: progress,
  bySection: z.array(progress.extend({ code: z.string(), label: localTextOut })),
  byPerson: z.array(progress.extend({ userId: z.uuid(), name: z.string() })),
  byDimension: z.array(progress.extend({ code: z.string(), label: localTextOut })),
});
export type CompletionOut = z.infer<typeof completionOut>;

export const scorePreviewBody = z.object({
  answers: z
    .record(z.string().min(1).max(200), answerValue)
    .describe(
      "The values on screen by indicator code (null or empty: unanswered); indicators left out keep their saved answer",
    ),
});

const previewItem = z.object({
  code: z.string(),
  score: z.number().nullable().describe("Unrounded, in the framework's score scale; null: no score"),
  coverage: z.number().nullable().describe("Share (0–1) of the weight below the item that had data"),
  imputedCount: z.number().int().describe("Imputed indicator values this score counts"),
});

export const scorePreviewOut = z.object({
  overall: previewItem,
  band: z.number().int().describe("Index into the framework's bands, -1 when none"),
  sections: z.array(previewItem),
  imputed: z.array(z.string()).describe("Unanswered indicators a node's missing-data policy filled in"),
});
export type ScorePreviewOut = z.infer<typeof scorePreviewOut>;
