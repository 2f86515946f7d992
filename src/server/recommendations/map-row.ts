import {
  excelSerialToIsoDate,
  type LocalText,
  MECHANISMS,
  type Mechanism,
  type Position,
  parseMechanism,
  parsePosition,
  splitList,
} from "../../core/index.ts";
import { hasNul, nulProblem } from "../app/refuse-nul.ts";
import type { ImportField, Preset } from "./fields.ts";
import type { TableRow } from "./read-table.ts";

/** A recommendation read from one row of a file, checked, before it is stored. */
export interface ImportedRecommendation {
  line: number;
  mechanism: Mechanism;
  session: string | null;
  cycle: string | null;
  documentSymbol: string | null;
  paragraph: string | null;
  issuedOn: string | null;
  stateName: string;
  recommendingStates: string[];
  text: LocalText;
  position: Position | null;
  positionSource: string | null;
  actionCategory: number | null;
  themes: string[];
  affectedGroups: string[];
  uncrcArticles: string[];
  sdgTargets: string[];
}

/** A problem of one row: its kind (for grouping: "unknown position"), its line and the full message. */
export interface RowProblem {
  kind: string;
  line: number;
  message: string;
}

export type MapResult = { ok: true; value: ImportedRecommendation } | { ok: false; problems: RowProblem[] };

/**
 * Turns a row into a recommendation with the preset's column mapping, naming the line and the
 * column of every problem (empty text, unknown mechanism or position, bad category or date).
 */
export function mapRow(row: TableRow, preset: Preset, options: { state?: string }): MapResult {
  const columnOf: Partial<Record<ImportField, string>> = {};
  const field: Partial<Record<ImportField, string>> = { ...preset.constants };
  for (const [column, target] of Object.entries(preset.columns)) {
    if (column in row.cells) {
      const value = row.cells[column]!.trim();
      // An empty cell keeps the default given for the file (the mechanism chosen on the form).
      if (!value && field[target]) continue;
      field[target] = value;
      columnOf[target] = column;
    }
  }
  if (!field.state && options.state) field.state = options.state;
  const at = (f: ImportField) => `line ${row.line}${columnOf[f] ? `, column ${columnOf[f]}` : ""}`;
  const problems: RowProblem[] = [];
  const problem = (f: ImportField, kind: string, detail: string) =>
    problems.push({ kind, line: row.line, message: `${at(f)}: ${detail}` });
  const list = (f: ImportField) => splitList(field[f] ?? "", { commas: preset.listCommas });

  for (const f of Object.keys(field) as ImportField[])
    if (hasNul(field[f] ?? ""))
      problems.push({ kind: "NUL character", line: row.line, message: nulProblem(at(f)) });
  if (!field.text) problem("text", "empty text", "the recommendation text is empty");
  if (!field.state) problem("state", "empty State under review", "the State under review is empty");
  const mechanism = parseMechanism(field.mechanism ?? "");
  if (!mechanism)
    problem(
      "mechanism",
      "unknown mechanism",
      `unknown mechanism "${field.mechanism ?? ""}" (expected one of ${MECHANISMS.join(", ")}, or the committee's name)`,
    );
  const position = parsePosition(field.position ?? "");
  if (position === undefined)
    problem(
      "position",
      "unknown position",
      `unknown position "${field.position}" (expected Supported, Supported in part, Noted, Accepted, Voluntary pledge or empty)`,
    );
  let actionCategory: number | null = null;
  if (field.actionCategory) {
    actionCategory = Number(field.actionCategory);
    if (!Number.isInteger(actionCategory) || actionCategory < 1 || actionCategory > 5) {
      problem(
        "actionCategory",
        "action category not 1–5",
        `action category "${field.actionCategory}" is not a whole number 1–5`,
      );
    }
  }
  const issuedOn = readDate(field.date);
  if (issuedOn === undefined)
    problem("date", "unreadable date", `"${field.date}" is not a date (YYYY-MM-DD or an Excel date)`);
  if (problems.length > 0 || !mechanism || position === undefined || issuedOn === undefined) {
    return { ok: false, problems };
  }

  const text: LocalText = { en: field.text! };
  for (const lang of ["fr", "es", "ar", "ru", "zh"] as const) {
    const value = field[`text.${lang}`];
    if (value) text[lang] = value;
  }
  const session = field.session || null;
  const cycle = field.cycle || (mechanism === "upr" && session ? uprCycleOf(session) : null);
  return {
    ok: true,
    value: {
      line: row.line,
      mechanism,
      session,
      cycle,
      documentSymbol: field.documentSymbol || null,
      paragraph: field.paragraph || null,
      issuedOn,
      stateName: field.state!,
      recommendingStates: list("recommendingStates"),
      text,
      position,
      positionSource: field.positionSource || null,
      actionCategory,
      themes: list("themes"),
      affectedGroups: list("affectedGroups"),
      uncrcArticles: list("uncrcArticles"),
      sdgTargets: list("sdgTargets"),
    },
  };
}

/** An ISO day, an Excel serial day number, or empty (null); undefined when unreadable. */
function readDate(value: string | undefined): string | null | undefined {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d+(\.\d+)?$/.test(value)) return excelSerialToIsoDate(Number(value));
  const dmy = value.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`;
  return undefined;
}

/** UPR cycles: sessions 1–12 are the first cycle, then 14 sessions per cycle. */
function uprCycleOf(session: string): string | null {
  const n = Number(session);
  if (!Number.isInteger(n) || n < 1) return null;
  return String(n <= 12 ? 1 : 2 + Math.floor((n - 13) / 14));
}
