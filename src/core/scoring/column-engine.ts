import type { AnswerColumns } from "./columns.ts";
import type { CompiledFramework } from "./compile.ts";
import { goalposts, isNumeric, normalise } from "./normalise.ts";
import { assignBands, rankColumns } from "./rank.ts";
import { NOT_APPLICABLE_MARK } from "./raw-values.ts";
import type { ScoreColumn, ScoreTable } from "./score-table.ts";

/**
 * Working scores of every item (indicators first, then nodes) for every row,
 * item-major: the value of item `k` in row `r` is at `k * rows + r`.
 * A score is 0–1, NaN when missing.
 */
export interface ColumnState {
  rows: number;
  score: Float64Array;
  coverage: Float64Array;
  /** 1 when the item is not applicable in the row (left out of its parent's weights). */
  excluded: Uint8Array;
}

/** Rows scored together: small enough for the working arrays of every item to stay in cache. */
const CHUNK_ROWS = 128;

/**
 * Scores answer columns: indicators, every node, every classification value,
 * coverage, bands and ranks. Rows are taken a chunk at a time (within a
 * period, whose data goalposts are computed first), with one pass over the
 * chunk per indicator and per node. Gives the very same table as the
 * row-by-row engine (same operations in the same order for every row).
 * Pure and deterministic.
 */
export function scoreColumns(cf: CompiledFramework, input: AnswerColumns): ScoreTable {
  const n = cf.indicators.length;
  const itemCount = n + cf.nodeCodes.length;
  const { entities, periods, rows, present } = input;
  const columns: ScoreColumn[] = [
    ...cf.indicators.map((ind) => ({ key: ind.code, kind: "indicator" as const })),
    ...cf.nodeCodes.map((code) => ({ key: code, kind: "node" as const })),
    ...cf.lenses.map((lens) => ({ key: lens.key, kind: "classification" as const })),
  ];
  const width = columns.length;
  const cells = rows * width;
  const table: ScoreTable = {
    entities,
    periods,
    columns,
    score: new Float64Array(cells),
    coverage: new Float64Array(cells),
    rank: new Int32Array(cells),
    band: new Int16Array(cells).fill(-1),
    present: Uint8Array.from(present),
    skipped: input.skipped,
  };
  // Rows without answers have no score; the others are all written below.
  for (let r = 0; r < rows; r++) {
    if (present[r]) continue;
    table.score.fill(Number.NaN, r * width, (r + 1) * width);
    table.coverage.fill(Number.NaN, r * width, (r + 1) * width);
  }
  const state = createColumnState(itemCount, Math.min(CHUNK_ROWS, Math.max(1, entities.length)));
  const scratch = createScratch(state.capacity);
  const gp = createGoalposts(n);
  // Local aliases: tsx may run this module as CommonJS, with a getter call per use of an import.
  const aggregate = aggregateColumns;
  const fill = normaliseRows;
  const scale = cf.framework.scoreScale;
  const rootItem = n + cf.rootNode;
  for (let p = 0; p < periods.length; p++) {
    const periodStart = p * entities.length;
    const periodEnd = periodStart + entities.length;
    periodGoalposts(cf, input, periodStart, entities.length, gp);
    for (let start = periodStart; start < periodEnd; start += state.capacity) {
      fill(cf, input, start, Math.min(state.capacity, periodEnd - start), gp, state);
      aggregate(cf, state, cf.order, cf.children, scratch);
      writeItems(state, start, table, itemCount, scale);
      cf.lenses.forEach((lens, l) => {
        aggregate(cf, state, lens.order, lens.children, scratch);
        writeItem(state, rootItem, start, itemCount + l, table, scale);
      });
    }
  }
  const precision = cf.framework.precision;
  rankColumns(table, precision);
  assignBands(table, cf.framework.bands, precision);
  return table;
}

/** Copies items 0..itemCount-1 of the chunk into the table's first columns, for present rows. */
function writeItems(
  state: ColumnState,
  start: number,
  table: ScoreTable,
  itemCount: number,
  scale: number,
): void {
  const { rows, score, coverage, excluded } = state;
  const width = table.columns.length;
  const outScore = table.score;
  const outCoverage = table.coverage;
  const present = table.present;
  for (let j = 0; j < rows; j++) {
    if (!present[start + j]) continue;
    const out = (start + j) * width;
    for (let item = 0, at = j; item < itemCount; item++, at += rows) {
      outScore[out + item] = score[at]! * scale;
      outCoverage[out + item] = excluded[at] ? Number.NaN : coverage[at]!;
    }
  }
}

/** Copies one item of the chunk (times the score scale) into a table column, for present rows. */
function writeItem(
  state: ColumnState,
  item: number,
  start: number,
  column: number,
  table: ScoreTable,
  scale: number,
): void {
  const { rows, score, coverage, excluded } = state;
  const width = table.columns.length;
  const base = item * rows;
  for (let j = 0; j < rows; j++) {
    if (!table.present[start + j]) continue;
    const at = (start + j) * width + column;
    table.score[at] = score[base + j]! * scale;
    table.coverage[at] = excluded[base + j] ? Number.NaN : coverage[base + j]!;
  }
}

/** Working arrays for up to `capacity` rows; `rows` is the number in use (and the stride). */
export function createColumnState(itemCount: number, capacity: number): ColumnState & { capacity: number } {
  return {
    rows: capacity,
    capacity,
    score: new Float64Array(itemCount * capacity),
    coverage: new Float64Array(itemCount * capacity),
    excluded: new Uint8Array(itemCount * capacity),
  };
}

/** Goalposts of every indicator in one period (unused for checklist and scale indicators). */
export interface Goalposts {
  lo: Float64Array;
  hi: Float64Array;
}

export function createGoalposts(indicatorCount: number): Goalposts {
  return { lo: new Float64Array(indicatorCount), hi: new Float64Array(indicatorCount) };
}

/** The goalposts of each numeric indicator over `count` rows from `start` (one period): fixed, or the data's min and max. */
export function periodGoalposts(
  cf: CompiledFramework,
  input: AnswerColumns,
  start: number,
  count: number,
  out: Goalposts,
): void {
  const { rows, values } = input;
  for (let i = 0; i < cf.indicators.length; i++) {
    const ind = cf.indicators[i]!;
    if (!isNumeric(ind)) continue;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    if (ind.scoring.min === "data" || ind.scoring.max === "data") {
      const from = i * rows + start;
      for (let r = from; r < from + count; r++) {
        const v = values[r]!;
        if (Number.isNaN(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    const [lo, hi] = goalposts(ind, min, max);
    out.lo[i] = lo;
    out.hi[i] = hi;
  }
}

/**
 * Fills the indicator slots of the state with `count` rows from `start`
 * (within one period): checklist and scale scores as they are, numbers
 * normalised between the period's goalposts; coverage 1 when scored, and
 * "not applicable" marked as excluded.
 */
export function normaliseRows(
  cf: CompiledFramework,
  input: AnswerColumns,
  start: number,
  count: number,
  gp: Goalposts,
  state: ColumnState,
): void {
  const { rows, values } = input;
  state.rows = count;
  const { score, coverage, excluded } = state;
  const scale = normalise; // local aliases, see scoreColumns
  const numeric = isNumeric;
  const notApplicable = NOT_APPLICABLE_MARK;
  for (let i = 0; i < cf.indicators.length; i++) {
    const ind = cf.indicators[i]!;
    const from = i * rows + start;
    const to = i * count;
    const isNum = numeric(ind);
    const lo = gp.lo[i]!;
    const hi = gp.hi[i]!;
    const lower = isNum && ind.scoring.direction === "lower";
    const cap = isNum && ind.scoring.cap;
    for (let j = 0; j < count; j++) {
      const v = values[from + j]!;
      const at = to + j;
      if (Number.isNaN(v) || v === notApplicable) {
        excluded[at] = v === notApplicable ? 1 : 0;
        score[at] = Number.NaN;
        coverage[at] = 0;
        continue;
      }
      excluded[at] = 0;
      coverage[at] = 1;
      score[at] = isNum ? scale(v, lo, hi, lower, cap) : v;
    }
  }
}

/** Per-row accumulators of one node, reused from node to node. */
export interface Scratch {
  total: Float64Array;
  covered: Float64Array;
  scored: Float64Array;
  sum: Float64Array;
  zero: Uint8Array;
}

export function createScratch(rows: number): Scratch {
  return {
    total: new Float64Array(rows),
    covered: new Float64Array(rows),
    scored: new Float64Array(rows),
    sum: new Float64Array(rows),
    zero: new Uint8Array(rows),
  };
}

/**
 * Computes the nodes of `order` (children first) from their `children`, one
 * pass over all rows per child: the node's rule (arithmetic or geometric
 * mean, missing children reweighted or counted as 0, minimum coverage).
 * Children of weight 0 or not applicable in a row are left out of that row.
 */
export function aggregateColumns(
  cf: CompiledFramework,
  state: ColumnState,
  order: readonly number[],
  children: readonly Int32Array[],
  scratch: Scratch,
): void {
  const offset = cf.indicators.length;
  const { rows, score, coverage, excluded } = state;
  const { total, covered, scored, sum, zero } = scratch;
  const weight = cf.itemWeight;
  const nodes = cf.framework.nodes;
  for (let o = 0; o < order.length; o++) {
    const node = order[o]!;
    const def = nodes[node]!;
    const geometric = def.aggregation === "geometric";
    const zeroMissing = def.missing === "zero";
    total.fill(0);
    covered.fill(0);
    scored.fill(0);
    sum.fill(0);
    zero.fill(0);
    const list = children[node]!;
    for (let k = 0; k < list.length; k++) {
      const item = list[k]!;
      const w = weight[item]!;
      if (w <= 0) continue;
      const base = item * rows;
      // Two loops rather than a test per row: arithmetic means are the common case.
      if (!geometric) {
        for (let r = 0; r < rows; r++) {
          if (excluded[base + r]) continue;
          total[r] = total[r]! + w;
          covered[r] = covered[r]! + w * coverage[base + r]!;
          let s = score[base + r]!;
          if (Number.isNaN(s)) {
            if (!zeroMissing) continue;
            s = 0;
          }
          scored[r] = scored[r]! + w;
          sum[r] = sum[r]! + w * s;
        }
        continue;
      }
      for (let r = 0; r < rows; r++) {
        if (excluded[base + r]) continue;
        total[r] = total[r]! + w;
        covered[r] = covered[r]! + w * coverage[base + r]!;
        let s = score[base + r]!;
        if (Number.isNaN(s)) {
          if (!zeroMissing) continue;
          s = 0;
        }
        scored[r] = scored[r]! + w;
        if (s <= 0) zero[r] = 1;
        else sum[r] = sum[r]! + w * Math.log(s);
      }
    }
    const slot = (offset + node) * rows;
    const minCoverage = def.minCoverage;
    for (let r = 0; r < rows; r++) {
      const at = slot + r;
      const t = total[r]!;
      if (t === 0) {
        excluded[at] = 1;
        score[at] = Number.NaN;
        coverage[at] = 0;
        continue;
      }
      excluded[at] = 0;
      const cov = covered[r]! / t;
      coverage[at] = cov;
      const sw = scored[r]!;
      if (sw === 0 || cov < minCoverage || cov === 0) score[at] = Number.NaN;
      else if (geometric) score[at] = zero[r] ? 0 : Math.exp(sum[r]! / sw);
      else score[at] = sum[r]! / sw;
    }
  }
}
