import { and, asc, eq } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answers, comments, indicators, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { ensureAnswer } from "../evidence/ensure-answer.ts";
import type { CommentOut } from "./schemas.ts";

/** The comment thread of one answer, oldest first, with each author's name (rework reasons included). */
export async function listComments(
  db: Db,
  assessment: LoadedAssessment,
  indicatorCode: string,
): Promise<CommentOut[]> {
  if (!assessment.framework.indicators.some((i) => i.code === indicatorCode)) {
    throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  }
  const rows = await db
    .select({
      id: comments.id,
      kind: comments.kind,
      body: comments.body,
      at: comments.createdAt,
      author: users.name,
    })
    .from(comments)
    .innerJoin(answers, eq(answers.id, comments.answerId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(answers.assessmentId, assessment.id), eq(indicators.code, indicatorCode)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return rows.map((r) => ({
    id: r.id,
    indicator: indicatorCode,
    kind: r.kind as CommentOut["kind"],
    body: r.body,
    author: r.author,
    createdAt: r.at.toISOString(),
  }));
}

/**
 * Adds a comment to an answer (creating the answer empty if needed). Allowed
 * in any status: discussion goes on during review and after validation.
 * Call inside a transaction.
 */
export async function addComment(
  db: Db,
  input: { assessment: LoadedAssessment; indicatorCode: string; actorId: string; body: string },
): Promise<CommentOut> {
  const answer = await ensureAnswer(db, input.assessment, input.indicatorCode, {
    actorId: input.actorId,
    editable: false,
  });
  const [row] = await db
    .insert(comments)
    .values({ answerId: answer.answerId, authorId: input.actorId, kind: "comment", body: input.body })
    .returning();
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, input.actorId));
  return {
    id: row!.id,
    indicator: input.indicatorCode,
    kind: "comment",
    body: row!.body,
    author: author?.name ?? "",
    createdAt: row!.createdAt.toISOString(),
  };
}
