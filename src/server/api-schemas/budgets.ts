import { z } from "zod";
import { localTextOut } from "./index.ts";

/* Public investment in children: the shapes of budget lines, context, derived figures and imports. */

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "use a two-letter country code")
  .transform((c) => c.toUpperCase());
export const budgetCountryParams = z.object({ country: countryCode });
export const budgetLineParams = z.object({ id: z.uuid() });

const amount = z
  .number()
  .finite()
  .min(0, "amounts are not negative: give the amount spent or allocated, 0 or more")
  .max(1e18)
  .nullable();
const shortText = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null));
const codes = (max: number) => z.array(z.string().trim().min(1).max(40)).max(max);

/** A budget line as entered in the web app (the same checks as a row of an imported table). */
export const budgetLineBody = z.object({
  fiscalYear: shortText(20).min(4, "fiscalYear: write the fiscal year, e.g. 2024 or 2024/25"),
  name: shortText(300).min(1, "name: the line's name in the State's language is required"),
  nameEn: shortText(300),
  ministry: shortText(300),
  programme: optionalText(300),
  sector: shortText(60).min(1, "sector: choose a sector"),
  cofog: optionalText(20),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "currency: use a three-letter ISO 4217 code such as MDL or EUR")
    .transform((c) => c.toUpperCase()),
  proposed: amount,
  allocated: amount,
  revised: amount,
  executed: amount,
  sourceDocument: optionalText(500),
  sourcePage: optionalText(40),
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .regex(/^(https?:\/\/\S+)?$/i, "sourceUrl: give a web address starting with https://")
    .nullable()
    .transform((v) => (v ? v : null)),
  articles: z
    .array(z.string().regex(/^\d{1,2}$/, "articles: UNCRC article numbers, 1 to 54"))
    .max(54)
    .default([]),
  nodeCodes: codes(200).default([]),
  indicatorCodes: codes(500).default([]),
  recommendationIds: z.array(z.uuid()).max(500).default([]),
});
export type BudgetLineBody = z.infer<typeof budgetLineBody>;
export const budgetLineUpdateBody = budgetLineBody.extend({ expectedVersion: z.number().int().min(1) });
export const budgetLineDeleteQuery = z.object({ expectedVersion: z.coerce.number().int().min(1) });

export const budgetLineOut = z.object({
  id: z.uuid(),
  country: z.string(),
  fiscalYear: z.string(),
  name: z.string(),
  nameEn: z.string(),
  ministry: z.string(),
  programme: z.string().nullable(),
  sector: z.string(),
  cofog: z.string().nullable(),
  currency: z.string(),
  amounts: z.object({
    proposed: z.number().nullable(),
    allocated: z.number().nullable(),
    revised: z.number().nullable(),
    executed: z.number().nullable(),
  }),
  sourceDocument: z.string().nullable(),
  sourcePage: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  articles: z.array(z.string()),
  nodeCodes: z.array(z.string()),
  indicatorCodes: z.array(z.string()),
  recommendationIds: z.array(z.string()),
  warnings: z.array(z.string()),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type BudgetLineOut = z.infer<typeof budgetLineOut>;

export const budgetSectorOut = z.object({
  key: z.string(),
  name: localTextOut,
  cofog: z.string().nullable(),
});
export const budgetSectorBody = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,40}$/, "key: lower-case letters, digits and hyphens, e.g. early-childhood"),
  name: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().trim().min(1).max(120)).refine((n) => !!n.en, {
    message: "name: give at least the English name (en)",
  }),
  cofog: z
    .string()
    .trim()
    .regex(/^\d{2}(\.\d)?$/, "cofog: a COFOG function such as 10.4")
    .nullable(),
});

const figuresOut = z.object({
  perChildAllocated: z.number().nullable(),
  perChildExecuted: z.number().nullable(),
  shareOfBudget: z.number().nullable(),
  shareOfGdp: z.number().nullable(),
  executionRate: z.number().nullable(),
  realGrowth: z.number().nullable(),
});
export const derivedYearOut = z.object({
  year: z.number().int(),
  fiscalYear: z.string(),
  lines: z.number().int(),
  amounts: z.object({
    proposed: z.number().nullable(),
    allocated: z.number().nullable(),
    revised: z.number().nullable(),
    executed: z.number().nullable(),
  }),
  incomplete: z.array(z.string()),
  figures: figuresOut,
  missing: z.array(z.string()),
});
export const derivedSeriesOut = z.object({
  basis: z.enum(["current", "constant", "usd"]),
  baseYear: z.number().int().nullable(),
  years: z.array(derivedYearOut),
});
export type DerivedSeriesOut = z.infer<typeof derivedSeriesOut>;

export const contextYearOut = z.object({
  year: z.number().int(),
  populationUnder18: z.number().nullable().optional(),
  totalExpenditure: z.number().nullable().optional(),
  gdp: z.number().nullable().optional(),
  exchangeRate: z.number().nullable().optional(),
  priceIndex: z.number().nullable().optional(),
});

export const budgetQuery = z.object({
  basis: z.enum(["current", "constant", "usd"]).default("current"),
  baseYear: z.coerce.number().int().min(1900).max(2200).optional(),
  sector: z.string().max(60).optional(),
});

export const budgetPublicationOut = z.object({
  slug: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string(),
  lines: z.number().int(),
});

const reviewState = z.enum(["draft", "submitted", "validated"]);

/** The review of a fiscal year's budget data (draft → submitted → validated, as assessments). */
export const budgetReviewOut = z.object({
  fiscalYear: z.string(),
  state: reviewState,
  note: z.string(),
  version: z.number().int().describe("0 for a fiscal year never reviewed (a draft)"),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  moves: z
    .array(z.enum(["submit", "validate", "return", "reopen"]))
    .describe("The moves this person may make from the year's state"),
});
export type BudgetReviewOut = z.infer<typeof budgetReviewOut>;

export const budgetReviewMoveOut = z.object({ state: reviewState, version: z.number().int() });

export const budgetReviewBody = z.object({
  fiscalYear: z.string().min(4).max(7),
  expectedVersion: z.number().int().min(0),
  note: z.string().max(2000).default(""),
});

export const countryBudgetsOut = z.object({
  country: z.object({ code: z.string(), name: localTextOut, region: z.string().nullable() }),
  currency: z.string().nullable(),
  sectors: z.array(budgetSectorOut),
  lines: z.array(budgetLineOut),
  context: z.array(contextYearOut),
  derived: derivedSeriesOut,
  /** The same figures per sector (in the chosen basis). */
  bySector: z.record(z.string(), derivedSeriesOut),
  publications: z.array(budgetPublicationOut),
  /** The review state of each fiscal year; only validated years are published. */
  reviews: z.array(budgetReviewOut),
  /** Whether the reader may edit and publish. */
  may: z.object({ edit: z.boolean(), publish: z.boolean() }),
});
export type CountryBudgetsOut = z.infer<typeof countryBudgetsOut>;

export const budgetCountrySummaryOut = z.object({
  code: z.string(),
  name: localTextOut,
  lines: z.number().int(),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  currency: z.string().nullable(),
  published: z.string().nullable().describe("Slug of the latest publication"),
});

export const budgetCompareQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  sector: z.string().max(60).optional(),
});
export const budgetCompareOut = z.object({
  year: z.number().int().nullable(),
  rows: z.array(
    z.object({
      country: z.string(),
      name: localTextOut,
      fiscalYear: z.string().nullable(),
      figures: figuresOut.nullable(),
      allocatedUsd: z.number().nullable(),
      perChildUsd: z.number().nullable(),
    }),
  ),
});

export const budgetProblemOut = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export const budgetImportOut = z.object({
  dryRun: z.boolean(),
  written: z.boolean(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(budgetProblemOut),
  /** For context files: which layout was read and which indicators were left out. */
  layout: z.string().nullable(),
  skippedIndicators: z.array(z.string()),
});
export type BudgetImportOut = z.infer<typeof budgetImportOut>;

export const budgetHistoryOut = z.array(
  z.object({
    id: z.number().int(),
    changedAt: z.string(),
    changedBy: z.string().nullable(),
    source: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  }),
);

export const budgetPublishBody = z.object({
  notes: z
    .string()
    .trim()
    .min(1, 'notes: say what this publication is (e.g. "State budget 2020–2024")')
    .max(2000),
});
