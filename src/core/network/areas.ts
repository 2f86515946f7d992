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

/** The fields of one line of a comma- or semicolon-separated text, with "quoted" fields. */
function splitLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      fields.push(field.trim());
      field = "";
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

/**
 * Reads a country's areas pasted or uploaded as a list, one area a line: `code,parent,name`
 * (parent empty for a first-level area), commas or semicolons. A first line `code,parent,name,…`
 * is a header, where `name_fr`, `name_ar` … give the names in other languages (`name` is English).
 * Returns the areas and the problems by line; the tree itself is checked by `buildAreaTree`.
 */
export function readAreaList(text: string): { areas: AreaInput[]; problems: string[] } {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim());
  const separator =
    (lines[0]?.line.split(";").length ?? 0) > (lines[0]?.line.split(",").length ?? 0) ? ";" : ",";
  let columns = ["code", "parent", "name"];
  const first = lines[0] ? splitLine(lines[0].line, separator).map((c) => c.toLowerCase()) : [];
  if (first[0] === "code") {
    columns = first;
    lines.shift();
    const unknown = columns.filter((c) => !/^(code|parent|name(_[a-z]{2,3}(-[a-z0-9]{2,8})?)?)$/.test(c));
    if (unknown.length)
      return {
        areas: [],
        problems: [`line 1: unknown columns ${unknown.join(", ")} (use code, parent, name, name_fr …)`],
      };
  }
  const areas: AreaInput[] = [];
  const problems: string[] = [];
  for (const { line, number } of lines) {
    const fields = splitLine(line, separator);
    if (fields.length > columns.length) {
      problems.push(
        `line ${number}: ${fields.length} fields where ${columns.length} are expected (quote a name holding "${separator}")`,
      );
      continue;
    }
    const value = (column: string) => fields[columns.indexOf(column)] ?? "";
    const name: Record<string, string> = {};
    for (const [i, column] of columns.entries()) {
      if (!column.startsWith("name") || !fields[i]) continue;
      name[column === "name" ? "en" : column.slice(5)] = fields[i]!;
    }
    if (!value("code")) problems.push(`line ${number}: give the area a code`);
    else if (!Object.keys(name).length) problems.push(`line ${number}: give ${value("code")} a name`);
    else areas.push({ code: value("code"), parent: value("parent") || null, name });
  }
  if (!lines.length) problems.push("the list is empty: one area a line, code,parent,name");
  return { areas, problems };
}

/** A country's areas as the list `readAreaList` reads (with a header naming the languages used). */
export function writeAreaList(
  areas: readonly { code: string; parent: string | null; name: Record<string, string> }[],
): string {
  const languages = [...new Set(areas.flatMap((a) => Object.keys(a.name)))].filter((l) => l !== "en").sort();
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ["code", "parent", "name", ...languages.map((l) => `name_${l}`)];
  const rows = areas.map((a) =>
    [a.code, a.parent ?? "", a.name.en ?? "", ...languages.map((l) => a.name[l] ?? "")].map(quote).join(","),
  );
  return [header.join(","), ...rows].join("\n");
}
