import { z } from "zod";

/**
 * The framework model: the data that fully determines every score.
 * One zod schema is the source of the TypeScript types, of the JSON Schema in
 * `docs/framework.schema.json` and of the shape checks of every reader.
 */

/** Text in several languages, keyed by BCP 47 language code (`en`, `fr`, `ar`). */
export const localText = z.record(z.string().min(2).max(35), z.string());
export type LocalText = z.infer<typeof localText>;

const code = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "use letters, digits, '.', '_', ':' or '-' (no spaces)");

export const aggregationMethod = z.enum(["arithmetic", "geometric"]);
export const missingPolicy = z.enum(["reweight", "zero"]);

export const frameworkNode = z.object({
  code,
  /** Code of the parent node; null for the root. */
  parent: code.nullable(),
  label: localText,
  description: localText.optional(),
  weight: z.number().default(1),
  aggregation: aggregationMethod.default("arithmetic"),
  /** `reweight`: average over the children that have a score; `zero`: a missing child counts as 0. */
  missing: missingPolicy.default("reweight"),
  /** Share of the children's weight (0–1) that must have data for the node to get a score. */
  minCoverage: z.number().min(0).max(1).default(0),
});
export type FrameworkNode = z.infer<typeof frameworkNode>;

export const checklistScoring = z.object({
  yes: z.number().min(0).max(1).default(1),
  partially: z.number().min(0).max(1).default(0.5),
  no: z.number().min(0).max(1).default(0),
});

export const goalpost = z.union([z.number(), z.literal("data")]);

export const numericScoring = z.object({
  /** Lower goalpost: a number, or "data" for the minimum across entities in the period. */
  min: goalpost.default("data"),
  /** Upper goalpost: a number, or "data" for the maximum across entities in the period. */
  max: goalpost.default("data"),
  direction: z.enum(["higher", "lower"]).default("higher"),
  /** Take the natural logarithm of values and goalposts before normalising. */
  log: z.boolean().default(false),
  /** Clamp values to the goalposts (otherwise scores may leave 0–1). */
  cap: z.boolean().default(true),
});

/** Percentages default to the goalposts 0 and 100, field by field. */
export const percentageScoring = numericScoring.extend({
  min: goalpost.default(0),
  max: goalpost.default(100),
});

export const scaleChoice = z.object({ code, label: localText, score: z.number().min(0).max(1) });

const indicatorBase = {
  code,
  /** Code of the node this indicator belongs to. */
  node: code,
  text: localText,
  guidance: localText.optional(),
  weight: z.number().default(1),
  /** Classification code → value codes, e.g. `{ "dimension": ["services"], "uncrc": ["19"] }`. */
  classifications: z.record(z.string(), z.array(z.string())).default({}),
  evidence: z
    .object({ required: z.boolean().default(false), description: localText.optional() })
    .default({ required: false }),
};

export const checklistIndicator = z.object({
  ...indicatorBase,
  type: z.literal("checklist"),
  scoring: checklistScoring.default({ yes: 1, partially: 0.5, no: 0 }),
});
export const numberIndicator = z.object({
  ...indicatorBase,
  type: z.literal("number"),
  unit: z.string().optional(),
  scoring: numericScoring,
});
export const percentageIndicator = z.object({
  ...indicatorBase,
  type: z.literal("percentage"),
  unit: z.string().optional(),
  // Field defaults too: `{ "direction": "lower" }` alone used to get "data" goalposts.
  scoring: percentageScoring.default({ min: 0, max: 100, direction: "higher", log: false, cap: true }),
});
export const scaleIndicator = z.object({
  ...indicatorBase,
  type: z.literal("scale"),
  scoring: z.object({ choices: z.array(scaleChoice).min(2) }),
});

export const indicator = z.discriminatedUnion("type", [
  checklistIndicator,
  numberIndicator,
  percentageIndicator,
  scaleIndicator,
]);
export type Indicator = z.infer<typeof indicator>;
export type AnswerType = Indicator["type"];

export const band = z.object({
  code,
  label: localText,
  /** Inclusive lower bound, in displayed score units. */
  min: z.number(),
  /** Exclusive upper bound, except for the highest band, which includes it. */
  max: z.number(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
});
export type Band = z.infer<typeof band>;

export const classification = z.object({
  code,
  label: localText,
  values: z.array(z.object({ code, label: localText })),
});
export type Classification = z.infer<typeof classification>;

export const FRAMEWORK_FORMAT = "childmark-framework/1";

/**
 * Which values of a classification measure laws and policy, and which their
 * implementation; the portal shows the gap between the two scores.
 */
export const gapAnalysis = z.object({
  classification: code,
  policy: z.array(code).min(1),
  implementation: z.array(code).min(1),
});
export type GapAnalysis = z.infer<typeof gapAnalysis>;

export const framework = z.object({
  format: z.literal(FRAMEWORK_FORMAT).default(FRAMEWORK_FORMAT),
  code,
  version: z.string().min(1).max(50),
  title: localText,
  description: localText.optional(),
  defaultLanguage: z.string().min(2).max(35),
  languages: z.array(z.string().min(2).max(35)).min(1),
  /** Displayed scores run from 0 to this value (1 for the HDI, 100 for the CPI). */
  scoreScale: z.number().positive().default(100),
  /** Decimals of published scores; ranks and bands use the rounded score. */
  precision: z.number().int().min(0).max(10).default(1),
  bands: z.array(band).default([]),
  classifications: z.array(classification).default([]),
  nodes: z.array(frameworkNode).min(1),
  indicators: z.array(indicator),
  /** Optional: the law-and-policy versus implementation gap shown on country profiles. */
  gap: gapAnalysis.optional(),
});
export type Framework = z.infer<typeof framework>;
/** The framework as written in a file, before defaults are applied. */
export type FrameworkInput = z.input<typeof framework>;
