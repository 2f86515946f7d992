import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Framework } from "../../core/index.ts";
import { parseFrameworkJson } from "../frameworks/read-framework-file.ts";

/** Where the demo Child Protection Index framework lives in the repository. */
export const DEMO_FRAMEWORK_PATH = fileURLToPath(
  new URL("../../../examples/cpi-demo/framework.json", import.meta.url),
);

/** Reads and validates the demo framework; throws a UserError listing every problem if it is invalid. */
export async function readDemoFramework(): Promise<Framework> {
  return parseFrameworkJson(await readFile(DEMO_FRAMEWORK_PATH), DEMO_FRAMEWORK_PATH);
}
