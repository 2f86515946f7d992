import { cellIndex, type ScoreTable } from "./engine.ts";
import { roundTo } from "./rank.ts";

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
  return now - previousScore(table, period, entity, column);
}

/**
 * The change between two scores as every page shows it: the difference of the scores as
 * published (each rounded to the framework's precision), rounded again. A reader who sees
 * 60.5 now and 56.3 before reads +4.2, never the +4.1 of the unrounded 60.46 − 56.34.
 * The workspace's scores and the portal's release snapshot both take their change from here.
 */
export function scoreChange(now: number | null, before: number | null, precision: number): number | null {
  if (now === null || before === null || Number.isNaN(now) || Number.isNaN(before)) return null;
  return roundTo(roundTo(now, precision) - roundTo(before, precision), precision);
}

/** The score of a cell in the entity's closest earlier period that has one for the same column (NaN when none). */
export function previousScore(table: ScoreTable, period: number, entity: number, column: number): number {
  for (let p = period - 1; p >= 0; p--) {
    const before = table.score[cellIndex(table, p, entity, column)]!;
    if (!Number.isNaN(before)) return before;
  }
  return Number.NaN;
}

/** A scored area that may be named as a strength or a weakness. */
export interface ScoredArea {
  label: string;
  score: number;
}

/**
 * The strongest and the weakest of a country's areas, as every page and report names them: at
 * most `n` of each, ranked by the score as published (rounded to the framework's precision; ties
 * by label), and never the same area in both lists — with fewer than 2n areas each list takes
 * half, so an area named a strength always scores at least as high as every area named weakest.
 * The weakest come lowest first.
 */
export function strengthsAndWeakest<T extends ScoredArea>(
  areas: readonly T[],
  precision: number,
  n = 5,
  locale = "en",
): { strengths: T[]; weakest: T[] } {
  const ranked = areas
    .filter((a) => Number.isFinite(a.score))
    .map((a) => ({ a, shown: roundTo(a.score, precision) }))
    .sort((x, y) => y.shown - x.shown || x.a.label.localeCompare(y.a.label, locale))
    .map((x) => x.a);
  const k = Math.min(n, Math.floor(ranked.length / 2));
  return { strengths: ranked.slice(0, k), weakest: ranked.slice(ranked.length - k).reverse() };
}
