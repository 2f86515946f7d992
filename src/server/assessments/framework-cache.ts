import { eq } from "drizzle-orm";
import type { Framework } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { frameworkVersions } from "../db/schema.ts";
import { UserError } from "../errors.ts";

const MAX_ENTRIES = 32;
const cache = new Map<string, Framework>();

/**
 * The definition of a framework version. Versions never change once imported
 * (a change is a new version with a new id), so definitions are kept in a
 * small in-process cache: an autosave then skips reading and parsing a large
 * JSON document (626 indicators) on every keystroke.
 */
export async function readFrameworkDefinition(db: Db, versionId: string): Promise<Framework> {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const [row] = await db
    .select({ definition: frameworkVersions.definition })
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, versionId));
  if (!row) throw new UserError("no such framework version", [], 404);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(versionId, row.definition);
  return row.definition;
}
