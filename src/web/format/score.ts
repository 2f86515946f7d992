import type { Band } from "../../core/index.ts";

/*
 * One place that turns API numbers into text, so a score reads the same in
 * every table: the framework's precision, the reader's decimal separator, and
 * a dash (never a zero) when there is no value.
 */

export const missingValue = "–";

/** A score as published: `precision` decimals, in the reader's number format. */
export function formatScore(score: number | null | undefined, precision: number, lang: string): string {
  if (score === null || score === undefined || Number.isNaN(score)) return missingValue;
  return new Intl.NumberFormat(lang, {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
  }).format(score);
}

export type ChangeDirection = "up" | "down" | "same";

/** A change with its sign and direction; `null` when there was no earlier cycle. */
export function formatChange(
  change: number | null | undefined,
  precision: number,
  lang: string,
): { text: string; direction: ChangeDirection } | null {
  if (change === null || change === undefined || Number.isNaN(change)) return null;
  const direction: ChangeDirection = change > 0 ? "up" : change < 0 ? "down" : "same";
  const text = new Intl.NumberFormat(lang, {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
    signDisplay: "exceptZero",
  }).format(change);
  return { text, direction };
}

/** Coverage (0–1) as a whole percentage. */
export function formatCoverage(coverage: number | null | undefined, lang: string): string {
  if (coverage === null || coverage === undefined || Number.isNaN(coverage)) return missingValue;
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(coverage);
}

// Calm, distinguishable defaults for frameworks whose bands carry no colour (low → high).
const defaultBandColours = ["#b4443c", "#d08a2e", "#3f8f6b", "#1f6a7a", "#2b4c7e"];

/** The band with `code`, and its colour (the framework's, else a default by position). */
export function findBand(bands: Band[], code: string | null | undefined): (Band & { colour: string }) | null {
  if (!code) return null;
  const index = bands.findIndex((b) => b.code === code);
  const band = bands[index];
  if (!band) return null;
  return { ...band, colour: band.color ?? defaultBandColours[index % defaultBandColours.length]! };
}

/** Share of the scale a score fills, clamped to 0–1, for inline bars. */
export function scoreFraction(score: number | null | undefined, scale: number): number {
  if (score === null || score === undefined || !(scale > 0)) return 0;
  return Math.min(1, Math.max(0, score / scale));
}
