import type { Framework, FrameworkNode, Indicator } from "../../core/index.ts";

/*
 * Walks the framework's node tree the way the pages present it: the root
 * (the overall index), its sections, their articles, and indicators at leaves.
 */

/** The root node: the overall index score. */
export function findRoot(fw: Framework): FrameworkNode | undefined {
  return fw.nodes.find((n) => n.parent === null);
}

/** The direct children of node `code`, in file order. */
export function childNodes(fw: Framework, code: string): FrameworkNode[] {
  return fw.nodes.filter((n) => n.parent === code);
}

/** The indicators attached directly to node `code`, in file order. */
export function indicatorsOf(fw: Framework, code: string): Indicator[] {
  return fw.indicators.filter((i) => i.node === code);
}

/** Every node below the root in reading order, with its depth (sections are 1). */
export function listNodesInOrder(fw: Framework): { node: FrameworkNode; depth: number }[] {
  const out: { node: FrameworkNode; depth: number }[] = [];
  const visit = (code: string, depth: number) => {
    for (const child of childNodes(fw, code)) {
      out.push({ node: child, depth });
      visit(child.code, depth + 1);
    }
  };
  const root = findRoot(fw);
  if (root) visit(root.code, 1);
  return out;
}

/** The score key of a classification value, as the API names it (`dimension:services`). */
export function classificationKey(classification: string, value: string): string {
  return `${classification}:${value}`;
}
