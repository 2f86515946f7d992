/**
 * Areas below the country (regions, districts …) as a tree, like DHIS2 organisation units: each
 * area has a code unique in its country, a level (1 = just below the country) and a parent one
 * level up. Pure: checks a tree sent as a list and shapes it for display.
 */

export interface AreaInput {
  code: string;
  /** The parent's code; null or absent for a first-level area. */
  parent?: string | null;
  name: Record<string, string>;
}

export interface AreaNode {
  code: string;
  parent: string | null;
  level: number;
  name: Record<string, string>;
  children: AreaNode[];
}

/**
 * Checks a country's areas sent as a flat list and returns them as a tree (first level first,
 * each level in the order given) with each area's level; throws nothing, but returns the problems
 * (each naming the area and what to fix) when the list is not a tree.
 */
export function buildAreaTree(areas: readonly AreaInput[]): { tree: AreaNode[]; problems: string[] } {
  const problems: string[] = [];
  const byCode = new Map<string, AreaNode>();
  for (const [i, a] of areas.entries()) {
    if (!a.code.trim()) problems.push(`areas[${i}].code: give the area a code`);
    else if (byCode.has(a.code)) problems.push(`areas[${i}].code: "${a.code}" is used twice`);
    else byCode.set(a.code, { code: a.code, parent: a.parent ?? null, level: 0, name: a.name, children: [] });
    if (!Object.values(a.name).some((n) => n.trim())) problems.push(`areas[${i}].name: give the area a name`);
  }
  for (const node of byCode.values()) {
    if (node.parent !== null && !byCode.has(node.parent)) {
      problems.push(`${node.code}.parent: no area "${node.parent}" in this country`);
    }
  }
  const levelOf = (node: AreaNode, seen: Set<string>): number => {
    if (node.level) return node.level;
    const parent = node.parent === null ? undefined : byCode.get(node.parent);
    let level = 1;
    if (parent) {
      if (seen.has(node.code)) return 0;
      seen.add(node.code);
      const above = levelOf(parent, seen);
      if (!above) return 0;
      level = above + 1;
    }
    node.level = level;
    return level;
  };
  for (const node of byCode.values()) {
    if (!levelOf(node, new Set())) problems.push(`${node.code}.parent: the areas above it lead back to it`);
  }
  const tree: AreaNode[] = [];
  for (const node of byCode.values()) {
    const parent = node.parent === null ? undefined : byCode.get(node.parent);
    if (parent && node.level) parent.children.push(node);
    else if (node.parent === null) tree.push(node);
  }
  return { tree, problems };
}

/** The areas of a tree, depth first, each with its level (for lists and selects). */
export function flattenAreas(tree: readonly AreaNode[]): AreaNode[] {
  return tree.flatMap((node) => [node, ...flattenAreas(node.children)]);
}
