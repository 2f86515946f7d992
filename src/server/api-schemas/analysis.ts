import { z } from "zod";
import { AGGREGATIONS, MISSING_POLICIES, NORMALISATIONS } from "../../core/analysis/model.ts";
import { localTextOut } from "./index.ts";

/*
 * Uncertainty and sensitivity analyses of a release: set-up, the background run and its result.
 * The choices' lists are the engine's own (src/core/analysis/model.ts).
 */

export const analysisSettings = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2147483647)
    .describe("Seed of the random generator: the same seed, the same draws"),
  draws: z.number().int().min(100).max(100000).describe("Model evaluations in all, Sobol design included"),
  weights: z.object({
    mode: z.enum(["none", "uniform", "dirichlet"]),
    range: z
      .record(z.string(), z.number().min(0).max(0.9))
      .optional()
      .describe("Range r per node code: each child weight times U(1 − r, 1 + r)"),
    defaultRange: z.number().min(0).max(0.9),
    concentration: z
      .number()
      .gt(0)
      .max(10000)
      .describe("Dirichlet concentration: larger stays nearer the weights"),
  }),
  normalisations: z.array(z.enum(NORMALISATIONS)).min(1).max(NORMALISATIONS.length),
  aggregations: z.array(z.enum(AGGREGATIONS)).min(1).max(AGGREGATIONS.length),
  missing: z.array(z.enum(MISSING_POLICIES)).min(1).max(MISSING_POLICIES.length),
});
export type AnalysisSettingsOut = z.infer<typeof analysisSettings>;

export const analysisRunBody = z.object({
  release: z.string().min(1).max(200).describe("Slug of a release of this cycle"),
  settings: analysisSettings,
});

export const analysisJob = z.object({
  id: z.string(),
  release: z.string(),
  status: z.enum(["running", "done", "failed", "cancelled"]),
  done: z.number().int().describe("Model evaluations made so far"),
  total: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  analysisId: z.uuid().nullable().describe("The stored analysis, once done"),
});
export type AnalysisJobOut = z.infer<typeof analysisJob>;

export const analysisSummary = z.object({
  id: z.uuid(),
  release: z.string(),
  version: z.number().int(),
  evaluations: z.number().int(),
  elapsedMs: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  settings: analysisSettings,
});
export type AnalysisSummaryOut = z.infer<typeof analysisSummary>;

export const analysisOverview = z.object({
  cycleId: z.uuid(),
  period: z.string(),
  releases: z.array(z.object({ slug: z.string(), version: z.number().int(), countries: z.number().int() })),
  nodes: z.array(z.object({ code: z.string(), label: localTextOut, depth: z.number().int() })),
  analyses: z.array(analysisSummary),
  job: analysisJob.nullable(),
});
export type AnalysisOverviewOut = z.infer<typeof analysisOverview>;

export const analysisDetail = analysisSummary.extend({
  countries: z.array(z.object({ code: z.string(), name: localTextOut })),
  bands: z.array(z.object({ code: z.string(), label: localTextOut, color: z.string().optional() })),
  result: z.object({
    evaluations: z.number().int(),
    entities: z.array(
      z.object({
        entity: z.string(),
        nominalRank: z.number().int(),
        medianRank: z.number().int(),
        p5: z.number().int(),
        p95: z.number().int(),
        low: z.number().int(),
        high: z.number().int(),
        bandShares: z.array(z.number()),
        largestShift: z.number().int(),
        largestShiftItem: z.string().nullable(),
      }),
    ),
    factors: z.array(z.object({ key: z.string(), first: z.number(), total: z.number() })),
    leaveOneOut: z.array(
      z.object({
        item: z.string(),
        kind: z.enum(["indicator", "node"]),
        meanShift: z.number(),
        maxShift: z.number().int(),
      }),
    ),
  }),
});
export type AnalysisDetailOut = z.infer<typeof analysisDetail>;
