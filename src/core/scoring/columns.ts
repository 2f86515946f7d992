import type { CompiledFramework } from "./compile.ts";
import { collectRawValues } from "./raw-values.ts";
import type { Answer, ScoreTable } from "./score-table.ts";

/**
 * Answers laid out as columns: one run of raw values per indicator, each run
 * holding one number per row, a row being an entity in a period
 * (`row = periodIndex * entities.length + entityIndex`). The value of
 * indicator `i` in row `r` is `values[i * rows + r]`: the checklist or scale
 * score, or the (log-transformed) number; NaN when there is no usable value,
 * `NOT_APPLICABLE_MARK` (+Infinity) for a checklist "not applicable".
 */
export interface AnswerColumns {
  /** Sorted by code unit order. */
  entities: string[];
  /** Sorted by `sortPeriods`. */
  periods: string[];
  /** `periods.length * entities.length`. */
  rows: number;
  values: Float64Array;
  /** 1 when the entity has answers in the period, by row. */
  present: Uint8Array;
  /** Answers that could not be used, with the reason. */
  skipped: ScoreTable["skipped"];
}

/** The raw values of indicator `i`, one per row (a view, not a copy). */
export function indicatorColumn(columns: AnswerColumns, i: number): Float64Array {
  return columns.values.subarray(i * columns.rows, (i + 1) * columns.rows);
}

/**
 * Lays answers out as columns, applying the indicators' answer rules
 * (checklist and scale scores, log transform) and listing unusable answers.
 * When an indicator is answered twice, the last usable value wins.
 */
export function answerColumns(cf: CompiledFramework, answers: Iterable<Answer>): AnswerColumns {
  const n = cf.indicators.length;
  const skipped: ScoreTable["skipped"] = [];
  const raw = collectRawValues(cf, answers, skipped);
  const periods = sortPeriods([...raw.rows.keys()]);
  const entitySet = new Set<string>();
  for (const byEntity of raw.rows.values()) for (const e of byEntity.keys()) entitySet.add(e);
  const entities = [...entitySet].sort();
  const entityIndex = new Map(entities.map((e, i) => [e, i]));
  const rows = periods.length * entities.length;
  const values = new Float64Array(n * rows).fill(Number.NaN);
  const present = new Uint8Array(rows);
  const source = raw.values;
  periods.forEach((period, p) => {
    for (const [entity, row] of raw.rows.get(period)!) {
      const r = p * entities.length + entityIndex.get(entity)!;
      present[r] = 1;
      const from = row * n;
      for (let i = 0; i < n; i++) values[i * rows + r] = source[from + i]!;
    }
  });
  return { entities, periods, rows, values, present, skipped };
}

/** Sorts periods numerically when they are all numbers (years), otherwise as text. */
export function sortPeriods(periods: string[]): string[] {
  const numeric = periods.every((p) => p.trim() !== "" && Number.isFinite(Number(p)));
  return [...periods].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b));
}
