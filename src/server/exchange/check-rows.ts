import type ExcelJS from "exceljs";
import type { Framework, Indicator } from "../../core/index.ts";
import { hasNul, nulProblem } from "../app/refuse-nul.ts";
import { isSameValue, presentValue, type StoredValue, typeAnswerInput } from "../assessments/answer-value.ts";
import { UserError } from "../errors.ts";
import { cellText } from "../frameworks/xlsx/cells.ts";
import type { CurrentRow } from "./current-answers.ts";
import {
  type AnswerColumnKey,
  EXCHANGE_SHEETS,
  MAX_JUSTIFICATION_LENGTH,
  MAX_VALUE_LENGTH,
} from "./layout.ts";
import type { AnswerSheet } from "./read-answers-sheet.ts";
import type { ImportProblem } from "./schemas.ts";

/** One answer the import will save, with the version its row was exported with. */
export interface PlannedChange {
  row: number;
  indicatorCode: string;
  value: string | number | null;
  justification: string | null;
  expectedVersion: number;
}

export interface CheckedRows {
  changes: PlannedChange[];
  unchanged: number;
  problems: ImportProblem[];
}

const EMPTY: StoredValue = { valueText: null, valueNumber: null, justification: null };

/**
 * Checks every row of an answers sheet before anything is written: known and
 * unrepeated indicator codes, values typed by the same rules as data entry,
 * and, for rows that change an answer, the contributor's sections and the
 * exported version (a different current version is a conflict). Rows equal
 * to the stored answer are not checked for sections, so a section-limited
 * contributor can send back the whole exported workbook.
 */
export function checkRows(input: {
  sheet: AnswerSheet;
  framework: Framework;
  current: ReadonlyMap<string, CurrentRow>;
  assessmentId: string;
  mayWrite: (indicatorCode: string) => boolean;
}): CheckedRows {
  const { sheet, current } = input;
  const problems: ImportProblem[] = [];
  const at = (row: number, key: AnswerColumnKey | null, indicator: string | null, message: string) => {
    const column = key ? sheet.columns[key] : undefined;
    const p: ImportProblem = {
      sheet: EXCHANGE_SHEETS.answers,
      row,
      column: column?.letter ?? null,
      field: column?.header ?? key,
      indicator,
      message,
    };
    problems.push(p);
    return p;
  };
  if (sheet.assessmentId && sheet.assessmentId.value !== input.assessmentId) {
    problems.push({
      sheet: EXCHANGE_SHEETS.readMe,
      row: sheet.assessmentId.row,
      column: "B",
      field: "assessment id",
      indicator: null,
      message: "this workbook was exported from another assessment: export this assessment and fill that one",
    });
  }

  const byCode = new Map(input.framework.indicators.map((i) => [i.code, i]));
  const firstRow = new Map<string, number>();
  const changes: PlannedChange[] = [];
  let unchanged = 0;
  for (const { row, cells } of sheet.rows) {
    const code = cellText(cells.indicator).trim();
    if (!code) {
      at(row, "indicator", null, "no indicator code on this row: rows must come from the exported workbook");
      continue;
    }
    const indicator = byCode.get(code);
    if (!indicator) {
      at(row, "indicator", code, `unknown indicator "${code}": it is not in this assessment's framework`);
      continue;
    }
    const seenAt = firstRow.get(code);
    if (seenAt !== undefined) {
      at(
        row,
        "indicator",
        code,
        `${code} appears twice (first on row ${seenAt}): keep one row per indicator`,
      );
      continue;
    }
    firstRow.set(code, row);

    const version = readVersion(cells.version);
    if (typeof version === "string") at(row, "version", code, version);
    const value = readValue(indicator, cells.value);
    if (typeof value === "object" && value !== null) {
      at(row, "value", code, value.problem);
      continue;
    }
    const justification = cellText(cells.justification);
    if (hasNul(justification)) {
      at(row, "justification", code, nulProblem("the justification"));
      continue;
    }
    if (justification.length > MAX_JUSTIFICATION_LENGTH) {
      at(
        row,
        "justification",
        code,
        `the justification is longer than ${MAX_JUSTIFICATION_LENGTH} characters`,
      );
      continue;
    }
    let next: StoredValue;
    try {
      next = typeAnswerInput(indicator, value, justification);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const [field, ...rest] = error.message.split(": ");
      const key = field === "justification" ? "justification" : "value";
      at(row, key, code, rest.join(": ") || error.message);
      continue;
    }
    const stored = current.get(code);
    if (isSameValue(stored ?? EMPTY, next)) {
      unchanged++;
      continue;
    }
    if (!input.mayWrite(code)) {
      at(row, "indicator", code, `you may not answer ${code}: it is outside the sections assigned to you`);
      continue;
    }
    if (typeof version === "string") continue;
    if (version !== (stored?.version ?? 0)) {
      const p = at(
        row,
        "version",
        code,
        `conflict: ${code} was changed by ${stored?.updatedBy ?? "someone else"} since your export (version ${version}, now ${stored?.version ?? 0}, value ${JSON.stringify(presentValue(stored ?? EMPTY))}); compare, then export again or answer it online`,
      );
      p.current = {
        value: presentValue(stored ?? EMPTY),
        justification: stored?.justification ?? null,
        version: stored?.version ?? 0,
        updatedBy: stored?.updatedBy ?? null,
      };
      continue;
    }
    changes.push({
      row,
      indicatorCode: code,
      value,
      justification: next.justification,
      expectedVersion: version,
    });
  }
  return { changes, unchanged, problems };
}

/** The exported version: a whole number from 0; otherwise a message. */
function readVersion(cell: ExcelJS.CellValue | undefined): number | string {
  const text = cellText(cell).trim();
  if (text === "") return "the version is empty: do not edit the version column";
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) return `"${text}" is not a version: do not edit the version column`;
  return n;
}

/** The cell as data entry would send it: text for checklist and scale, a number otherwise, null when empty. */
function readValue(
  ind: Indicator,
  cell: ExcelJS.CellValue | undefined,
): string | number | null | { problem: string } {
  const text = cellText(cell).trim();
  if (text === "") return null;
  if (hasNul(text)) return { problem: nulProblem("the value") };
  if (text.length > MAX_VALUE_LENGTH)
    return { problem: `the value is longer than ${MAX_VALUE_LENGTH} characters` };
  if (ind.type === "checklist" || ind.type === "scale") return text;
  if (typeof cell === "number") return cell;
  // A decimal comma typed as text ("12,5") is what a French or Romanian spreadsheet user means.
  const n = Number(/^-?\d+,\d+$/.test(text) ? text.replace(",", ".") : text);
  if (!Number.isFinite(n)) return { problem: `"${text}" is not a number; ${ind.code} takes a number` };
  return n;
}
