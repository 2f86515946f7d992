import { desc, eq, sql } from "drizzle-orm";
import type { LocalText, ReleaseSnapshot } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { releases } from "../db/schema.ts";

/** One release in a list: what the portal's release list and version pages need, no snapshot. */
export interface ReleaseSummary {
  slug: string;
  frameworkCode: string;
  title: LocalText;
  period: string;
  version: number;
  publishedAt: string;
  notes: string;
  /** Slug of the release this one corrects. */
  supersedes: string | null;
  /** Slug of the correction that replaces this one, if any. */
  supersededBy: string | null;
  isDemo: boolean;
}

/**
 * Parsed snapshots by slug, per database (tests open several in one process). A release never
 * changes, so a cached snapshot is always right; only a backup restore replaces releases, and it
 * calls `forgetReleases`. Least recently used entries go first.
 */
const CACHE_SIZE = 32;
const caches = new WeakMap<Db, Map<string, ReleaseSnapshot>>();

function cacheOf(db: Db): Map<string, ReleaseSnapshot> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Drops the cached snapshots (and everything derived from them) of a database. */
export function forgetReleases(db: Db): void {
  caches.delete(db);
  for (const listener of forgetListeners) listener(db);
}
const forgetListeners: ((db: Db) => void)[] = [];
/** Lets a cache derived from snapshots (the public API's responses) be dropped with them. */
export function onForgetReleases(listener: (db: Db) => void): void {
  forgetListeners.push(listener);
}

/** The snapshot of a release, or null when there is no release with this slug. */
export async function findRelease(db: Db, slug: string): Promise<ReleaseSnapshot | null> {
  const cache = cacheOf(db);
  const hit = cache.get(slug);
  if (hit) {
    cache.delete(slug);
    cache.set(slug, hit);
    return hit;
  }
  const [row] = await db
    .select({ snapshot: releases.snapshot })
    .from(releases)
    .where(eq(releases.slug, slug));
  if (!row) return null;
  cache.set(slug, row.snapshot);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return row.snapshot;
}

/** Every release, newest first (by publication), with the slugs of what each corrects and is corrected by. */
export async function listReleases(db: Db): Promise<ReleaseSummary[]> {
  const rows = await db
    .select({
      id: releases.id,
      slug: releases.slug,
      frameworkCode: releases.frameworkCode,
      title: sql<LocalText>`${releases.snapshot}->'framework'->'title'`,
      period: releases.period,
      version: releases.version,
      publishedAt: releases.publishedAt,
      notes: releases.notes,
      supersedesId: releases.supersedesId,
      isDemo: releases.isDemo,
    })
    .from(releases)
    .orderBy(desc(releases.publishedAt), desc(releases.version));
  const slugs = new Map(rows.map((r) => [r.id, r.slug]));
  const supersededBy = new Map<string, string>();
  for (const r of rows) if (r.supersedesId) supersededBy.set(r.supersedesId, r.slug);
  return rows.map((r) => ({
    slug: r.slug,
    frameworkCode: r.frameworkCode,
    title: typeof r.title === "string" ? (JSON.parse(r.title) as LocalText) : r.title,
    period: r.period,
    version: r.version,
    publishedAt: r.publishedAt.toISOString(),
    notes: r.notes,
    supersedes: r.supersedesId ? (slugs.get(r.supersedesId) ?? null) : null,
    supersededBy: supersededBy.get(r.id) ?? null,
    isDemo: r.isDemo,
  }));
}

/** The newest release of a framework: its latest period, latest correction. Null when none. */
export async function findLatestRelease(db: Db, frameworkCode: string): Promise<ReleaseSnapshot | null> {
  const [row] = await db
    .select({ slug: releases.slug })
    .from(releases)
    .where(eq(releases.frameworkCode, frameworkCode))
    .orderBy(desc(releases.period), desc(releases.version))
    .limit(1);
  return row ? findRelease(db, row.slug) : null;
}
