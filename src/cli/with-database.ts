import { type Database, migrateDatabase, openDatabase } from "../server/db/connect.ts";
import { seedReference } from "../server/reference/countries.ts";

/**
 * Opens the configured database (PostgreSQL with `DATABASE_URL`, otherwise
 * PGlite in `CHILDMARK_DATA_DIR` or ./data), brings it up to date, runs `work`
 * and closes it, whatever happens.
 */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    await migrateDatabase(database);
    await seedReference(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}
