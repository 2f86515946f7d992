import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { recommendationSavedSearches } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import {
  type SavedSearch,
  type SavedSearchInput,
  savedSearchInput,
  savedSearchOutput,
  searchQuery,
} from "./schemas.ts";

export { type SavedSearch, type SavedSearchInput, savedSearchInput, savedSearchOutput };

/**
 * Saves a search for a user under a name (a second save under the same name replaces the query).
 * The query must be one the search accepts, so a saved search always opens: a bad filter answers
 * 400 naming `query.<filter>`.
 */
export async function saveSearch(db: Db, userId: string, input: SavedSearchInput): Promise<SavedSearch> {
  const query = input.query.replace(/^\?/, "");
  const params = new URLSearchParams(query);
  const parsed = searchQuery.strict().safeParse(Object.fromEntries(params));
  if (!parsed.success)
    throw new UserError(
      "query: not a valid search",
      parsed.error.issues.map(
        (i) => `query.${i.path.join(".") || (i as { keys?: string[] }).keys?.join(",")}: ${i.message}`,
      ),
    );
  const [row] = await db
    .insert(recommendationSavedSearches)
    .values({ userId, name: input.name, query: params.toString() })
    .onConflictDoUpdate({
      target: [recommendationSavedSearches.userId, recommendationSavedSearches.name],
      set: { query: params.toString() },
    })
    .returning();
  return present(row!);
}

/** The user's saved searches, by name. */
export async function listSavedSearches(db: Db, userId: string): Promise<SavedSearch[]> {
  const rows = await db
    .select()
    .from(recommendationSavedSearches)
    .where(eq(recommendationSavedSearches.userId, userId))
    .orderBy(asc(recommendationSavedSearches.name));
  return rows.map(present);
}

/** Deletes one of the user's saved searches; another user's (or none) answers 404. */
export async function deleteSavedSearch(db: Db, userId: string, id: string): Promise<void> {
  const gone = await db
    .delete(recommendationSavedSearches)
    .where(and(eq(recommendationSavedSearches.id, id), eq(recommendationSavedSearches.userId, userId)))
    .returning({ id: recommendationSavedSearches.id });
  if (gone.length === 0) throw new UserError(`no saved search ${id}`, [], 404);
}

function present(row: typeof recommendationSavedSearches.$inferSelect): SavedSearch {
  return { id: row.id, name: row.name, query: row.query, createdAt: row.createdAt.toISOString() };
}
