import { z } from "zod";

/* Request and response shapes of the evidence routes. */

export const evidenceParams = z.object({ id: z.uuid() });

const sourceDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
  .describe("When the source was published or adopted");

/** The optional description fields, also accepted beside an uploaded file. */
export const evidenceFields = z.object({
  citation: z.string().trim().min(1).max(5000).optional(),
  url: z
    .url({ protocol: /^https?$/, error: "an http:// or https:// address" })
    .max(2000)
    .optional(),
  legalReference: z.string().trim().min(1).max(2000).optional(),
  sourceDate: sourceDate.optional(),
});

/** A source without a file: what `kind` needs must be present. */
export const evidenceBody = evidenceFields
  .extend({ kind: z.enum(["citation", "url", "legal"]) })
  .superRefine((body, ctx) => {
    const needs = { citation: "citation", url: "url", legal: "legalReference" } as const;
    const field = needs[body.kind];
    if (!body[field])
      ctx.addIssue({ code: "custom", path: [field], message: `a ${body.kind} source needs ${field}` });
  });
export type EvidenceBody = z.infer<typeof evidenceBody>;

export const evidenceOut = z.object({
  id: z.uuid(),
  indicator: z.string(),
  kind: z.enum(["citation", "url", "legal", "file"]),
  citation: z.string().nullable(),
  url: z.string().nullable(),
  legalReference: z.string().nullable(),
  sourceDate: z.string().nullable(),
  file: z
    .object({
      name: z.string().describe("Sanitised display name; render as text"),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      downloadUrl: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable().describe("Name"),
});
export type EvidenceOut = z.infer<typeof evidenceOut>;

export const addedEvidence = evidenceOut.extend({
  answerVersion: z.number().int().describe("The answer's version (1 when the evidence created the answer)"),
});
