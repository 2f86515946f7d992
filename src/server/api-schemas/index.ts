import { z } from "zod";

/*
 * The shapes of the read-only JSON API: the single source for route
 * validation, the OpenAPI document and the web app's types. This folder is
 * the only part of `server` that `web` may import, so it imports nothing but zod.
 */

export const localTextOut = z.record(z.string(), z.string()).describe("Text by language code");

export const health = z.object({
  status: z.literal("ok"),
  version: z.string(),
  database: z.enum(["pglite", "postgres"]),
});

export const frameworkSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.string(),
  title: localTextOut,
  defaultLanguage: z.string(),
  nodeCount: z.number().int(),
  indicatorCount: z.number().int(),
  createdAt: z.string(),
});
export type FrameworkSummaryOut = z.infer<typeof frameworkSummary>;

export const cycleSummary = z.object({
  id: z.uuid(),
  frameworkVersionId: z.uuid(),
  period: z.string(),
  name: localTextOut,
  status: z.string(),
  isDemo: z.boolean(),
  assessmentCount: z.number().int(),
});
export type CycleSummaryOut = z.infer<typeof cycleSummary>;

export const country = z.object({
  code: z.string().length(2),
  iso3: z.string().length(3),
  name: localTextOut,
  regionCode: z.string().nullable(),
});
export type CountryOut = z.infer<typeof country>;

export const scoreRow = z.object({
  country: z.string(),
  period: z.string(),
  node: z.string().describe("Node code, or classification:value"),
  kind: z.string(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  rank: z.number().int().nullable(),
  coverage: z.number().nullable(),
  change: z.number().nullable().describe("Change since the country's previous cycle"),
  imputed: z
    .number()
    .int()
    .describe(
      "How many indicator values this score counts that were not answered but filled in by the framework's missing-data rule (0: none)",
    ),
  published: z
    .boolean()
    .describe(
      "True for a published release's figure; false for working figures of an assessment the caller may read",
    ),
});
export type ScoreRowOut = z.infer<typeof scoreRow>;

export const scoresQuery = z.object({
  period: z.string().max(50).optional(),
  node: z.string().max(200).optional(),
  country: z.string().max(3).optional(),
});

export const errorBody = z.object({
  error: z.string(),
  details: z.array(z.string()).optional(),
  /** A stable word for the refusal (`ended`, `unknown-code`…), for clients that show their own words. */
  reason: z.string().optional(),
});

export const frameworkParams = z.object({ id: z.uuid() });
