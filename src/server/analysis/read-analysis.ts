import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { PublicAnalysis } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { releaseAnalyses, releases } from "../db/schema.ts";

/** The latest published analysis of a release (what the portal and its downloads show), or null. */
export async function findPublishedAnalysis(db: Db, slug: string): Promise<PublicAnalysis | null> {
  const [row] = await db
    .select({
      version: releaseAnalyses.version,
      settings: releaseAnalyses.settings,
      result: releaseAnalyses.result,
      publishedAt: releaseAnalyses.publishedAt,
    })
    .from(releaseAnalyses)
    .innerJoin(releases, eq(releases.id, releaseAnalyses.releaseId))
    .where(and(eq(releases.slug, slug), isNotNull(releaseAnalyses.publishedAt)))
    .orderBy(desc(releaseAnalyses.version))
    .limit(1);
  return row ? { ...row, publishedAt: row.publishedAt!.toISOString() } : null;
}
