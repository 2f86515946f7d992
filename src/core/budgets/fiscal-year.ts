/**
 * Fiscal years. Most States budget by calendar year (`2024`); others start in April, July
 * or October and write the year they start and the one they end (`2024/25`). A line whose
 * fiscal year does not match its country's calendar is refused, since it would be set
 * against the wrong year's context.
 */

/**
 * The month (1–12) in which a country's fiscal year starts, where it is not January.
 * Sources: the States' budget laws as summarised by the IMF's fiscal transparency
 * evaluations and the OECD budget practices survey.
 */
export const FISCAL_YEAR_START: Readonly<Record<string, number>> = {
  AU: 7,
  BD: 7,
  CA: 4,
  EG: 7,
  GB: 4,
  IN: 4,
  JP: 4,
  KE: 7,
  NZ: 7,
  PK: 7,
  TZ: 7,
  UG: 7,
  US: 10,
  ZA: 4,
};

/** The month in which `country`'s fiscal year starts (1 = January, the default). */
export function fiscalYearStart(country: string): number {
  return FISCAL_YEAR_START[country.toUpperCase()] ?? 1;
}

export type FiscalYearReading =
  | { ok: true; label: string; startYear: number }
  | { ok: false; reason: "unreadable" | "calendarYearExpected" | "splitYearExpected"; expected: string };

/**
 * Reads a fiscal year as written (`2024`, `2024/25`, `2024-25`, `2024/2025`, `FY2024/25`)
 * against the country's calendar; the label comes back in one form (`2024` or `2024/25`)
 * with the calendar year in which the fiscal year starts, which is the year its
 * context (population, GDP…) is read from.
 */
export function readFiscalYear(text: string, country: string): FiscalYearReading {
  const startMonth = fiscalYearStart(country);
  const split = startMonth !== 1;
  const expected = split ? "2024/25" : "2024";
  const match = /^(?:FY\s*)?(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/i.exec(text.trim());
  if (!match) return { ok: false, reason: "unreadable", expected };
  const startYear = Number(match[1]);
  const end = match[2];
  if (!end) {
    return split
      ? { ok: false, reason: "splitYearExpected", expected }
      : { ok: true, label: String(startYear), startYear };
  }
  const endYear = end.length === 2 ? Math.floor(startYear / 100) * 100 + Number(end) : Number(end);
  const next = endYear === startYear + 1 || (end.length === 2 && endYear + 100 === startYear + 1);
  if (!next) return { ok: false, reason: "unreadable", expected };
  if (!split) return { ok: false, reason: "calendarYearExpected", expected };
  return { ok: true, label: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`, startYear };
}
