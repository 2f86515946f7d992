import type { MessageKey } from "../i18n/messages.ts";

/** Money in a language's number format, without decimals past the unit (or with two below 100). */
export function formatMoney(
  value: number | null | undefined,
  lang: string,
  currency?: string | null,
): string {
  if (value === null || value === undefined) return "—";
  const digits = Math.abs(value) < 100 ? 2 : 0;
  return new Intl.NumberFormat(lang, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
    ...(currency ? { style: "currency", currency, currencyDisplay: "code" } : {}),
  }).format(value);
}

/** A ratio (0.0512) as a percentage in a language's format (5.1 %). */
export function formatShare(value: number | null | undefined, lang: string, signed = false): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(lang, {
    style: "percent",
    maximumFractionDigits: Math.abs(value) < 0.1 ? 2 : 1,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(value);
}

export const FIGURES = [
  "perChildAllocated",
  "perChildExecuted",
  "shareOfBudget",
  "shareOfGdp",
  "executionRate",
  "realGrowth",
] as const;
export type Figure = (typeof FIGURES)[number];

/** A derived figure in its kind of format: money per child, or a share. */
export function formatFigure(figure: Figure, value: number | null, lang: string): string {
  if (figure === "perChildAllocated" || figure === "perChildExecuted") return formatMoney(value, lang);
  return formatShare(value, lang, figure === "realGrowth");
}

export const figureKey = (f: Figure) => `bgFigure_${f}` as MessageKey;
export const formulaKey = (f: Figure) => `bgFormula_${f}` as MessageKey;
