import { and, asc, eq, sql } from "drizzle-orm";
import { redactParts } from "../../core/index.ts";
import type { ModerationItemOut } from "../api-schemas/children.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import {
  consultationAnswers,
  consultationModeration,
  consultationModerationHistory,
  users,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** The free texts of a consultation for its moderators: those waiting first, flagged ones before the rest. */
export async function listModeration(db: Db, consultationId: string): Promise<ModerationItemOut[]> {
  const rows = await db
    .select({
      submissionId: consultationModeration.submissionId,
      questionCode: consultationModeration.questionCode,
      text: consultationAnswers.value,
      findings: consultationModeration.findings,
      status: consultationModeration.status,
      version: consultationModeration.version,
    })
    .from(consultationModeration)
    .innerJoin(
      consultationAnswers,
      and(
        eq(consultationAnswers.submissionId, consultationModeration.submissionId),
        eq(consultationAnswers.questionCode, consultationModeration.questionCode),
      ),
    )
    .where(eq(consultationModeration.consultationId, consultationId))
    .orderBy(
      sql`${consultationModeration.status} <> 'pending'`,
      sql`jsonb_array_length(${consultationModeration.findings}) = 0`,
      asc(consultationModeration.questionCode),
      asc(consultationModeration.submissionId),
    );
  const decisions = await db
    .select({
      submissionId: consultationModerationHistory.submissionId,
      questionCode: consultationModerationHistory.questionCode,
      status: consultationModerationHistory.status,
      parts: consultationModerationHistory.parts,
      by: users.name,
      at: consultationModerationHistory.decidedAt,
    })
    .from(consultationModerationHistory)
    .leftJoin(users, eq(users.id, consultationModerationHistory.decidedBy))
    .where(eq(consultationModerationHistory.consultationId, consultationId))
    .orderBy(asc(consultationModerationHistory.decidedAt), asc(consultationModerationHistory.id));
  const historyOf = new Map<string, ModerationItemOut["history"]>();
  for (const d of decisions) {
    const key = `${d.submissionId}/${d.questionCode}`;
    const list = historyOf.get(key) ?? [];
    list.push({
      status: d.status as ModerationItemOut["history"][number]["status"],
      parts: d.parts,
      by: d.by,
      at: d.at.toISOString(),
    });
    historyOf.set(key, list);
  }
  return rows.map((r) => ({
    ...r,
    text: String(r.text),
    status: r.status as ModerationItemOut["status"],
    history: historyOf.get(`${r.submissionId}/${r.questionCode}`) ?? [],
  }));
}

/**
 * A moderator's decision on one free text; a redaction rewrites the stored text (the original is
 * not kept). With `expectedVersion`, a decision on what another moderator changed meanwhile is
 * refused (409). Every decision is added to the history: who, when, what, how many parts.
 */
export async function moderate(
  tx: Db,
  key: { consultationId: string; submissionId: string; questionCode: string },
  decision: { decision: "approve" | "redact" | "reject"; parts: string[]; expectedVersion?: number },
  userId: string,
  audit?: AuditActor & { target: Record<string, string | null> },
): Promise<void> {
  const where = and(
    eq(consultationModeration.consultationId, key.consultationId),
    eq(consultationModeration.submissionId, key.submissionId),
    eq(consultationModeration.questionCode, key.questionCode),
  );
  const [item] = await tx.select().from(consultationModeration).where(where);
  if (!item) throw new UserError("no such free-text answer in this consultation", [], 404);
  if (decision.expectedVersion !== undefined && decision.expectedVersion !== item.version)
    throw new UserError(
      "another moderator decided on this answer meanwhile; reload to see their decision",
      [`expectedVersion: ${decision.expectedVersion}, current: ${item.version}`],
      409,
    );
  const answerKey = and(
    eq(consultationAnswers.submissionId, key.submissionId),
    eq(consultationAnswers.questionCode, key.questionCode),
  );
  if (decision.decision === "redact") {
    if (!decision.parts.length) throw new UserError("parts: name the parts to remove");
    const [answer] = await tx.select().from(consultationAnswers).where(answerKey);
    await tx
      .update(consultationAnswers)
      .set({ value: redactParts(String(answer!.value), decision.parts) })
      .where(answerKey);
  }
  const status = { approve: "approved", redact: "redacted", reject: "rejected" }[decision.decision];
  const decidedAt = new Date();
  const updated = await tx
    .update(consultationModeration)
    .set({ status, decidedBy: userId, decidedAt, version: sql`${consultationModeration.version} + 1` })
    .where(and(where, eq(consultationModeration.version, item.version)))
    .returning({ version: consultationModeration.version });
  // A decision committed between our read and this update (PostgreSQL's read committed): refused too.
  if (!updated.length)
    throw new UserError(
      "another moderator decided on this answer meanwhile; reload to see their decision",
      [],
      409,
    );
  await tx.insert(consultationModerationHistory).values({
    consultationId: key.consultationId,
    submissionId: key.submissionId,
    questionCode: key.questionCode,
    status,
    parts: decision.decision === "redact" ? decision.parts.length : 0,
    decidedBy: userId,
    decidedAt,
  });
  if (audit) {
    const { target, ...actor } = audit;
    // The decision and the question, never the child's text.
    await recordAudit(tx, {
      ...actor,
      ...target,
      action: "children.answer-moderated",
      details: {
        question: key.questionCode,
        submission: key.submissionId,
        decision: status,
        parts: decision.parts.length,
      },
    });
  }
}
