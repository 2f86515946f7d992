import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, migrateDatabase, openDatabase } from "../../src/server/db/connect.ts";

/**
 * Opens a fresh database of the given kind, migrated unless `migrate: false`
 * (an empty database, no schema); `close()` also drops a PostgreSQL test database.
 */
export async function openTestDatabase(
  kind: "pglite" | "postgres",
  options: { migrate?: boolean } = {},
): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (kind === "pglite") {
    const database = await openDatabase({ url: "", dataDir: "memory" });
    if (migrate) await migrateDatabase(database);
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
  if (migrate) await migrateDatabase(database);
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
