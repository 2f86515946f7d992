/**
 * Lint rule for the layering of ARCHITECTURE.md: `core` imports no other layer,
 * `server` never imports `web` or `cli` — except the public portal's pages
 * (src/web/portal), which the server renders to HTML —, `web` imports only
 * `core` and the API's shared schemas. Exits non-zero naming every offending import.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const forbidden: Record<string, RegExp> = {
  core: /^src\/(server|web|cli)\//,
  server: /^src\/(web\/(?!portal\/)|cli\/)/,
  web: /^src\/(server|cli)\/(?!api-schemas\/)/,
  cli: /^src\/web\//,
};
const nodeOnly = /^(node:|fs$|path$|pg$|@electric-sql|drizzle-orm|fastify|exceljs)/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

const problems: string[] = [];
for (const file of files(join(root, "src"))) {
  const rel = relative(root, file);
  const layer = rel.split("/")[1]!;
  const rule = forbidden[layer];
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
    const spec = match[1]!;
    if (spec.startsWith(".")) {
      const target = relative(root, resolve(dirname(file), spec));
      if (rule?.test(target)) problems.push(`${rel}: ${layer} must not import ${target}`);
    } else if ((layer === "core" || layer === "web") && nodeOnly.test(spec)) {
      problems.push(`${rel}: ${layer} must stay free of server-only package "${spec}"`);
    }
  }
}
if (problems.length) {
  console.error(`Layer rule broken (${problems.length}):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("Layers: every import points inwards.");
