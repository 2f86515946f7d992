import type { Framework } from "../../core/index.ts";

/**
 * Each indicator's path (its code, then its node and every node above it),
 * computed once per framework so grouping 626 indicators stays linear.
 */
export function pathsOfIndicators(fw: Framework): Map<string, string[]> {
  const parents = new Map(fw.nodes.map((n) => [n.code, n.parent]));
  const paths = new Map<string, string[]>();
  for (const indicator of fw.indicators) {
    const path = [indicator.code];
    let node: string | null | undefined = indicator.node;
    while (node && !path.includes(node)) {
      path.push(node);
      node = parents.get(node);
    }
    paths.set(indicator.code, path);
  }
  return paths;
}

/** Indicator codes covered by assignment items (node or indicator codes). */
export function indicatorsCoveredBy(
  paths: ReadonlyMap<string, string[]>,
  itemCodes: Iterable<string>,
): Set<string> {
  const items = new Set(itemCodes);
  const covered = new Set<string>();
  for (const [code, path] of paths) if (path.some((c) => items.has(c))) covered.add(code);
  return covered;
}
