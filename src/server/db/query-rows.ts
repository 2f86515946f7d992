import type { SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";

/** Runs raw SQL and returns its rows, alike on PGlite and node-postgres. */
export async function queryRows<Row extends Record<string, unknown>>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
