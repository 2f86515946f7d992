import type { AnswerValue } from "./normalise.ts";

/** One answer: the value an entity (a country) gave an indicator in a period (a cycle or year). */
export interface Answer {
  entity: string;
  period: string;
  indicator: string;
  value: AnswerValue | null;
}

export type ColumnKind = "indicator" | "node" | "classification";

export interface ScoreColumn {
  /** Indicator or node code, or `classification:value`. */
  key: string;
  kind: ColumnKind;
}

/**
 * Every score of every entity and period, in flat typed arrays indexed by
 * `(periodIndex * entities.length + entityIndex) * columns.length + column`.
 * Scores are in displayed units (0 to the framework's score scale), unrounded; NaN is "no score".
 */
export interface ScoreTable {
  entities: string[];
  periods: string[];
  columns: ScoreColumn[];
  score: Float64Array;
  /** Share (0–1) of the weight below the item that had data; NaN when not applicable. */
  coverage: Float64Array;
  /** Competition rank among entities of the period (1, 2, 2, 4), 0 when unranked. */
  rank: Int32Array;
  /** Index into the framework's bands, -1 when none. */
  band: Int16Array;
  /** 1 when the entity has answers in the period. */
  present: Uint8Array;
  /** 1 on an indicator cell whose value was imputed by a node's policy (not answered); 0 elsewhere. */
  imputed: Uint8Array;
  /** Answers that could not be used, with the reason. */
  skipped: { answer: Answer; reason: string }[];
}

/** Position of a cell in the flat arrays of a table. */
export function cellIndex(table: ScoreTable, period: number, entity: number, column: number): number {
  return (period * table.entities.length + entity) * table.columns.length + column;
}
