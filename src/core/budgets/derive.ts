import { readFiscalYear } from "./fiscal-year.ts";
import type { BudgetLine, BudgetStage, ContextSeries, ContextYear } from "./model.ts";
import { BUDGET_STAGES } from "./model.ts";

/**
 * The derived figures of public investment in children, computed in one place for every
 * page, download and API answer, each with its formula.
 */

/** Money in local currency at current prices, at constant prices of a base year, or in US dollars. */
export const PRICE_BASES = ["current", "constant", "usd"] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

export const DERIVED_FIGURES = [
  "perChildAllocated",
  "perChildExecuted",
  "shareOfBudget",
  "shareOfGdp",
  "executionRate",
  "realGrowth",
] as const;
export type DerivedFigure = (typeof DERIVED_FIGURES)[number];

/** How each figure is computed, in words (the web app shows the same in every language). */
export const FORMULAS: Readonly<Record<DerivedFigure, string>> = {
  perChildAllocated: "allocated ÷ population under 18",
  perChildExecuted: "executed ÷ population under 18",
  shareOfBudget: "allocated ÷ total public expenditure",
  shareOfGdp: "allocated ÷ GDP",
  executionRate: "executed ÷ allocated (lines with both)",
  realGrowth: "(allocated ÷ price index) ÷ (previous year's allocated ÷ its price index) − 1",
};

/** How an amount is brought to each basis, in words (shown beside the figures). */
export const BASIS_FORMULAS: Readonly<Record<PriceBasis, string>> = {
  current: "amount as budgeted, in local currency of the year",
  constant: "amount × (price index of the base year ÷ price index of the year)",
  usd: "amount ÷ exchange rate of the year (local currency per US$)",
};

/**
 * The base year of constant prices: the one asked for, else the latest year with a price
 * index; null when the context has no price index at all.
 */
export function constantBaseYear(context: readonly ContextYear[], asked?: number): number | null {
  if (asked !== undefined) return asked;
  return context
    .filter((c) => positive(c.priceIndex))
    .reduce<number | null>((a, c) => Math.max(a ?? c.year, c.year), null);
}

/**
 * The factor that brings local currency at current prices of `year` to a basis: 1 for
 * current prices, base price ÷ price of the year for constant prices, 1 ÷ exchange rate
 * for US dollars. Null when the context lacks what the basis needs.
 */
export function basisFactor(
  context: readonly ContextYear[],
  year: number,
  basis: PriceBasis,
  baseYear: number | null = null,
): number | null {
  if (basis === "current") return 1;
  const at = context.find((c) => c.year === year);
  if (basis === "usd") return positive(at?.exchangeRate) ? 1 / at.exchangeRate : null;
  const base = baseYear === null ? undefined : context.find((c) => c.year === baseYear)?.priceIndex;
  return positive(at?.priceIndex) && positive(base) ? base / at.priceIndex : null;
}

/**
 * Growth year on year of a series of amounts (`null` where a year or its predecessor is
 * missing or not positive): value ÷ previous calendar year's value − 1.
 */
export function growthSeries(
  values: readonly { year: number; value: number | null }[],
): { year: number; growth: number | null }[] {
  const byYear = new Map(values.map((v) => [v.year, v.value]));
  return values.map(({ year, value }) => {
    const before = byYear.get(year - 1);
    return {
      year,
      growth: value !== null && positive(before) ? value / before - 1 : null,
    };
  });
}

export interface DeriveOptions {
  basis: PriceBasis;
  /** For `constant`: the year whose prices are used; default the latest year with a price index. */
  baseYear?: number;
  /** Only the lines of this sector; all lines when absent. */
  sector?: string | null;
}

export interface DerivedYear {
  /** The calendar year the fiscal year starts in (its context is read from this year). */
  year: number;
  fiscalYear: string;
  lines: number;
  /** Sums of each stage in the chosen basis; null when no line has the stage or the basis cannot be applied. */
  amounts: Record<BudgetStage, number | null>;
  /** Stages some lines of the year leave empty: their sums are understated. */
  incomplete: BudgetStage[];
  figures: Record<DerivedFigure, number | null>;
  /** Context series the year's figures needed and did not find. */
  missing: ContextSeries[];
}

export interface DerivedSeries {
  basis: PriceBasis;
  /** The base year of constant prices (null for other bases or when no price index exists). */
  baseYear: number | null;
  years: DerivedYear[];
}

function positive(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** Sum of a stage over lines; null when no line has it. */
function sumStage(lines: readonly BudgetLine[], stage: BudgetStage): number | null {
  let total: number | null = null;
  for (const line of lines) {
    const value = line.amounts[stage];
    if (value !== null && value !== undefined) total = (total ?? 0) + value;
  }
  return total;
}

function ratio(numerator: number | null, denominator: number | null | undefined): number | null {
  return numerator !== null && positive(denominator) ? numerator / denominator : null;
}

/**
 * Derives a country's figures year by year from its budget lines (one currency) and its
 * context series. Amounts and per-child figures are in the chosen basis; shares, execution
 * rates and real growth do not depend on it.
 */
export function deriveBudgetFigures(
  lines: readonly BudgetLine[],
  context: readonly ContextYear[],
  options: DeriveOptions,
): DerivedSeries {
  const byYear = new Map<number, { fiscalYear: string; lines: BudgetLine[] }>();
  for (const line of lines) {
    if (options.sector && line.sector !== options.sector) continue;
    const reading = readFiscalYear(line.fiscalYear, line.country);
    if (!reading.ok) continue;
    const entry = byYear.get(reading.startYear) ?? { fiscalYear: reading.label, lines: [] };
    entry.lines.push(line);
    byYear.set(reading.startYear, entry);
  }
  const contextOf = new Map(context.map((c) => [c.year, c]));
  const baseYear = options.basis === "constant" ? constantBaseYear(context, options.baseYear) : null;
  const basePrice = baseYear !== null ? contextOf.get(baseYear)?.priceIndex : null;

  const years = [...byYear.keys()].sort((a, b) => a - b);
  const derived: DerivedYear[] = [];
  let previousReal: { year: number; value: number } | null = null;
  for (const year of years) {
    const { fiscalYear, lines: yearLines } = byYear.get(year)!;
    const ctx = contextOf.get(year) ?? { year };
    const missing = new Set<ContextSeries>();
    const need = (series: ContextSeries): number | null => {
      const value = ctx[series];
      if (positive(value)) return value;
      missing.add(series);
      return null;
    };

    const nominal = Object.fromEntries(BUDGET_STAGES.map((s) => [s, sumStage(yearLines, s)])) as Record<
      BudgetStage,
      number | null
    >;
    const incomplete = BUDGET_STAGES.filter(
      (s) => nominal[s] !== null && yearLines.some((l) => l.amounts[s] === null),
    );

    // The factor from local currency at current prices to the chosen basis.
    if (options.basis === "constant") need("priceIndex");
    else if (options.basis === "usd") need("exchangeRate");
    const factor = basisFactor(context, year, options.basis, baseYear);
    const inBasis = (value: number | null) => (value === null || factor === null ? null : value * factor);
    const amounts = Object.fromEntries(BUDGET_STAGES.map((s) => [s, inBasis(nominal[s])])) as Record<
      BudgetStage,
      number | null
    >;

    const withBoth = yearLines.filter((l) => l.amounts.executed !== null && l.amounts.allocated !== null);
    const executionRate = withBoth.length
      ? ratio(sumStage(withBoth, "executed"), sumStage(withBoth, "allocated"))
      : null;

    const children =
      nominal.allocated !== null || nominal.executed !== null ? need("populationUnder18") : null;
    const total = nominal.allocated !== null ? need("totalExpenditure") : null;
    const gdp = nominal.allocated !== null ? need("gdp") : null;

    // Real growth: allocations deflated by the price index, against the previous calendar year.
    let realGrowth: number | null = null;
    const price = nominal.allocated !== null ? need("priceIndex") : null;
    const real = nominal.allocated !== null && price !== null ? nominal.allocated / price : null;
    if (real !== null && previousReal && previousReal.year === year - 1 && previousReal.value > 0) {
      realGrowth = real / previousReal.value - 1;
    }
    previousReal = real !== null ? { year, value: real } : null;

    derived.push({
      year,
      fiscalYear,
      lines: yearLines.length,
      amounts,
      incomplete,
      figures: {
        perChildAllocated: ratio(amounts.allocated, children),
        perChildExecuted: ratio(amounts.executed, children),
        shareOfBudget: ratio(nominal.allocated, total),
        shareOfGdp: ratio(nominal.allocated, gdp),
        executionRate,
        realGrowth,
      },
      missing: [...missing],
    });
  }
  return {
    basis: options.basis,
    baseYear: baseYear !== null && positive(basePrice) ? baseYear : null,
    years: derived,
  };
}
