/* The sheets and columns of a plan's XLSX template; the writer and the reader share them. */

export const PLAN_SHEETS = {
  instructions: "Instructions",
  plan: "Plan",
  nodes: "Nodes",
  indicators: "Indicators",
  values: "Values",
} as const;

/** Plan rows: a section (title, level, period, category, category value) and its fields. */
export const PLAN_COLUMNS = ["section", "key", "label", "startsOn", "endsOn"] as const;
export const NODE_COLUMNS = [
  "code",
  "parent",
  "level",
  "responsible",
  "startsOn",
  "endsOn",
  "rollUp",
  "weight",
] as const;
export const INDICATOR_COLUMNS = [
  "code",
  "node",
  "type",
  "unit",
  "scaleMin",
  "scaleMax",
  "direction",
  "cumulation",
  "baselineValue",
  "baselineDate",
  "weight",
  "disaggregations",
  "link",
] as const;
export const VALUE_COLUMNS = ["indicator", "period", "kind", "value", "narrative"] as const;
export const VALUE_TAIL_COLUMNS = ["comment", "evidence", "version"] as const;
/** Columns written to help whoever fills the workbook; the import ignores them. */
export const INFO_COLUMNS = new Set(["indicator title", "period label"]);

/** A text column per language: `title:en`, `name:fr`. */
export const textColumn = (field: string, lang: string) => `${field}:${lang}`;
/** A breakdown column per category value: `sex=female`. */
export const breakdownColumn = (category: string, value: string) => `${category}=${value}`;

export const PLAN_SECTIONS = ["title", "level", "period", "category", "category value"] as const;
