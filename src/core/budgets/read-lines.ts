import { readFiscalYear } from "./fiscal-year.ts";
import { BUDGET_STAGES, type BudgetLine, type BudgetStage } from "./model.ts";

/**
 * Reading budget lines from a table (CSV or the first sheet of an XLSX, already split into
 * cells): columns found by name in their usual spellings, every cell checked, every problem
 * named by row and column. Errors stop the import; warnings are shown and kept with the line.
 */

export type BudgetProblemCode =
  | "missingColumn"
  | "missingValue"
  | "notANumber"
  | "negativeAmount"
  | "noAmount"
  | "executedAboveAllocated"
  | "unknownCurrency"
  | "mixedCurrency"
  | "fiscalYearUnreadable"
  | "fiscalYearMismatch"
  | "unknownSector"
  | "unknownCountry"
  | "duplicateLine"
  | "notAUrl";

export interface BudgetProblem {
  /** The row of the file (1 = the header). */
  row: number;
  column: string | null;
  code: BudgetProblemCode;
  severity: "error" | "warning";
  /** Parameters of the message (the cell's text, what is expected…). */
  params: Record<string, string | number>;
  /** The message in English (the web app renders `code` with `params` in the reader's language). */
  message: string;
}

/** The columns of a budget-lines table, with the spellings each is found by. */
export const LINE_COLUMNS = {
  country: ["country", "country code", "iso2", "state"],
  fiscalYear: ["fiscal year", "year", "fy", "budget year"],
  name: ["name", "line", "budget line", "name local", "local name"],
  nameEn: ["name en", "name english", "english name", "name in english"],
  ministry: ["ministry", "ministry agency", "institution", "agency"],
  programme: ["programme", "program", "budget programme"],
  sector: ["sector"],
  cofog: ["cofog", "cofog function"],
  currency: ["currency", "currency code"],
  proposed: ["proposed", "draft", "proposal"],
  allocated: ["allocated", "approved", "enacted", "allocation"],
  revised: ["revised", "amended"],
  executed: ["executed", "spent", "actual", "outturn", "expenditure"],
  sourceDocument: ["source document", "source", "document"],
  sourcePage: ["source page", "page"],
  sourceUrl: ["source url", "url", "link"],
} as const;
export type LineColumn = keyof typeof LINE_COLUMNS;

const REQUIRED: readonly LineColumn[] = ["country", "fiscalYear", "name", "sector", "currency"];

/** A header cell in the form columns are compared in: lower case, words separated by one space. */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Which column of the header holds each field (by index), from the spellings above. */
export function findColumns<K extends string>(
  header: readonly string[],
  spellings: Readonly<Record<K, readonly string[]>>,
): Partial<Record<K, number>> {
  const keys = header.map(headerKey);
  const found: Partial<Record<K, number>> = {};
  for (const field of Object.keys(spellings) as K[]) {
    const index = keys.findIndex((k) => spellings[field].includes(k));
    if (index >= 0) found[field] = index;
  }
  return found;
}

/**
 * A number as people write it in budgets: `1234567.5`, `1 234 567.5`, `1,234,567.5`;
 * null for an empty cell, NaN for anything else (a comma decimal, a word, two points).
 */
export function readAmount(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const plain = trimmed.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(plain)) return Number.NaN;
  return Number(plain.replace(/,/g, ""));
}

let currencies: Set<string> | null = null;
/** True for an ISO 4217 code this runtime knows (upper case). */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies.has(code);
}

export interface ReadLinesContext {
  /** Country codes (ISO alpha-2, upper case) the importer may write. */
  countries: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  /** The currency already used by each country's lines, if any. */
  currencyOf?: ReadonlyMap<string, string>;
}

export interface ReadLinesResult {
  lines: (BudgetLine & { row: number; warnings: BudgetProblemCode[] })[];
  problems: BudgetProblem[];
}

/** The identity of a line within a country and fiscal year. */
export function lineKey(
  line: Pick<BudgetLine, "country" | "fiscalYear" | "ministry" | "programme" | "nameEn" | "name">,
): string {
  return [line.country, line.fiscalYear, line.ministry, line.programme ?? "", line.nameEn || line.name]
    .map((part) => part.trim().toLowerCase())
    .join("\u001f");
}

/** Reads and checks every row of a budget-lines table; `rows[0]` is the header. */
export function readBudgetLines(
  rows: readonly (readonly string[])[],
  context: ReadLinesContext,
): ReadLinesResult {
  const problems: BudgetProblem[] = [];
  const [header = [], ...body] = rows;
  const columns = findColumns(header, LINE_COLUMNS);
  const missingColumns = REQUIRED.filter((c) => columns[c] === undefined);
  const hasAmountColumn = BUDGET_STAGES.some((s) => columns[s] !== undefined);
  for (const column of missingColumns) {
    problems.push({
      row: 1,
      column,
      code: "missingColumn",
      severity: "error",
      params: { column: LINE_COLUMNS[column][0] },
      message: `row 1: no "${LINE_COLUMNS[column][0]}" column (the header names the columns)`,
    });
  }
  if (!hasAmountColumn) {
    problems.push({
      row: 1,
      column: "allocated",
      code: "missingColumn",
      severity: "error",
      params: { column: "allocated" },
      message: 'row 1: no amount column ("proposed", "allocated", "revised" or "executed")',
    });
  }
  if (problems.length) return { lines: [], problems };

  const lines: ReadLinesResult["lines"] = [];
  const seen = new Map<string, number>();
  const currencies = new Map(context.currencyOf ?? []);
  body.forEach((cells, index) => {
    if (cells.every((c) => !c || c.trim() === "")) return;
    const fields = Object.fromEntries(
      (Object.keys(LINE_COLUMNS) as LineColumn[]).map((c) => {
        const at = columns[c];
        return [c, at === undefined ? "" : (cells[at] ?? "")];
      }),
    ) as LineFields;
    const checked = checkBudgetLine(fields, index + 2, { ...context, currencyOf: currencies });
    problems.push(...checked.problems);
    if (!checked.line) return;
    currencies.set(checked.line.country, checked.line.currency);
    const key = lineKey(checked.line);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        row: index + 2,
        column: null,
        code: "duplicateLine",
        severity: "error",
        params: { row: index + 2, other: earlier },
        message: `row ${index + 2}: the same line as row ${earlier} (country, fiscal year, ministry, programme and name)`,
      });
      return;
    }
    seen.set(key, index + 2);
    lines.push(checked.line);
  });
  return { lines, problems };
}

/** A line as text, field by field (a row of a table, or a form's fields). */
export type LineFields = Record<LineColumn, string>;

/**
 * Checks one line given as text: every problem by column, errors and warnings. The line
 * comes back when it has no error (with its warnings), null otherwise. `row` names it in
 * messages (a file's row; 1 for a form).
 */
export function checkBudgetLine(
  fields: LineFields,
  row: number,
  context: ReadLinesContext,
): { line: (BudgetLine & { row: number; warnings: BudgetProblemCode[] }) | null; problems: BudgetProblem[] } {
  const problems: BudgetProblem[] = [];
  const cell = (column: LineColumn) => (fields[column] ?? "").trim();
  const problem = (
    column: LineColumn | null,
    code: BudgetProblemCode,
    message: string,
    params: Record<string, string | number> = {},
    severity: "error" | "warning" = "error",
  ) => {
    problems.push({
      row,
      column,
      code,
      severity,
      params: { row, ...params },
      message: `row ${row}: ${message}`,
    });
    return code;
  };

  for (const column of ["country", "fiscalYear", "name", "sector", "currency"] as const) {
    if (!cell(column))
      problem(column, "missingValue", `"${LINE_COLUMNS[column][0]}" is empty`, {
        column: LINE_COLUMNS[column][0],
      });
  }
  const country = cell("country").toUpperCase();
  if (country && !context.countries.has(country)) {
    problem("country", "unknownCountry", `country "${country}" is not one you may enter budgets for`, {
      value: country,
    });
  }
  let fiscalYear = cell("fiscalYear");
  if (fiscalYear && country) {
    const reading = readFiscalYear(fiscalYear, country);
    if (reading.ok) fiscalYear = reading.label;
    else if (reading.reason === "unreadable") {
      problem(
        "fiscalYear",
        "fiscalYearUnreadable",
        `fiscal year "${fiscalYear}" is not a year like ${reading.expected}`,
        { value: fiscalYear, expected: reading.expected },
      );
    } else {
      problem(
        "fiscalYear",
        "fiscalYearMismatch",
        `fiscal year "${fiscalYear}" does not match ${country}'s budget calendar (write it like ${reading.expected})`,
        { value: fiscalYear, expected: reading.expected, country },
      );
    }
  }
  const sector = cell("sector").toLowerCase();
  if (sector && !context.sectors.has(sector)) {
    problem(
      "sector",
      "unknownSector",
      `sector "${cell("sector")}" is not in the classification (${[...context.sectors].join(", ")})`,
      { value: cell("sector"), expected: [...context.sectors].join(", ") },
    );
  }
  const currency = cell("currency").toUpperCase();
  if (currency && !isCurrency(currency)) {
    problem(
      "currency",
      "unknownCurrency",
      `currency "${cell("currency")}" is not an ISO 4217 code such as MDL or EUR`,
      {
        value: cell("currency"),
      },
    );
  } else if (currency && country) {
    const known = context.currencyOf?.get(country);
    if (known && known !== currency) {
      problem("currency", "mixedCurrency", `${country}'s budget lines are in ${known}, not ${currency}`, {
        value: currency,
        expected: known,
        country,
      });
    }
  }

  const amounts = {} as Record<BudgetStage, number | null>;
  for (const stage of BUDGET_STAGES) {
    const text = cell(stage);
    const value = readAmount(text);
    amounts[stage] = null;
    if (value === null) continue;
    if (Number.isNaN(value)) {
      problem(
        stage,
        "notANumber",
        `${stage} "${text}" is not a number (write 1234567.89, without currency signs)`,
        {
          column: stage,
          value: text,
        },
      );
    } else if (value < 0) {
      problem(stage, "negativeAmount", `${stage} is negative (${text})`, { column: stage, value: text });
    } else amounts[stage] = value;
  }
  const warnings: BudgetProblemCode[] = [];
  if (!BUDGET_STAGES.some((s) => cell(s) !== "")) {
    problem(null, "noAmount", "no amount: give at least the allocated or executed amount");
  }
  if (amounts.executed !== null && amounts.allocated !== null && amounts.executed > amounts.allocated) {
    warnings.push(
      problem(
        "executed",
        "executedAboveAllocated",
        `executed (${amounts.executed}) is above allocated (${amounts.allocated}): check it, or give the revised amount`,
        { executed: amounts.executed, allocated: amounts.allocated },
        "warning",
      ),
    );
  }
  const url = cell("sourceUrl");
  if (url && !/^https?:\/\/\S+$/i.test(url)) {
    problem("sourceUrl", "notAUrl", `source URL "${url}" is not a web address starting with https://`, {
      value: url,
    });
  }
  if (problems.some((p) => p.severity === "error")) return { line: null, problems };
  return {
    problems,
    line: {
      row,
      warnings,
      country,
      fiscalYear,
      name: cell("name"),
      nameEn: cell("nameEn") || cell("name"),
      ministry: cell("ministry"),
      programme: cell("programme") || null,
      sector,
      cofog: cell("cofog") || null,
      currency,
      amounts,
      sourceDocument: cell("sourceDocument") || null,
      sourcePage: cell("sourcePage") || null,
      sourceUrl: url || null,
    },
  };
}
