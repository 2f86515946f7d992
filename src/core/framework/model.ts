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

/**
 * How a node combines its children's scores: weighted arithmetic, geometric or harmonic mean;
 * the weighted median; or the minimum (the weakest child decides: no compensation at all).
 */
export const aggregationMethod = z.enum(["arithmetic", "geometric", "harmonic", "median", "minimum"]);
export const AGGREGATION_METHODS = aggregationMethod.options;
export type AggregationMethod = z.infer<typeof aggregationMethod>;
export const missingPolicy = z.enum(["reweight", "zero"]);

/**
 * How the indicators below a node are put on the 0–1 scale: `goalposts` (each indicator's own
 * scoring rule), `minmax` (the period's lowest to highest value), `zscore` (0.5 + z/6, kept
 * within 0–1), `rank` (percentile rank, ties sharing their mean rank), `distance` (the value
 * divided by the node's `reference`, a target or a country's value in the same period; the
 * reference divided by the value when lower is better; kept within 0–1) or `banded` (the score
 * of the band the value falls in, by the node's `thresholds`).
 */
export const normalisationMethod = z.enum(["goalposts", "minmax", "zscore", "rank", "distance", "banded"]);
export type NormalisationMethod = z.infer<typeof normalisationMethod>;
/**
 * The reference of a `distance` normalisation: a target (a number above zero, in the indicator's
 * own units) or the code of a country (entity) whose value in the same period is the reference.
 */
export const distanceReference = z.union([z.number(), code]);
export type DistanceReference = z.infer<typeof distanceReference>;
/**
 * One threshold of a `banded` normalisation: a value at or above `from` (and below the next
 * threshold) scores `score`; the lowest band also takes every value below it. In the indicator's
 * own units (before any log transform); checklists and scales are banded on their 0–1 score.
 */
export const bandThreshold = z.object({ from: z.number(), score: z.number().min(0).max(1) });
export type BandThreshold = z.infer<typeof bandThreshold>;
/**
 * What replaces a missing answer: nothing (`none`: the coverage rule decides), the period's mean
 * or median value, the country's own value in its latest earlier period (`previous`), or the
 * mean of the country's group in the period (`group`, the framework's `groups`). Imputed values
 * are marked wherever they are shown and do not count as data in coverage.
 */
export const imputationPolicy = z.enum(["none", "mean", "median", "previous", "group"]);
export type ImputationPolicy = z.infer<typeof imputationPolicy>;

/** A goalpost: a number, or "data" for the period's minimum or maximum. */
const goalpostValue = z.union([z.number(), z.literal("data")]);

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
  /** Normalisation of every indicator below (the nearest node that sets it wins; unset: `goalposts`). */
  normalisation: normalisationMethod.optional(),
  /** Goalposts of every number or percentage indicator below, replacing its own (the nearest node wins). */
  goalposts: z.object({ min: goalpostValue, max: goalpostValue }).optional(),
  /** Missing-data policy of every indicator below (the nearest node wins; unset: `none`). */
  imputation: imputationPolicy.optional(),
  /** The reference of a `distance` normalisation set on this node: a target, or a country code. */
  reference: distanceReference.optional(),
  /** The bands of a `banded` normalisation set on this node, in increasing `from` order. */
  thresholds: z.array(bandThreshold).min(1).optional(),
});
export type FrameworkNode = z.infer<typeof frameworkNode>;

export const checklistScoring = z.object({
  yes: z.number().min(0).max(1).default(1),
  partially: z.number().min(0).max(1).default(0.5),
  no: z.number().min(0).max(1).default(0),
});

export const goalpost = goalpostValue;

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

/**
 * Where a number or percentage indicator can take its value from instead of being typed: a
 * derived figure of the country's budget data (public investment in children), for the whole
 * budget or one sector. A share is a percentage (0–100) in a percentage indicator. The
 * workspace computes it with `budgetIndicatorValue` and offers it as the answer, which is then
 * saved and reviewed like any other.
 */
export const budgetSource = z.object({
  kind: z.literal("budget"),
  figure: z.enum([
    "perChildAllocated",
    "perChildExecuted",
    "shareOfBudget",
    "shareOfGdp",
    "executionRate",
    "realGrowth",
  ]),
  /** A sector key of the budget classification (e.g. `child-protection`); all sectors when absent. */
  sector: z.string().optional(),
  /** Money figures in local currency at current prices (default), constant prices or US dollars. */
  basis: z.enum(["current", "constant", "usd"]).default("current"),
});

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
  source: budgetSource.optional(),
});
export const percentageIndicator = z.object({
  ...indicatorBase,
  type: z.literal("percentage"),
  unit: z.string().optional(),
  source: budgetSource.optional(),
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
export type BudgetSource = z.infer<typeof budgetSource>;
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

/**
 * How an item (indicator or node) of an earlier framework version became an item of this one:
 * `renamed` or `moved` (the same measure under another code or parent), `split` (one old item
 * became several: an entry for each), `merged` (several became one: an entry for each),
 * `rescored` (same measure, scoring rule changed) or `removed` (`to` is null).
 */
export const crosswalkChange = z.enum(["renamed", "moved", "split", "merged", "rescored", "removed"]);
export type CrosswalkChange = z.infer<typeof crosswalkChange>;
export const crosswalkEntry = z.object({
  from: code,
  to: code.nullable(),
  change: crosswalkChange,
  note: localText.optional(),
});
export const crosswalk = z.object({
  /** The earlier framework version whose codes `from` names. */
  fromVersion: z.string().min(1).max(50),
  entries: z.array(crosswalkEntry),
});
export type Crosswalk = z.infer<typeof crosswalk>;

/**
 * A group of countries (a region, an income group) whose mean replaces a member's missing answer
 * under the `group` imputation. A country belongs to one group at most.
 */
export const countryGroup = z.object({
  code,
  label: localText.optional(),
  members: z.array(code),
});
export type CountryGroup = z.infer<typeof countryGroup>;

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
  /** Optional: how the codes of earlier versions map to this one, so cycles on them stay comparable. */
  crosswalks: z.array(crosswalk).optional(),
  /** Optional: groups of countries for the `group` imputation. */
  groups: z.array(countryGroup).optional(),
});
export type Framework = z.infer<typeof framework>;
/** The framework as written in a file, before defaults are applied. */
export type FrameworkInput = z.input<typeof framework>;
