import { z } from "zod";
import { localTextOut } from "./index.ts";

/* Releases: publishing (signed in) and the list of releases. The public API's shapes are in public-api.ts. */

export const releaseSummary = z.object({
  slug: z.string().describe("Permalink key: `{frameworkCode}-{period}-v{version}`"),
  frameworkCode: z.string(),
  title: localTextOut,
  period: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string().describe("The changelog entry of this release"),
  supersedes: z.string().nullable().describe("Slug of the release this one corrects"),
  supersededBy: z.string().nullable().describe("Slug of the correction of this release"),
  isDemo: z.boolean(),
});
export type ReleaseSummaryOut = z.infer<typeof releaseSummary>;

export const publishBody = z.object({
  assessmentIds: z
    .array(z.uuid())
    .min(1)
    .max(500)
    .optional()
    .describe("The validated assessments to publish; default: every validated assessment of the cycle"),
  notes: z
    .string()
    .max(5000)
    .optional()
    .describe("Changelog entry; required for a correction (a later release of the same cycle)"),
});

export const publishedRelease = z.object({
  id: z.uuid(),
  slug: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  comparison: z.string().nullable().describe("The release of an earlier period change is measured against"),
  countries: z.array(z.string()),
});

export const releaseCandidates = z.object({
  cycleId: z.uuid(),
  frameworkCode: z.string(),
  period: z.string(),
  previous: z
    .object({ slug: z.string(), version: z.number().int(), publishedAt: z.string() })
    .nullable()
    .describe("The latest release of this period, which a new one would correct"),
  nextSlug: z.string(),
  assessments: z.array(
    z.object({
      id: z.uuid(),
      country: z.string(),
      status: z.string(),
      publishable: z.boolean().describe("Validated: may be published"),
      inPrevious: z.boolean().describe("Published in the previous release of this period"),
      changedAnswers: z
        .number()
        .int()
        .nullable()
        .describe(
          "Public answers (value, justification, evidence) that differ from the previous release; null when not in it",
        ),
    }),
  ),
});
export type ReleaseCandidatesOut = z.infer<typeof releaseCandidates>;
