import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { importMappings, recommendationImports, recommendations } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { ColumnMapping } from "./fields.ts";

/** Saves (or replaces) a named column mapping for the generic import. */
export async function saveMapping(db: Db, name: string, columns: ColumnMapping, userId: string | null) {
  const [row] = await db
    .insert(importMappings)
    .values({ name, columns, createdBy: userId })
    .onConflictDoUpdate({ target: importMappings.name, set: { columns, updatedAt: new Date() } })
    .returning();
  return { name: row!.name, columns: row!.columns, updatedAt: row!.updatedAt.toISOString() };
}

/** Every saved column mapping, by name. */
export async function listMappings(db: Db) {
  const rows = await db.select().from(importMappings).orderBy(importMappings.name);
  return rows.map((r) => ({ name: r.name, columns: r.columns, updatedAt: r.updatedAt.toISOString() }));
}

/** The latest imports, newest first. */
export async function listImports(db: Db) {
  const rows = await db
    .select()
    .from(recommendationImports)
    .orderBy(desc(recommendationImports.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One recommendation with every field (404 when absent). */
export async function getRecommendation(db: Db, id: string) {
  const [r] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  if (!r) throw new UserError(`no recommendation ${id}`, [], 404);
  return {
    id: r.id,
    mechanism: r.mechanism,
    session: r.session,
    cycle: r.cycle,
    documentSymbol: r.documentSymbol,
    paragraph: r.paragraph,
    issuedOn: r.issuedOn,
    stateCode: r.stateCode,
    stateName: r.stateName,
    recommendingStates: r.recommendingStates,
    text: r.text,
    position: r.position,
    positionSource: r.positionSource,
    actionCategory: r.actionCategory,
    themes: r.themes,
    affectedGroups: r.affectedGroups,
    uncrcArticles: r.uncrcArticles,
    sdgTargets: r.sdgTargets,
    indicatorCodes: r.indicatorCodes,
    createdAt: r.createdAt.toISOString(),
  };
}
