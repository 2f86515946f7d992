import { join, resolve } from "node:path";

/**
 * The folder uploaded evidence files live in: `<data folder>/uploads`, the
 * data folder being `CHILDMARK_DATA_DIR` or ./data (read at each call, so
 * tests can point it at a temporary folder).
 */
export function uploadsDir(): string {
  const dataDir = process.env.CHILDMARK_DATA_DIR;
  const base = dataDir && dataDir !== "memory" ? dataDir : "./data";
  return resolve(join(base, "uploads"));
}
