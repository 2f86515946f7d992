import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The sources are TypeScript run through tsx (see bin/childmark.js). tsx reads the JSX setting
 * from the project's tsconfig, which it looks for from the working folder: named explicitly, a
 * command started from any folder compiles the pages the same way.
 */
export const TSCONFIG = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

const require = createRequire(import.meta.url);
const tsxManifest = require("tsx/package.json") as {
  exports: Record<string, { import: { default: string } }>;
};
/** tsx's ESM API, as a file URL: a worker's code resolves bare names from the working folder, not from here. */
const TSX_API = pathToFileURL(
  join(dirname(require.resolve("tsx/package.json")), tsxManifest.exports["./esm/api"]!.import.default),
).href;

/**
 * Code for `new Worker(code, { eval: true })` that registers tsx with the project's tsconfig and
 * then runs the TypeScript module at `moduleUrl`.
 */
export function typescriptWorkerCode(moduleUrl: string): string {
  return `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register({ tsconfig: ${JSON.stringify(TSCONFIG)} }); return import(${JSON.stringify(moduleUrl)}); });`;
}
