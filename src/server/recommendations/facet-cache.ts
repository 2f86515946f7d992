import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";

/** Searches whose facets are kept, per database; the oldest is forgotten first. */
const MAX_ENTRIES = 200;
/**
 * How long kept facets are trusted at most. The version below moves on every committed change; the
 * bound covers a search that read the version while a change was being committed.
 */
const MAX_AGE_MS = 60_000;

const dialect = new PgDialect();
const caches = new WeakMap<Db, Map<string, { at: number; value: unknown }>>();

/**
 * The facet counts of a search, computed once per state of the recommendations and their tracking:
 * the key is the search's condition (SQL and parameters) and the value of the sequence
 * `recommendation_search_version`, which triggers move on every change to either table (migration
 * 0016). Broad searches ("everything", "UPR, supported") count over tens of thousands of rows; a
 * coalition repeats them, and the data changes only with imports and tracking.
 */
export async function cachedFacets<T>(db: Db, condition: SQL, compute: () => Promise<T>): Promise<T> {
  const [row] = await queryRows<{ last_value: string | number; is_called: boolean }>(
    db,
    sql`select last_value, is_called from recommendation_search_version`,
  );
  const rendered = dialect.sqlToQuery(condition);
  const key = `${row?.last_value}:${row?.is_called}|${rendered.sql}|${JSON.stringify(rendered.params)}`;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < MAX_AGE_MS) {
    // Most recently used last, so the oldest is forgotten first.
    cache.delete(key);
    cache.set(key, hit);
    return structuredClone(hit.value) as T;
  }
  const value = await compute();
  cache.set(key, { at: now, value: structuredClone(value) });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
