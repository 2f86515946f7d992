import type { XlsFormRow } from "./xlsform-sheets.ts";

/** Answers read as a checklist: exactly yes/no, or yes/partially/no (the engine's checklist codes). */
const CHECKLIST_SETS = [
  ["no", "yes"],
  ["no", "partially", "yes"],
].map((s) => s.join(","));

/** True when a choice list's codes are the checklist's own answers, so answer data matches them. */
export function isChecklistList(codes: string[]): boolean {
  return CHECKLIST_SETS.includes(
    codes
      .map((c) => c.toLowerCase())
      .sort()
      .join(","),
  );
}

/** XLSForm metadata types: facts about the device, the person collecting or the time, never answers. */
export const FORM_METADATA: ReadonlySet<string> = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "start-geopoint",
  "uri:deviceid",
]);

/** Why each XLSForm question type that does not become an indicator is left out. */
export function whyNotScored(type: string): string {
  const base = type.split(/\s+/)[0] ?? type;
  if (base === "note") return "a note carries no answer";
  if (base === "text") return "free text cannot be scored";
  if (base === "select_multiple")
    return "several choices per answer cannot be scored as one indicator; split it into yes/no questions";
  if (base === "calculate") return "calculations are not run; compute the value and import it as a number";
  if (FORM_METADATA.has(base)) return "form metadata, not an answer";
  if (["image", "audio", "video", "file", "background-audio"].includes(base)) return "media cannot be scored";
  if (["date", "time", "datetime"].includes(base)) return "dates and times cannot be scored";
  if (["geopoint", "geotrace", "geoshape"].includes(base)) return "locations cannot be scored";
  if (base === "acknowledge" || base === "trigger") return "an acknowledgement carries no graded answer";
  if (base === "barcode") return "a barcode cannot be scored";
  if (type === "phone number") return "a phone number cannot be scored";
  if (base.startsWith("select_one_from_file") || base.startsWith("select_multiple_from_file"))
    return "choices from an external file cannot be read";
  if (base === "hidden" || base === "xml-external" || base === "csv-external")
    return "hidden or external data, not an answer";
  return `question type "${type}" is not supported`;
}

/** Normalises an XLSForm type: lower case, single spaces, `select one from L` → `select_one L`. */
export function normaliseType(raw: string): string {
  const type = raw.trim().replace(/\s+/g, " ").toLowerCase();
  const legacy = /^select (one|multiple) from (.+)$/.exec(type);
  if (legacy) return `select_${legacy[1]} ${legacy[2]}`;
  return type.replace(/^begin_/, "begin ").replace(/^end_/, "end ");
}

/** Expressions and options that change a question's meaning in a form but are not imported. */
export const IGNORED_COLUMNS: Record<string, string> = {
  relevant: "relevant (skip logic) expression is not imported; the question is always scored",
  constraint: "constraint expression is not imported; check values before scoring",
  calculation: "calculation is not run",
  choice_filter: "choice filter is not imported; all choices are kept",
  default: "default value is not imported",
  repeat_count: "repeat count is not imported",
  trigger: "trigger is not imported",
};

/** The ignored expressions of a row, one report reason each. */
export function ignoredParts(row: XlsFormRow): string[] {
  return Object.entries(IGNORED_COLUMNS)
    .filter(([column]) => (row.fields.get(column) ?? "") !== "")
    .map(([column, reason]) => `${reason} (${column}: ${row.fields.get(column)})`);
}
