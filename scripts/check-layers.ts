/**
 * Lint rule for the layering of docs/architecture.md: `core` imports no other
 * layer; `portal` (the public portal's pages, rendered to HTML by the server)
 * imports only `core` and the API's shared schemas; `server` never imports `web`
 * or `cli`; `web` imports only `core`, `portal` and the API's shared schemas.
 * No module may import itself through a circle of imports (type-only imports
 * count too: a circle of types is a circle of concepts).
 * Exits non-zero naming every offending import and every circle.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const forbidden: Record<string, RegExp> = {
  core: /^src\/(server|web|cli|portal)\//,
  portal: /^src\/(web|cli)\/|^src\/server\/(?!api-schemas\/)/,
  server: /^src\/(web|cli)\//,
  web: /^src\/(server|cli)\/(?!api-schemas\/)/,
  cli: /^src\/web\//,
};
const browserLayers = new Set(["core", "web", "portal"]);
const nodeOnly = /^(node:|fs$|path$|pg$|@electric-sql|drizzle-orm|fastify|exceljs)/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

const problems: string[] = [];
/** Module graph of src (tests left out: a test may import what it tests from anywhere). */
const graph = new Map<string, string[]>();
for (const file of files(join(root, "src"))) {
  const rel = relative(root, file);
  const layer = rel.split("/")[1]!;
  const rule = forbidden[layer];
  const source = readFileSync(file, "utf8");
  const edges: string[] = [];
  if (!/\.test\.tsx?$/.test(rel)) graph.set(rel, edges);
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
    const spec = match[1]!;
    if (spec.startsWith(".")) {
      const target = relative(root, resolve(dirname(file), spec));
      if (rule?.test(target)) problems.push(`${rel}: ${layer} must not import ${target}`);
      edges.push(target);
    } else if (browserLayers.has(layer) && nodeOnly.test(spec)) {
      problems.push(`${rel}: ${layer} must stay free of server-only package "${spec}"`);
    }
  }
}

/** Every import circle, found by Tarjan's strongly connected components. */
function importCircles(modules: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (start: string) => {
    // Iterative, so a deep chain of imports cannot overflow the call stack.
    const work: Array<[string, number]> = [[start, 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const [node, i] = top;
      const edges = (modules.get(node) ?? []).filter((target) => modules.has(target));
      if (i < edges.length) {
        top[1]++;
        const target = edges[i]!;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || modules.get(node)?.includes(node)) circles.push(component.sort());
      }
    }
  };
  for (const module of modules.keys()) if (!index.has(module)) visit(module);
  return circles;
}

for (const circle of importCircles(graph)) problems.push(`import circle: ${circle.join(" <-> ")}`);
if (problems.length) {
  console.error(`Layer rule broken (${problems.length}):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("Layers: every import points inwards, and no import circle.");
