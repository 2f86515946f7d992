import { weightedMedian } from "./aggregate.ts";
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
  /** 1 when an indicator's value in the row was imputed (a node's imputation policy), not answered. */
  imputed: Uint8Array;
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
    imputed: new Uint8Array(cells),
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
  const { rows, score, coverage, excluded, imputed } = state;
  const width = table.columns.length;
  const outScore = table.score;
  const outCoverage = table.coverage;
  const outImputed = table.imputed;
  const present = table.present;
  for (let j = 0; j < rows; j++) {
    if (!present[start + j]) continue;
    const out = (start + j) * width;
    for (let item = 0, at = j; item < itemCount; item++, at += rows) {
      outScore[out + item] = score[at]! * scale;
      outCoverage[out + item] = excluded[at] ? Number.NaN : coverage[at]!;
      outImputed[out + item] = imputed[at]!;
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
    imputed: new Uint8Array(itemCount * capacity),
  };
}

/**
 * What normalising and imputing one period needs, per indicator: the goalposts (numbers and
 * percentages), and for the node rules (`rules` of the compiled framework) the period's
 * lowest, highest, mean and standard deviation, its sorted values (rank), the reference of a
 * distance (NaN: none in this period) and the value that replaces a missing answer (NaN: none);
 * for the `group` imputation, each entity's group and each group's mean per indicator.
 */
export interface Goalposts {
  lo: Float64Array;
  hi: Float64Array;
  min: Float64Array;
  max: Float64Array;
  mean: Float64Array;
  sd: Float64Array;
  fill: Float64Array;
  reference: Float64Array;
  sorted: (Float64Array | null)[];
  /** By entity index of the period: its group's index in the framework's `groups`, -1 for none. */
  groupOf: Int32Array;
  /** `groupFill[i * groups + g]`: the mean of indicator `i` over group `g`'s entities in the period (NaN: none). */
  groupFill: Float64Array;
}

export function createGoalposts(indicatorCount: number): Goalposts {
  const array = () => new Float64Array(indicatorCount);
  return {
    lo: array(),
    hi: array(),
    min: array(),
    max: array(),
    mean: array(),
    sd: array(),
    fill: array().fill(Number.NaN),
    reference: array().fill(Number.NaN),
    sorted: new Array<Float64Array | null>(indicatorCount).fill(null),
    groupOf: new Int32Array(0),
    groupFill: new Float64Array(0),
  };
}

/** A raw value back in the indicator's own units (raw numbers of a log indicator are logarithms). */
function ownUnits(ind: CompiledFramework["indicators"][number], v: number): number {
  return isNumeric(ind) && ind.scoring.log ? Math.exp(v) : v;
}

/** Each entity's group (index in `groups`, -1 for none), for the `group` imputation. */
function groupIndex(cf: CompiledFramework, entities: readonly string[], out: Goalposts): void {
  const groups = cf.framework.groups ?? [];
  const byMember = new Map<string, number>();
  groups.forEach((g, k) => {
    for (const m of g.members) if (!byMember.has(m)) byMember.set(m, k);
  });
  if (out.groupOf.length !== entities.length) out.groupOf = new Int32Array(entities.length);
  entities.forEach((e, k) => {
    out.groupOf[k] = byMember.get(e) ?? -1;
  });
  const size = cf.indicators.length * groups.length;
  if (out.groupFill.length !== size) out.groupFill = new Float64Array(size);
  out.groupFill.fill(Number.NaN);
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
  const E = input.entities.length;
  if (cf.rules.some((r) => r.imputation === "group")) groupIndex(cf, input.entities, out);
  for (let i = 0; i < cf.indicators.length; i++) {
    const ind = cf.indicators[i]!;
    const rule = cf.rules[i]!;
    const byRule = rule.normalisation !== "goalposts" || rule.imputation !== "none";
    out.fill[i] = Number.NaN;
    out.sorted[i] = null;
    out.reference[i] = Number.NaN;
    if (byRule) periodStatistics(input, i, start, count, rule, out);
    if (rule.imputation === "group") groupMeans(cf, input, i, start, count, out);
    if (rule.normalisation === "distance" && rule.reference !== null) {
      // A target in the indicator's units, or the named country's own value in this period.
      let ref = Number.NaN;
      if (typeof rule.reference === "number") ref = rule.reference;
      else {
        const e = input.entities.indexOf(rule.reference);
        const at = e < 0 ? -1 : i * rows + start - (start % E) + e;
        const v = at < 0 ? Number.NaN : values[at]!;
        if (!Number.isNaN(v) && v !== NOT_APPLICABLE_MARK) ref = ownUnits(ind, v);
      }
      out.reference[i] = ref > 0 ? ref : Number.NaN;
    }
    if (!isNumeric(ind)) continue;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const fixed = rule.goalposts ?? ind.scoring;
    if (fixed.min === "data" || fixed.max === "data") {
      const from = i * rows + start;
      for (let r = from; r < from + count; r++) {
        const v = values[r]!;
        if (Number.isNaN(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    const [lo, hi] = goalposts(ind, min, max, fixed);
    out.lo[i] = lo;
    out.hi[i] = hi;
  }
}

/** The mean of indicator `i` over each group's entities with a value in the period (rows `start`..`start + count`). */
function groupMeans(
  cf: CompiledFramework,
  input: AnswerColumns,
  i: number,
  start: number,
  count: number,
  out: Goalposts,
): void {
  const groups = cf.framework.groups?.length ?? 0;
  if (!groups) return;
  const sums = new Float64Array(groups);
  const counts = new Float64Array(groups);
  const E = input.entities.length;
  const from = i * input.rows + start;
  for (let j = 0; j < count; j++) {
    const g = out.groupOf[(start + j) % E]!;
    const v = input.values[from + j]!;
    if (g < 0 || Number.isNaN(v) || v === NOT_APPLICABLE_MARK) continue;
    sums[g] = sums[g]! + v;
    counts[g] = counts[g]! + 1;
  }
  for (let g = 0; g < groups; g++) if (counts[g]) out.groupFill[i * groups + g] = sums[g]! / counts[g]!;
}

/** The period's lowest, highest, mean, standard deviation (and sorted values when needed) of one indicator, and its imputed value. */
function periodStatistics(
  input: AnswerColumns,
  i: number,
  start: number,
  count: number,
  rule: CompiledFramework["rules"][number],
  out: Goalposts,
): void {
  const from = i * input.rows + start;
  const list: number[] = [];
  for (let r = from; r < from + count; r++) {
    const v = input.values[r]!;
    if (!Number.isNaN(v) && v !== NOT_APPLICABLE_MARK) list.push(v);
  }
  if (!list.length) return;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of list) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / list.length;
  let squares = 0;
  for (const v of list) squares += (v - mean) ** 2;
  out.min[i] = min;
  out.max[i] = max;
  out.mean[i] = mean;
  out.sd[i] = Math.sqrt(squares / list.length);
  const sorted = Float64Array.from(list).sort();
  if (rule.normalisation === "rank") out.sorted[i] = sorted;
  if (rule.imputation === "mean") out.fill[i] = mean;
  else if (rule.imputation === "median") {
    const mid = sorted.length >> 1;
    out.fill[i] = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}

/**
 * One value of indicator `i` on the 0–1 scale by a node's normalisation: min-max or z-score over
 * the period (0.5 + z/6, kept within 0–1), the percentile rank (ties share their mean rank), the
 * distance to the reference (value / reference, reference / value when lower is better, kept
 * within 0–1; no score without a reference) or the score of the value's band.
 */
export function normaliseByRule(
  cf: CompiledFramework,
  v: number,
  i: number,
  gp: Goalposts,
  lower: boolean,
): number {
  const rule = cf.rules[i]!;
  const method = rule.normalisation;
  let t: number;
  if (method === "distance") {
    const ref = gp.reference[i]!;
    const x = ownUnits(cf.indicators[i]!, v);
    if (Number.isNaN(ref)) return Number.NaN;
    if (lower) return x <= ref ? 1 : ref / x;
    return Math.min(1, Math.max(0, x / ref));
  }
  if (method === "banded") {
    const bands = rule.thresholds!;
    const x = ownUnits(cf.indicators[i]!, v);
    let score = bands[0]!.score;
    for (const band of bands) if (x >= band.from) score = band.score;
    return score;
  }
  if (method === "minmax") {
    const lo = gp.min[i]!;
    const hi = gp.max[i]!;
    t = hi === lo ? 1 : (v - lo) / (hi - lo);
  } else if (method === "zscore") {
    const sd = gp.sd[i]!;
    const z = sd === 0 ? 0 : (v - gp.mean[i]!) / sd;
    return Math.min(1, Math.max(0, 0.5 + (lower ? -z : z) / 6));
  } else {
    const sorted = gp.sorted[i]!;
    const below = countBelow(sorted, v, false);
    const equal = countBelow(sorted, v, true) - below;
    t = sorted.length === 1 ? 1 : Math.min(1, Math.max(0, (below + (equal - 1) / 2) / (sorted.length - 1)));
  }
  return lower ? 1 - t : t;
}

/** How many sorted values are below `v` (or at most `v` when `orEqual`). */
function countBelow(sorted: Float64Array, v: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v || (orEqual && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Fills the indicator slots of the state with `count` rows from `start`
 * (within one period): checklist and scale scores as they are, numbers
 * normalised between the period's goalposts (or by the node rule above them);
 * coverage 1 when scored, and "not applicable" marked as excluded. A missing
 * answer that a node's imputation replaces gets a score with coverage 0: it is
 * not data, and the coverage rules above still count it as missing.
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
  const E = input.entities.length;
  const groups = cf.framework.groups?.length ?? 0;
  state.rows = count;
  const { score, coverage, excluded, imputed } = state;
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
    const method = cf.rules[i]!.normalisation;
    const policy = cf.rules[i]!.imputation;
    const fill = gp.fill[i]!;
    for (let j = 0; j < count; j++) {
      let v = values[from + j]!;
      const at = to + j;
      imputed[at] = 0;
      if (Number.isNaN(v) && policy !== "none")
        v = imputedValue(policy, fill, values, from + j, start + j, E, i, gp, groups);
      if (v === notApplicable || Number.isNaN(v)) {
        excluded[at] = v === notApplicable ? 1 : 0;
        score[at] = Number.NaN;
        coverage[at] = 0;
        continue;
      }
      excluded[at] = 0;
      if (Number.isNaN(values[from + j]!)) {
        imputed[at] = 1;
        coverage[at] = 0;
      } else coverage[at] = 1;
      const t =
        method !== "goalposts"
          ? normaliseByRule(cf, v, i, gp, lower)
          : isNum
            ? scale(v, lo, hi, lower, cap)
            : v;
      score[at] = t;
      // A distance without a reference in the period gives no score: not data either.
      if (Number.isNaN(t)) {
        coverage[at] = 0;
        imputed[at] = 0;
      }
    }
  }
}

/**
 * The value that replaces a missing answer at `at` (row `row` of the columns): the period's mean
 * or median (`fill`), the entity's value in its latest earlier period with one (`previous`: rows
 * `E` apart), or its group's mean in the period (`group`). NaN when there is none; a "not
 * applicable" earlier answer is not carried forward.
 */
function imputedValue(
  policy: CompiledFramework["rules"][number]["imputation"],
  fill: number,
  values: Float64Array,
  at: number,
  row: number,
  E: number,
  i: number,
  gp: Goalposts,
  groups: number,
): number {
  if (policy === "previous") {
    for (let back = at - E, r = row - E; r >= 0; back -= E, r -= E) {
      const v = values[back]!;
      if (v === NOT_APPLICABLE_MARK) return Number.NaN;
      if (!Number.isNaN(v)) return v;
    }
    return Number.NaN;
  }
  if (policy === "group") {
    const g = gp.groupOf[row % E] ?? -1;
    return g < 0 ? Number.NaN : gp.groupFill[i * groups + g]!;
  }
  return fill;
}

/** Per-row accumulators of one node, reused from node to node. */
export interface Scratch {
  total: Float64Array;
  covered: Float64Array;
  scored: Float64Array;
  sum: Float64Array;
  zero: Uint8Array;
  /** One row's children's scores and weights, for a weighted median. */
  values: Float64Array;
  weights: Float64Array;
}

export function createScratch(rows: number): Scratch {
  return {
    total: new Float64Array(rows),
    covered: new Float64Array(rows),
    scored: new Float64Array(rows),
    sum: new Float64Array(rows),
    zero: new Uint8Array(rows),
    values: new Float64Array(16),
    weights: new Float64Array(16),
  };
}

/**
 * One node aggregated by its harmonic mean, weighted median or minimum, row by row (these rules
 * are rarer, so they take the simple path): the same arithmetic, in the same order, as
 * `aggregateTree`, so both engines give the same bits.
 */
function aggregateOther(
  cf: CompiledFramework,
  state: ColumnState,
  node: number,
  list: Int32Array,
  scratch: Scratch,
): void {
  const offset = cf.indicators.length;
  const { rows, score, coverage, excluded } = state;
  const weight = cf.itemWeight;
  const def = cf.framework.nodes[node]!;
  const method = def.aggregation;
  const zeroMissing = def.missing === "zero";
  if (scratch.values.length < list.length) {
    scratch.values = new Float64Array(list.length);
    scratch.weights = new Float64Array(list.length);
  }
  const { values, weights } = scratch;
  const slot = (offset + node) * rows;
  for (let r = 0; r < rows; r++) {
    let totalWeight = 0;
    let coveredWeight = 0;
    let scoredWeight = 0;
    let sum = 0;
    let least = Number.POSITIVE_INFINITY;
    let hasZero = false;
    let counted = 0;
    for (let k = 0; k < list.length; k++) {
      const item = list[k]!;
      const w = weight[item]!;
      const at = item * rows + r;
      if (w <= 0 || excluded[at]) continue;
      totalWeight += w;
      coveredWeight += w * coverage[at]!;
      let s = score[at]!;
      if (Number.isNaN(s)) {
        if (!zeroMissing) continue;
        s = 0;
      }
      scoredWeight += w;
      if (method === "harmonic") {
        if (s <= 0) hasZero = true;
        else sum += w / s;
      } else if (method === "minimum") {
        if (s < least) least = s;
      } else {
        values[counted] = s;
        weights[counted] = w;
        counted++;
      }
    }
    const at = slot + r;
    if (totalWeight === 0) {
      excluded[at] = 1;
      score[at] = Number.NaN;
      coverage[at] = 0;
      continue;
    }
    excluded[at] = 0;
    const cov = coveredWeight / totalWeight;
    coverage[at] = cov;
    if (scoredWeight === 0 || cov < def.minCoverage || cov === 0) score[at] = Number.NaN;
    else if (method === "harmonic") score[at] = hasZero ? 0 : scoredWeight / sum;
    else if (method === "minimum") score[at] = least;
    else score[at] = weightedMedian(values, weights, counted);
  }
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
    const method = def.aggregation;
    const geometric = method === "geometric";
    const zeroMissing = def.missing === "zero";
    if (method === "harmonic" || method === "median" || method === "minimum") {
      aggregateOther(cf, state, node, children[node]!, scratch);
      continue;
    }
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
