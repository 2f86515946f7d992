import { CONTEXT_SERIES, type ContextSeries } from "./model.ts";
import { findColumns, headerKey, readAmount } from "./read-lines.ts";

/**
 * Reading context series from a table in one of two documented shapes:
 *
 * - the World Bank's wide CSV (as downloaded from data.worldbank.org: a few lines of
 *   preamble, then `Country Name, Country Code, Indicator Name, Indicator Code, 1960, 1961…`),
 *   with the series found by indicator code (`WORLD_BANK_SERIES`);
 * - a long table `country, year, series, value` with the series named as in
 *   `CONTEXT_SERIES` or by a World Bank code.
 */

/** World Bank (and UNICEF) indicator codes read as context series. */
export const WORLD_BANK_SERIES: Readonly<Record<string, ContextSeries>> = {
  "NY.GDP.MKTP.CN": "gdp",
  "GC.XPN.TOTL.CN": "totalExpenditure",
  "PA.NUS.FCRF": "exchangeRate",
  "FP.CPI.TOTL": "priceIndex",
  "SP.POP.0017.TO": "populationUnder18",
  DM_POP_U18: "populationUnder18",
};

export interface ContextValue {
  country: string;
  year: number;
  series: ContextSeries;
  value: number;
}

export type ContextProblemCode =
  | "unknownLayout"
  | "unknownCountry"
  | "notANumber"
  | "notPositive"
  | "badYear"
  | "unknownSeries"
  | "duplicateValue";

export interface ContextProblem {
  row: number;
  column: string | null;
  code: ContextProblemCode;
  params: Record<string, string | number>;
  message: string;
}

export interface ReadContextResult {
  layout: "world-bank" | "long" | null;
  values: ContextValue[];
  problems: ContextProblem[];
  /** Indicator codes of a World Bank file that are not context series (left out, not an error). */
  skippedIndicators: string[];
}

const LONG_COLUMNS = {
  country: ["country", "country code", "iso2", "iso3"],
  year: ["year"],
  series: ["series", "indicator", "indicator code"],
  value: ["value"],
} as const;

function seriesOf(text: string): ContextSeries | null {
  const trimmed = text.trim();
  if (WORLD_BANK_SERIES[trimmed]) return WORLD_BANK_SERIES[trimmed];
  return CONTEXT_SERIES.find((s) => s.toLowerCase() === trimmed.toLowerCase()) ?? null;
}

/**
 * Reads the context values of a table (rows as cells; the header found in the first ten
 * rows). `countryOf` turns a country code as written (alpha-2 or alpha-3) into the
 * platform's code, or null when it is not one the importer may write.
 */
export function readContextSeries(
  rows: readonly (readonly string[])[],
  countryOf: (code: string) => string | null,
): ReadContextResult {
  const problems: ContextProblem[] = [];
  const values: ContextValue[] = [];
  const skipped = new Set<string>();
  const seen = new Map<string, number>();
  const add = (
    row: number,
    column: string | null,
    country: string,
    year: number,
    series: ContextSeries,
    text: string,
  ) => {
    const value = readAmount(text);
    if (value === null) return;
    if (Number.isNaN(value)) {
      problems.push({
        row,
        column,
        code: "notANumber",
        params: { row, value: text },
        message: `row ${row}, ${column}: "${text}" is not a number`,
      });
      return;
    }
    if (value <= 0) {
      problems.push({
        row,
        column,
        code: "notPositive",
        params: { row, value: text, series },
        message: `row ${row}, ${column}: ${series} must be above zero, not ${text}`,
      });
      return;
    }
    const key = `${country}|${year}|${series}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        row,
        column,
        code: "duplicateValue",
        params: { row, other: earlier, series, year },
        message: `row ${row}: ${series} of ${country} in ${year} is given twice (also on row ${earlier})`,
      });
      return;
    }
    seen.set(key, row);
    values.push({ country, year, series, value });
  };
  const countryAt = (row: number, column: string, code: string): string | null => {
    const country = countryOf(code.trim());
    if (!country) {
      problems.push({
        row,
        column,
        code: "unknownCountry",
        params: { row, value: code },
        message: `row ${row}: country "${code}" is not a country you may enter context for`,
      });
    }
    return country;
  };

  const headerAt = rows.slice(0, 10).findIndex((cells) => {
    const keys = cells.map(headerKey);
    return (
      (keys.includes("country code") && keys.includes("indicator code")) ||
      (keys.includes("year") && keys.includes("value"))
    );
  });
  if (headerAt < 0) {
    problems.push({
      row: 1,
      column: null,
      code: "unknownLayout",
      params: {},
      message:
        'the file is neither a World Bank CSV ("Country Code", "Indicator Code" and year columns) nor a table with "country", "year", "series" and "value" columns',
    });
    return { layout: null, values, problems, skippedIndicators: [] };
  }
  const header = rows[headerAt]!;
  const keys = header.map(headerKey);

  if (keys.includes("indicator code")) {
    const countryCol = keys.indexOf("country code");
    const indicatorCol = keys.indexOf("indicator code");
    const yearCols = header
      .map((text, index) => ({ year: /^\s*(\d{4})\s*(\[YR\d{4}\])?\s*$/.exec(text)?.[1], index }))
      .filter((c): c is { year: string; index: number } => !!c.year);
    rows.slice(headerAt + 1).forEach((cells, i) => {
      const row = headerAt + i + 2;
      const indicator = (cells[indicatorCol] ?? "").trim();
      if (!indicator && cells.every((c) => !c?.trim())) return;
      const series = seriesOf(indicator);
      if (!series) {
        if (indicator) skipped.add(indicator);
        return;
      }
      if (!yearCols.some((c) => (cells[c.index] ?? "").trim() && cells[c.index]!.trim() !== "..")) return;
      const country = countryAt(row, header[countryCol] ?? "Country Code", cells[countryCol] ?? "");
      if (!country) return;
      for (const { year, index } of yearCols) {
        const text = (cells[index] ?? "").trim();
        if (text === "..") continue;
        add(row, year, country, Number(year), series, text);
      }
    });
    return { layout: "world-bank", values, problems, skippedIndicators: [...skipped] };
  }

  const columns = findColumns(header, LONG_COLUMNS);
  for (const column of ["country", "series"] as const) {
    if (columns[column] === undefined) {
      problems.push({
        row: headerAt + 1,
        column,
        code: "unknownLayout",
        params: { column },
        message: `row ${headerAt + 1}: no "${column}" column`,
      });
    }
  }
  if (problems.length) return { layout: "long", values, problems, skippedIndicators: [] };
  rows.slice(headerAt + 1).forEach((cells, i) => {
    const row = headerAt + i + 2;
    if (cells.every((c) => !c?.trim())) return;
    const seriesText = (cells[columns.series!] ?? "").trim();
    const series = seriesOf(seriesText);
    if (!series) {
      problems.push({
        row,
        column: "series",
        code: "unknownSeries",
        params: { row, value: seriesText, expected: CONTEXT_SERIES.join(", ") },
        message: `row ${row}: series "${seriesText}" is not one of ${CONTEXT_SERIES.join(", ")}`,
      });
      return;
    }
    const yearText = (cells[columns.year!] ?? "").trim();
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2200) {
      problems.push({
        row,
        column: "year",
        code: "badYear",
        params: { row, value: yearText },
        message: `row ${row}: year "${yearText}" is not a year like 2024`,
      });
      return;
    }
    const country = countryAt(row, "country", cells[columns.country!] ?? "");
    if (!country) return;
    add(row, "value", country, year, series, cells[columns.value!] ?? "");
  });
  return { layout: "long", values, problems, skippedIndicators: [] };
}
