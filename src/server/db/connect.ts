import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, type PGliteOptions, type Transaction } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.ts";
import { FairQueue, isBulkWork } from "./fair-queue.ts";
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
  if (dataDir === "memory") {
    const client = new PGlite(pgliteOptions());
    await client.waitReady;
    return pgliteDatabase(client, "memory", () => client.close());
  }
  const location = resolve(dataDir);
  mkdirSync(location, { recursive: true });
  // One process at a time: a second PGlite on the same files aborts or corrupts them.
  const lock = lockDataDir(location);
  try {
    const client = new PGlite(resolve(location, "pglite"), pgliteOptions());
    await client.waitReady;
    return pgliteDatabase(client, location, async () => {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * PostgreSQL's defaults reserve 128 MB of shared buffers, which PGlite keeps
 * in its WASM memory (and WASM memory never shrinks). The data of a coalition
 * is tens of megabytes and the files sit in the OS page cache anyway, so 16 MB
 * is enough; `CHILDMARK_PGLITE_SHARED_BUFFERS` (e.g. `64MB`) overrides it.
 */
function pgliteOptions(): PGliteOptions {
  const sharedBuffers = process.env.CHILDMARK_PGLITE_SHARED_BUFFERS || "16MB";
  return { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] };
}

function pgliteDatabase(client: PGlite, location: string, close: () => Promise<void>): Database {
  return {
    db: drizzlePglite(queuedClient(client, new FairQueue()), { schema }) as unknown as Db,
    kind: "pglite",
    location,
    close,
  };
}

/**
 * The PGlite client as Drizzle sees it: every statement and every transaction
 * takes a turn in the fair queue (see fair-queue.ts), and a bulk transaction
 * lets the event loop run between its statements, so requests keep being read
 * (and answered when they need no database) while an import holds it.
 */
function queuedClient(client: PGlite, queue: FairQueue): PGlite {
  // Only bulk work lets the event loop in between its statements: for a short transaction the pause
  // would keep the database idle while other requests are parsed.
  const yieldToEventLoop = () =>
    isBulkWork() ? new Promise<void>((resolve) => setImmediate(resolve)) : Promise.resolve();
  return new Proxy(client, {
    get(target, property) {
      if (property === "query" || property === "exec")
        return (...args: unknown[]) =>
          queue.run(() => (target[property] as (...a: unknown[]) => Promise<unknown>)(...args));
      if (property === "transaction")
        return (work: (tx: Transaction) => Promise<unknown>) =>
          queue.run(() =>
            target.transaction((tx) =>
              work(
                Object.assign(Object.create(tx) as Transaction, {
                  query: async (...args: Parameters<Transaction["query"]>) => {
                    await yieldToEventLoop();
                    return tx.query(...args);
                  },
                }),
              ),
            ),
          );
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
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
