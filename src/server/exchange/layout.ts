/**
 * The sheets and columns of the offline answers workbook, shared by the writer
 * and the importer so the two cannot disagree. The importer finds columns by
 * header name, so a person may reorder or hide columns without breaking it.
 */
export const EXCHANGE_SHEETS = { readMe: "read me", answers: "answers", lists: "lists" } as const;

export const ANSWER_COLUMNS = [
  { key: "section", header: "section", width: 32 },
  { key: "indicator", header: "indicator", width: 12 },
  { key: "question", header: "question", width: 60 },
  { key: "guidance", header: "guidance", width: 50 },
  { key: "type", header: "type", width: 11 },
  { key: "allowed", header: "allowed values", width: 26 },
  { key: "value", header: "value", width: 16 },
  { key: "justification", header: "justification", width: 45 },
  { key: "version", header: "version", width: 9 },
  { key: "evidence", header: "evidence", width: 9 },
  { key: "review", header: "review state", width: 14 },
] as const;

export type AnswerColumnKey = (typeof ANSWER_COLUMNS)[number]["key"];

/** Columns the importer cannot do without. */
export const REQUIRED_COLUMNS: readonly AnswerColumnKey[] = [
  "indicator",
  "value",
  "justification",
  "version",
];

/** Columns a person fills in; every other column is for reading only. */
export const EDITABLE_COLUMNS: ReadonlySet<AnswerColumnKey> = new Set(["value", "justification"]);

/** Label in the "read me" sheet under which the assessment id is kept, checked on import. */
export const ASSESSMENT_ID_LABEL = "assessment id";

export const CHECKLIST_VALUES = ["yes", "partially", "no", "na"] as const;

/** Longest value and justification accepted, as in data entry. */
export const MAX_VALUE_LENGTH = 2000;
export const MAX_JUSTIFICATION_LENGTH = 20000;
