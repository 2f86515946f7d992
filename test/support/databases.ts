import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, migrateDatabase, openDatabase } from "../../src/server/db/connect.ts";

/**
 * The databases every integration test runs on: embedded PGlite always, and
 * PostgreSQL when `DATABASE_URL` is set (CI sets it). Each test file gets its
 * own fresh, migrated database, so files can run in parallel.
 */
export const DATABASE_KINDS = ["pglite", ...(process.env.DATABASE_URL ? ["postgres" as const] : [])] as const;

/** Opens a fresh migrated database of the given kind; `close()` also drops a PostgreSQL test database. */
export async function openTestDatabase(kind: "pglite" | "postgres"): Promise<Database> {
  if (kind === "pglite") {
    const database = await openDatabase({ url: "", dataDir: "memory" });
    await migrateDatabase(database);
    return database;
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `childmark_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

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
