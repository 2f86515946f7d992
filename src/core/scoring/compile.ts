import type { Framework, Indicator } from "../framework/model.ts";
import { type IndicatorRule, resolveIndicatorRules } from "./node-rules.ts";

/**
 * A framework flattened into arrays for fast scoring. Items are indicators
 * (indices 0..indicatorCount-1) followed by nodes; `order` lists nodes
 * children-first so one pass computes the whole tree.
 */
export interface CompiledFramework {
  framework: Framework;
  indicators: Indicator[];
  indicatorIndex: Map<string, number>;
  nodeCodes: string[];
  rootNode: number;
  /** For each node (by node index), the item indices of its children. */
  children: Int32Array[];
  /** Weight of each item (indicators first, then nodes). */
  itemWeight: Float64Array;
  /** Node indices, every child before its parent. */
  order: number[];
  /** One lens per value of every classification: which items belong to it. */
  lenses: Lens[];
  /** Per indicator: normalisation, goalposts and imputation set on the nodes above it. */
  rules: IndicatorRule[];
}

export interface Lens {
  /** `classification:value`, e.g. `dimension:services`. */
  key: string;
  classification: string;
  value: string;
  /** For each item: does it lie on a path to an indicator with this value? */
  includes: Uint8Array;
  /** The nodes to compute for this lens, children first; always ends with the root. */
  order: number[];
  /** For each node, its children that the lens includes (same order as the full tree's). */
  children: Int32Array[];
}

/** Orders codes by UTF-16 code units: locale-independent, so every machine sums in the same order. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compiles a validated framework. */
export function compileFramework(fw: Framework): CompiledFramework {
  const indicators = fw.indicators;
  const n = indicators.length;
  const nodeCodes = fw.nodes.map((node) => node.code);
  const nodeIndex = new Map(nodeCodes.map((code, i) => [code, i]));
  const indicatorIndex = new Map(indicators.map((ind, i) => [ind.code, i]));
  const childLists: number[][] = fw.nodes.map(() => []);
  let rootNode = -1;
  fw.nodes.forEach((node, i) => {
    if (node.parent === null) rootNode = i;
    else childLists[nodeIndex.get(node.parent)!]!.push(n + i);
  });
  indicators.forEach((ind, i) => {
    childLists[nodeIndex.get(ind.node)!]!.push(i);
  });
  // Children in code order, not file order: floating-point sums depend on their
  // order, and moving a row in the framework file must not move a published score.
  const itemCode = (item: number) => (item < n ? indicators[item]!.code : nodeCodes[item - n]!);
  for (const list of childLists) list.sort((a, b) => compareCodes(itemCode(a), itemCode(b)));
  const itemWeight = new Float64Array(n + fw.nodes.length);
  indicators.forEach((ind, i) => {
    itemWeight[i] = ind.weight;
  });
  fw.nodes.forEach((node, i) => {
    itemWeight[n + i] = node.weight;
  });

  const order: number[] = [];
  const visit = (node: number) => {
    for (const item of childLists[node]!) if (item >= n) visit(item - n);
    order.push(node);
  };
  visit(rootNode);

  const children = childLists.map((list) => Int32Array.from(list));
  const lenses: Lens[] = [];
  for (const cls of fw.classifications) {
    for (const value of cls.values) {
      const includes = new Uint8Array(n + fw.nodes.length);
      indicators.forEach((ind, i) => {
        if (ind.classifications[cls.code]?.includes(value.code)) includes[i] = 1;
      });
      for (const node of order) {
        for (const item of children[node]!) {
          if (includes[item]) {
            includes[n + node] = 1;
            break;
          }
        }
      }
      // Precomputed so that scoring a lens only visits its own part of the tree.
      const lensOrder = order.filter((node) => includes[n + node] || node === rootNode);
      const lensChildren = children.map((list) => list.filter((item) => includes[item] === 1));
      lenses.push({
        key: `${cls.code}:${value.code}`,
        classification: cls.code,
        value: value.code,
        includes,
        order: lensOrder,
        children: lensChildren,
      });
    }
  }
  return {
    framework: fw,
    indicators,
    indicatorIndex,
    nodeCodes,
    rootNode,
    children,
    itemWeight,
    order,
    lenses,
    rules: resolveIndicatorRules(fw, indicators),
  };
}
