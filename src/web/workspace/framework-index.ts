import type { Framework, FrameworkNode, Indicator } from "../../core/index.ts";

/** One node of the navigation tree with the indicators below it (at any depth). */
export interface NavNode {
  node: FrameworkNode;
  depth: number;
  children: NavNode[];
  /** Indicator codes under this node, in framework order. */
  indicatorCodes: string[];
}

/** The framework arranged for the workspace: a tree for navigation and lookups by code. */
export interface FrameworkIndex {
  root: NavNode;
  nodes: Map<string, NavNode>;
  indicators: Indicator[];
  indicatorByCode: Map<string, Indicator>;
  /** Indicator code → codes of its node and every ancestor. */
  ancestors: Map<string, string[]>;
}

/** Builds the tree of nodes with the indicators each covers; nodes and indicators keep file order. */
export function indexFramework(fw: Framework): FrameworkIndex {
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const nodes = new Map<string, NavNode>();
  const build = (node: FrameworkNode, depth: number): NavNode => {
    const nav: NavNode = { node, depth, children: [], indicatorCodes: [] };
    nodes.set(node.code, nav);
    nav.children = fw.nodes.filter((n) => n.parent === node.code).map((n) => build(n, depth + 1));
    return nav;
  };
  const rootNode = fw.nodes.find((n) => n.parent === null) ?? fw.nodes[0]!;
  const root = build(rootNode, 0);
  const ancestors = new Map<string, string[]>();
  for (const ind of fw.indicators) {
    const chain: string[] = [];
    for (let code: string | null | undefined = ind.node; code; code = byCode.get(code)?.parent)
      chain.push(code);
    ancestors.set(ind.code, chain);
    for (const code of chain) nodes.get(code)?.indicatorCodes.push(ind.code);
  }
  return {
    root,
    nodes,
    indicators: fw.indicators,
    indicatorByCode: new Map(fw.indicators.map((i) => [i.code, i])),
    ancestors,
  };
}
