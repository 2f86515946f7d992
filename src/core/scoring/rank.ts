import type { Band } from "../framework/model.ts";
import type { ScoreTable } from "./score-table.ts";

// Precision is 0–10 decimals; a table lookup is cheaper than `**` on every cell.
const POWERS_OF_TEN = Array.from({ length: 11 }, (_, i) => 10 ** i);

/**
 * Rounds half away from zero on the exact decimal value of `x`, as
 * `toFixed` does, but without formatting in the common case.
 */
export function roundTo(x: number, decimals: number): number {
  const f = POWERS_OF_TEN[decimals] ?? 10 ** decimals;
  const scaled = x * f;
  const frac = Math.abs(scaled - Math.trunc(scaled));
  // Near a tie the product may be off by one unit in the last place: let toFixed decide.
  if (Math.abs(frac - 0.5) < 1e-7) return Number(x.toFixed(decimals));
  return Math.round(scaled) / f;
}

/**
 * Competition ranks (1, 2, 2, 4) per period and node or classification column,
 * on scores rounded to the published precision, highest first.
 */
export function rankColumns(table: ScoreTable, precision: number): void {
  const { entities, periods, columns } = table;
  const width = columns.length;
  const rounded = new Float64Array(entities.length);
  const sorted = new Float64Array(entities.length);
  const round = roundTo; // local alias: tsx may run this module as CommonJS
  for (let p = 0; p < periods.length; p++) {
    const periodStart = p * entities.length;
    for (let c = 0; c < width; c++) {
      if (columns[c]!.kind === "indicator") continue;
      let count = 0;
      for (let e = 0; e < entities.length; e++) {
        const s = table.score[(periodStart + e) * width + c]!;
        if (Number.isNaN(s) || !table.present[periodStart + e]) {
          rounded[e] = Number.NaN;
          continue;
        }
        rounded[e] = round(s, precision);
        sorted[count++] = rounded[e]!;
      }
      // A native numeric sort, then rank = 1 + the number of strictly higher scores (1, 2, 2, 4).
      const ascending = sorted.subarray(0, count).sort();
      for (let e = 0; e < entities.length; e++) {
        const x = rounded[e]!;
        if (Number.isNaN(x)) continue;
        // First position holding a value above x.
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ascending[mid]! > x) hi = mid;
          else lo = mid + 1;
        }
        table.rank[(periodStart + e) * width + c] = count - lo + 1;
      }
    }
  }
}

/** Finds the band of a rounded score: min inclusive, max exclusive except for the top band. */
export function findBand(bands: readonly Band[], score: number): number {
  let top = -1;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (score >= b.min && score < b.max) return i;
    if (top === -1 || b.max > bands[top]!.max) top = i;
  }
  return top >= 0 && score === bands[top]!.max ? top : -1;
}

/** Sets the band of every scored cell, using the score rounded to the published precision. */
export function assignBands(table: ScoreTable, bands: readonly Band[], precision: number): void {
  if (bands.length === 0) return;
  // findBand's rule over typed copies of the bounds: this loop runs once per cell.
  const count = bands.length;
  const min = Float64Array.from(bands, (b) => b.min);
  const max = Float64Array.from(bands, (b) => b.max);
  const top = findBand(bands, Math.max(...max));
  const topMax = max[top]!;
  const { score, band } = table;
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    if (Number.isNaN(s)) continue;
    const r = roundTo(s, precision);
    let found = -1;
    for (let k = 0; k < count; k++) {
      if (r >= min[k]! && r < max[k]!) {
        found = k;
        break;
      }
    }
    band[i] = found < 0 && r === topMax ? top : found;
  }
}
