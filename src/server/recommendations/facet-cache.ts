import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";

/** Searches whose facets are kept, per database; the oldest is forgotten first. */
const MAX_ENTRIES = 200;
/** Searches counted again, most recently used first, as soon as the data changes. */
const WARM_SEARCHES = 12;
/**
 * How long kept facets are trusted at most. The version below moves on every committed change; the
 * bound covers a search that read the version while a change was being committed.
 */
const MAX_AGE_MS = 60_000;

const dialect = new PgDialect();

interface DbCache {
  /** Facets by version and search: counted, or being counted (a search waits for that count). */
  entries: Map<string, { at: number; value: Promise<unknown> }>;
  /** The searches made, most recently used last, with how to count their facets. */
  recent: Map<string, () => Promise<unknown>>;
  /** The version the recent searches were last counted for by `warmFacets`. */
  warmed?: string;
}
const caches = new WeakMap<Db, DbCache>();

function cacheOf(db: Db): DbCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: new Map(), recent: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/** The value of `recommendation_search_version`, which moves on every change to the recommendations or their tracking. */
export async function searchVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ last_value: string | number; is_called: boolean }>(
    db,
    sql`select last_value, is_called from recommendation_search_version`,
  );
  return `${row?.last_value}:${row?.is_called}`;
}

function remember(cache: DbCache, key: string, value: Promise<unknown>): void {
  cache.entries.set(key, { at: Date.now(), value });
  value.catch(() => cache.entries.delete(key));
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
}

/**
 * The facet counts of a search, computed once per state of the recommendations and their tracking:
 * the key is the search's condition (SQL and parameters) and the value of the sequence
 * `recommendation_search_version`, which triggers move on every change to either table (migration
 * 0016). Broad searches ("everything", "UPR, supported") count over tens of thousands of rows; a
 * coalition repeats them, and the data changes only with imports and tracking. After a change,
 * `warmFacets` counts the recent searches again in the background, so the next one finds them.
 */
export async function cachedFacets<T>(db: Db, condition: SQL, compute: () => Promise<T>): Promise<T> {
  const version = await searchVersion(db);
  const rendered = dialect.sqlToQuery(condition);
  const search = `${rendered.sql}|${JSON.stringify(rendered.params)}`;
  const key = `${version}|${search}`;
  const cache = cacheOf(db);
  cache.recent.delete(search);
  cache.recent.set(search, compute);
  if (cache.recent.size > WARM_SEARCHES) cache.recent.delete(cache.recent.keys().next().value!);
  const hit = cache.entries.get(key);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) {
    // Most recently used last, so the oldest is forgotten first.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return structuredClone(await hit.value) as T;
  }
  const value = compute();
  remember(cache, key, value);
  return structuredClone(await value) as T;
}

/**
 * When the recommendations or their tracking changed since the last call, counts the facets of
 * the most recently used searches for the new state, one after another, so that the first search
 * after an import or a status change finds them counted (or waits for a count already under way
 * rather than starting its own). Called after every successful write of the API; cheap otherwise
 * (one read of the version).
 */
export async function warmFacets(db: Db): Promise<void> {
  const cache = caches.get(db);
  if (!cache?.recent.size) return;
  const version = await searchVersion(db);
  if (cache.warmed === version) return;
  cache.warmed = version;
  let chain: Promise<unknown> = Promise.resolve();
  for (const [search, compute] of [...cache.recent].reverse()) {
    const key = `${version}|${search}`;
    if (cache.entries.has(key)) continue;
    const value = chain.then(compute);
    chain = value.catch(() => undefined);
    remember(cache, key, value);
  }
  await chain;
}
