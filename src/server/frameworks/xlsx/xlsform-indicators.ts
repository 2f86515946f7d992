import { isChecklistList, whyNotScored } from "./xlsform-questions.ts";
import { type ImportNote, toCode, toLocalText, type XlsFormRow } from "./xlsform-sheets.ts";

/** A choice of an XLSForm list, with its row for labels. */
export type Choice = { row: XlsFormRow; code: string };
/** Choices by list; a repeated choice (used with choice filters) is kept once and reported. */
export function groupChoices(rows: XlsFormRow[], report: ImportNote[]): Map<string, Choice[]> {
  const lists = new Map<string, Choice[]>();
  for (const row of rows) {
    const list = row.fields.get("list_name") ?? "";
    const code = row.fields.get("name") ?? "";
    if (!list || !code) continue;
    const known = lists.get(list) ?? [];
    if (known.some((c) => c.code === code)) {
      report.push({
        sheet: "choices",
        row: row.row,
        type: list,
        name: code,
        action: "skipped",
        reason: `choice "${code}" appears again in list "${list}"; the first one is kept`,
      });
      continue;
    }
    lists.set(list, [...known, { row, code }]);
  }
  return lists;
}

/**
 * Turns one imported question into an indicator object (before validation):
 * `integer`/`decimal` → number, yes/no lists → checklist, other lists → scale
 * with evenly spaced scores. Returns undefined, after a report note, otherwise.
 */
export function toIndicator(
  type: string,
  base: Record<string, unknown>,
  lists: Map<string, Choice[]>,
  langs: { codeOf: (raw: string) => string; defaultLanguage: string },
  note: (action: ImportNote["action"], reason: string) => void,
  parameters = "",
): Record<string, unknown> | undefined {
  if (type === "integer" || type === "decimal") {
    note(
      "assumed",
      "imported as a number scored between the lowest and highest value in the data, higher is better; set goalposts and direction",
    );
    return { ...base, type: "number", scoring: { min: "data", max: "data", direction: "higher" } };
  }
  if (type === "range") return toRangeIndicator(base, parameters, note);
  const select = /^select_one (\S+)(?: (or_other))?$/.exec(type);
  if (!select) {
    note("skipped", whyNotScored(type));
    return undefined;
  }
  const listName = select[1] ?? "";
  if (select[2]) note("ignored", "the 'other' option is not imported");
  const list = lists.get(listName);
  if (!list || list.length < 2) {
    note(
      "skipped",
      list
        ? `choice list "${listName}" has fewer than two choices`
        : `choice list "${listName}" is not on the choices sheet`,
    );
    return undefined;
  }
  if (isChecklistList(list.map((c) => c.code))) {
    if (list.some((c) => Object.keys(toLocalText(c.row, "label", langs.codeOf)).length > 0)) {
      note(
        "ignored",
        `labels of list "${listName}" are not imported: a checklist shows its own yes/partially/no labels`,
      );
    }
    return { ...base, type: "checklist" };
  }
  const bad = list.find((c) => toCode(c.code) !== c.code);
  if (bad) {
    note(
      "skipped",
      `choice "${bad.code}" of list "${listName}" is not a valid code (letters, digits, _ . : -)`,
    );
    return undefined;
  }
  note(
    "assumed",
    `scale scores spaced evenly from 0 (first choice "${list[0]?.code}") to 1 (last choice "${list[list.length - 1]?.code}"); review them`,
  );
  const choices = list.map((c, i) => {
    const label = toLocalText(c.row, "label", langs.codeOf);
    if (!label[langs.defaultLanguage]) label[langs.defaultLanguage] = c.code;
    return { code: c.code, label, score: roundScore(i / (list.length - 1)) };
  });
  return { ...base, type: "scale", scoring: { choices } };
}

function roundScore(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A `range` question (`parameters`: `start=0 end=10 step=1`) becomes a number scored between its ends. */
function toRangeIndicator(
  base: Record<string, unknown>,
  parameters: string,
  note: (action: ImportNote["action"], reason: string) => void,
): Record<string, unknown> {
  const param = (key: string, fallback: number) => {
    const value = Number(new RegExp(`(?:^|[\\s;,])${key}\\s*=\\s*(-?[\\d.]+)`).exec(parameters)?.[1]);
    return Number.isFinite(value) ? value : fallback;
  };
  const [start, end] = [param("start", 1), param("end", 10)];
  const [min, max] = start <= end ? [start, end] : [end, start];
  if (min === max) {
    note(
      "assumed",
      `range from ${min} to ${max} has no width; scored between the lowest and highest value in the data`,
    );
    return { ...base, type: "number", scoring: { min: "data", max: "data", direction: "higher" } };
  }
  note(
    "assumed",
    `range imported as a number scored from ${min} to ${max}, higher is better; check the direction`,
  );
  return { ...base, type: "number", scoring: { min, max, direction: "higher" } };
}
