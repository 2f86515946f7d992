import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A Drizzle database on either driver; every query is written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives: the PGlite folder (or `memory`) or the PostgreSQL URL without password. */
  location: string;
  close(): Promise<void>;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface OpenOptions {
  /** PostgreSQL URL; defaults to `DATABASE_URL`. When absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; defaults to `CHILDMARK_DATA_DIR` or `./data`. `memory` keeps nothing. */
  dataDir?: string;
}

/** Opens PostgreSQL when a URL is given (or `DATABASE_URL` is set), otherwise embedded PGlite. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.CHILDMARK_DB_POOL ?? 10) });
    // An idle connection that the server closes (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
    await pool.query("select 1");
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      kind: "postgres",
      location: url.replace(/:[^:@/]*@/, ":***@"),
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? process.env.CHILDMARK_DATA_DIR ?? "./data";
  let client: PGlite;
  if (dataDir === "memory") {
    client = new PGlite();
  } else {
    mkdirSync(dataDir, { recursive: true });
    client = new PGlite(resolve(dataDir, "pglite"));
  }
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    location: dataDir === "memory" ? "memory" : resolve(dataDir),
    close: () => client.close(),
  };
}

/** Applies every committed migration not yet applied. Safe to run at every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS };
  if (database.kind === "postgres") {
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
  } else {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
  }
}
