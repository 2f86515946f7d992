import type { Database } from "../src/server/db/connect.ts";
import { seedReference } from "../src/server/reference/countries.ts";
import { openTestDatabase } from "../test/support/test-database.ts";

/**
 * The databases a benchmark runs on: a fresh in-memory PGlite always, and a
 * fresh PostgreSQL database when `DATABASE_URL` is set (dropped afterwards).
 */
export async function* benchDatabases(): AsyncGenerator<Database> {
  const kinds = ["pglite", ...(process.env.DATABASE_URL ? ["postgres" as const] : [])] as const;
  if (!process.env.DATABASE_URL) console.log("  (DATABASE_URL not set: PostgreSQL figures skipped)");
  for (const kind of kinds) {
    const database = await openTestDatabase(kind);
    try {
      await seedReference(database.db);
      yield database;
    } finally {
      await database.close();
    }
  }
}
