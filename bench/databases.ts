import type { Database, Db } from "../src/server/db/connect.ts";
import { organisations, users } from "../src/server/db/schema.ts";
import { seedReference } from "../src/server/reference/countries.ts";
import { openTestDatabase } from "../test/support/test-database.ts";

/** The engines a benchmark runs on: PGlite always, PostgreSQL when `DATABASE_URL` is set (said when not). */
export function benchKinds(): ("pglite" | "postgres")[] {
  if (!process.env.DATABASE_URL) console.log("  (DATABASE_URL not set: PostgreSQL figures skipped)");
  return ["pglite", ...(process.env.DATABASE_URL ? ["postgres" as const] : [])];
}

/**
 * The databases a benchmark runs on: a fresh in-memory PGlite always, and a
 * fresh PostgreSQL database when `DATABASE_URL` is set (dropped afterwards).
 */
export async function* benchDatabases(): AsyncGenerator<Database> {
  for (const kind of benchKinds()) {
    const database = await openTestDatabase(kind);
    try {
      await seedReference(database.db);
      yield database;
    } finally {
      await database.close();
    }
  }
}

/** A user and Moldova's coalition, who own the plans the results benchmarks write. */
export async function benchCoalition(db: Db): Promise<{ userId: string; organisationId: string }> {
  const [user] = await db.insert(users).values({ email: "bench@example.org", name: "Bench" }).returning();
  const [org] = await db
    .insert(organisations)
    .values({ name: "Bench coalition", countryCode: "MD" })
    .returning();
  return { userId: user!.id, organisationId: org!.id };
}
