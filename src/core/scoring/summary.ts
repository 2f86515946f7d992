import { cellIndex, type ScoreTable } from "./engine.ts";

/** Mean score of the entities that have one, per period and column (NaN when none). */
export function regionalAverages(table: ScoreTable, entities?: readonly string[]): Float64Array {
  const width = table.columns.length;
  const wanted = entities ? new Set(entities) : null;
  const out = new Float64Array(table.periods.length * width).fill(Number.NaN);
  for (let p = 0; p < table.periods.length; p++) {
    for (let c = 0; c < width; c++) {
      let sum = 0;
      let count = 0;
      table.entities.forEach((entity, e) => {
        if (wanted && !wanted.has(entity)) return;
        const s = table.score[cellIndex(table, p, e, c)]!;
        if (!Number.isNaN(s)) {
          sum += s;
          count++;
        }
      });
      if (count) out[p * width + c] = sum / count;
    }
  }
  return out;
}

/**
 * Change of a cell's score since the entity's closest earlier period that has
 * a score for the same column; NaN when there is none.
 */
export function changeSincePrevious(
  table: ScoreTable,
  period: number,
  entity: number,
  column: number,
): number {
  const now = table.score[cellIndex(table, period, entity, column)]!;
  if (Number.isNaN(now)) return Number.NaN;
  for (let p = period - 1; p >= 0; p--) {
    const before = table.score[cellIndex(table, p, entity, column)]!;
    if (!Number.isNaN(before)) return now - before;
  }
  return Number.NaN;
}
