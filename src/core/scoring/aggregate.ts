import type { CompiledFramework, Lens } from "./compile.ts";

/**
 * The weighted median of `n` scores (with their weights): the score at which half the weight is
 * reached, the mean of the two middle scores when half is reached exactly between them (so equal
 * weights give the usual median). Sorts `values` and `weights` in place, together.
 */
export function weightedMedian(values: Float64Array, weights: Float64Array, n: number): number {
  // Insertion sort: a node has few children.
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    const w = weights[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      weights[j + 1] = weights[j]!;
      j--;
    }
    values[j + 1] = v;
    weights[j + 1] = w;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    seen += weights[i]!;
    if (Math.abs(seen - half) <= 1e-12 * total && i + 1 < n) return (values[i]! + values[i + 1]!) / 2;
    if (seen > half) return values[i]!;
  }
  return values[n - 1]!;
}

const medianValues = { values: new Float64Array(16), weights: new Float64Array(16) };
function medianBuffer(size: number) {
  if (medianValues.values.length < size) {
    medianValues.values = new Float64Array(size);
    medianValues.weights = new Float64Array(size);
  }
  return medianValues;
}

/**
 * Per-item working arrays for one entity and period. Indicators fill the first
 * slots; `aggregateTree` fills the node slots. A score is 0–1, NaN when missing.
 */
export interface ItemState {
  score: Float64Array;
  coverage: Float64Array;
  /** 1 when the item is not applicable (excluded from its parent's weights). */
  excluded: Uint8Array;
}

export function createItemState(itemCount: number): ItemState {
  return {
    score: new Float64Array(itemCount),
    coverage: new Float64Array(itemCount),
    excluded: new Uint8Array(itemCount),
  };
}

/**
 * Computes every node's score and coverage from its children, children first.
 * With a lens, only items on a path to the lens's indicators take part.
 * Children with weight 0 or marked not applicable are left out entirely.
 */
export function aggregateTree(cf: CompiledFramework, state: ItemState, lens?: Lens): void {
  const offset = cf.indicators.length;
  const { score, coverage, excluded } = state;
  const weight = cf.itemWeight;
  // A lens carries its own pruned order and child lists: same items, same order, fewer visits.
  const order = lens ? lens.order : cf.order;
  const children = lens ? lens.children : cf.children;
  for (const node of order) {
    const def = cf.framework.nodes[node]!;
    const method = def.aggregation;
    const geometric = method === "geometric";
    const zeroMissing = def.missing === "zero";
    let totalWeight = 0;
    let coveredWeight = 0;
    let scoredWeight = 0;
    let sum = 0;
    let least = Number.POSITIVE_INFINITY;
    let hasZero = false;
    const list = children[node]!;
    const median = method === "median" ? medianBuffer(list.length) : null;
    let counted = 0;
    for (let k = 0; k < list.length; k++) {
      const item = list[k]!;
      const w = weight[item]!;
      if (w <= 0 || excluded[item]) continue;
      totalWeight += w;
      coveredWeight += w * coverage[item]!;
      let s = score[item]!;
      if (Number.isNaN(s)) {
        if (!zeroMissing) continue;
        s = 0;
      }
      scoredWeight += w;
      if (geometric) {
        if (s <= 0) hasZero = true;
        else sum += w * Math.log(s);
      } else if (method === "harmonic") {
        if (s <= 0) hasZero = true;
        else sum += w / s;
      } else if (method === "minimum") {
        if (s < least) least = s;
      } else if (median) {
        median.values[counted] = s;
        median.weights[counted] = w;
        counted++;
      } else {
        sum += w * s;
      }
    }
    const slot = offset + node;
    if (totalWeight === 0) {
      excluded[slot] = 1;
      score[slot] = Number.NaN;
      coverage[slot] = 0;
      continue;
    }
    excluded[slot] = 0;
    const cov = coveredWeight / totalWeight;
    coverage[slot] = cov;
    if (scoredWeight === 0 || cov < def.minCoverage || cov === 0) {
      score[slot] = Number.NaN;
    } else if (geometric) {
      score[slot] = hasZero ? 0 : Math.exp(sum / scoredWeight);
    } else if (method === "harmonic") {
      score[slot] = hasZero ? 0 : scoredWeight / sum;
    } else if (method === "minimum") {
      score[slot] = least;
    } else if (median) {
      score[slot] = weightedMedian(median.values, median.weights, counted);
    } else {
      score[slot] = sum / scoredWeight;
    }
  }
}
