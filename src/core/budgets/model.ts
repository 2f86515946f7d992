import type { LocalText } from "../framework/model.ts";

/**
 * Public investment in children (General Comment No. 19): budget lines per country and
 * fiscal year with their amounts at each stage of the budget cycle, and context series
 * (population under 18, total public expenditure, GDP, exchange rate, price index) from
 * which the derived figures are computed. Request shapes (zod) are in
 * src/server/api-schemas/budgets.ts.
 */

/** The stages of a budget line's amount, in the order of the budget cycle. */
export const BUDGET_STAGES = ["proposed", "allocated", "revised", "executed"] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];

export type BudgetAmounts = Record<BudgetStage, number | null>;

/** A line of a State's budget as a coalition records it, in local currency. */
export interface BudgetLine {
  country: string;
  /** As the State writes it: `2024` for a calendar fiscal year, `2024/25` otherwise. */
  fiscalYear: string;
  /** In the State's language. */
  name: string;
  nameEn: string;
  ministry: string;
  programme: string | null;
  /** A key of the sector classification. */
  sector: string;
  /** COFOG function (e.g. `10.4`), where known. */
  cofog: string | null;
  /** ISO 4217 code. */
  currency: string;
  amounts: BudgetAmounts;
  sourceDocument: string | null;
  sourcePage: string | null;
  sourceUrl: string | null;
}

/** One sector of the classification, with its COFOG function where there is one. */
export interface BudgetSector {
  key: string;
  name: LocalText;
  cofog: string | null;
}

/**
 * The default classification, as data: sectors of public spending on children with the
 * United Nations' Classification of the Functions of Government (COFOG) where one fits.
 */
export const DEFAULT_SECTORS: readonly BudgetSector[] = [
  {
    key: "child-protection",
    cofog: "10.4",
    name: { en: "Child protection", fr: "Protection de l’enfance", ar: "حماية الطفل" },
  },
  { key: "education", cofog: "09", name: { en: "Education", fr: "Éducation", ar: "التعليم" } },
  { key: "health", cofog: "07", name: { en: "Health", fr: "Santé", ar: "الصحة" } },
  {
    key: "social-protection",
    cofog: "10",
    name: { en: "Social protection", fr: "Protection sociale", ar: "الحماية الاجتماعية" },
  },
  { key: "justice", cofog: "03.3", name: { en: "Justice", fr: "Justice", ar: "العدالة" } },
  { key: "other", cofog: null, name: { en: "Other", fr: "Autre", ar: "أخرى" } },
];

/** The context series a country's derived figures need, per calendar year. */
export const CONTEXT_SERIES = [
  "populationUnder18",
  "totalExpenditure",
  "gdp",
  "exchangeRate",
  "priceIndex",
] as const;
export type ContextSeries = (typeof CONTEXT_SERIES)[number];

/**
 * A country's context in one year. Money in local currency at current prices;
 * `exchangeRate` in local currency units per US dollar (period average); `priceIndex`
 * any consumer price index (e.g. 2010 = 100), only its ratios matter.
 */
export type ContextYear = { year: number } & Partial<Record<ContextSeries, number | null>>;
