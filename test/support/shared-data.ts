import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of real public data beside the repository (`../shared/data`, present in CI), or CHILDMARK_SHARED_DATA. */
export const SHARED_DATA =
  process.env.CHILDMARK_SHARED_DATA ??
  resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/data");

/** True when the shared data is there; tests that need it skip, saying why, when it is not. */
export const hasSharedData = existsSync(SHARED_DATA);

export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

if (!hasSharedData) {
  console.warn(`Shared data not found at ${SHARED_DATA}: tests on real public data are skipped.`);
}
