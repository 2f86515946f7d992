import { afterAll, beforeAll, describe } from "vitest";
import type { Database } from "../../src/server/db/connect.ts";
import { openTestDatabase } from "./test-database.ts";

export { openTestDatabase };

/**
 * The databases every integration test runs on: embedded PGlite always, and
 * PostgreSQL when `DATABASE_URL` is set (CI sets it). Each test file gets its
 * own fresh, migrated database, so files can run in parallel.
 */
export const DATABASE_KINDS = ["pglite", ...(process.env.DATABASE_URL ? ["postgres" as const] : [])] as const;

/**
 * Declares the same suite once per database kind. `body` receives a getter
 * for the suite's database, opened before its tests and closed after.
 */
export function describeEachDatabase(title: string, body: (database: () => Database) => void): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${title} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error("database not open yet");
        return database;
      });
    });
  }
}
