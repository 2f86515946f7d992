import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { answers, comments, evidenceSources } from "../db/schema.ts";

/** Evidence sources (not removed) and comments per answer id of an assessment: two grouped queries. */
export async function countAnswerExtras(
  db: Db,
  assessmentId: string,
): Promise<{ evidence: Map<string, number>; comments: Map<string, number> }> {
  const evidenceRows = await db
    .select({ answerId: evidenceSources.answerId, n: count() })
    .from(evidenceSources)
    .innerJoin(answers, eq(answers.id, evidenceSources.answerId))
    .where(and(eq(answers.assessmentId, assessmentId), isNull(evidenceSources.removedAt)))
    .groupBy(evidenceSources.answerId);
  const commentRows = await db
    .select({ answerId: comments.answerId, n: count() })
    .from(comments)
    .innerJoin(answers, eq(answers.id, comments.answerId))
    .where(eq(answers.assessmentId, assessmentId))
    .groupBy(comments.answerId);
  return {
    evidence: new Map(evidenceRows.map((r) => [r.answerId, Number(r.n)])),
    comments: new Map(commentRows.map((r) => [r.answerId, Number(r.n)])),
  };
}
