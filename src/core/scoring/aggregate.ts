import type { CompiledFramework, Lens } from "./compile.ts";

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
    const geometric = def.aggregation === "geometric";
    const zeroMissing = def.missing === "zero";
    let totalWeight = 0;
    let coveredWeight = 0;
    let scoredWeight = 0;
    let sum = 0;
    let hasZero = false;
    const list = children[node]!;
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
    } else {
      score[slot] = sum / scoredWeight;
    }
  }
}
