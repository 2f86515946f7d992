import { and, asc, eq, sql } from "drizzle-orm";
import { redactParts } from "../../core/index.ts";
import type { ModerationItemOut } from "../api-schemas/children.ts";
import type { Db } from "../db/connect.ts";
import { consultationAnswers, consultationModeration } from "../db/schema.ts";
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
  return rows.map((r) => ({
    ...r,
    text: String(r.text),
    status: r.status as ModerationItemOut["status"],
  }));
}

/** A moderator's decision on one free text; a redaction rewrites the stored text (the original is not kept). */
export async function moderate(
  tx: Db,
  key: { consultationId: string; submissionId: string; questionCode: string },
  decision: { decision: "approve" | "redact" | "reject"; parts: string[] },
  userId: string,
): Promise<void> {
  const where = and(
    eq(consultationModeration.consultationId, key.consultationId),
    eq(consultationModeration.submissionId, key.submissionId),
    eq(consultationModeration.questionCode, key.questionCode),
  );
  const [item] = await tx.select().from(consultationModeration).where(where);
  if (!item) throw new UserError("no such free-text answer in this consultation", [], 404);
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
  await tx
    .update(consultationModeration)
    .set({ status, decidedBy: userId, decidedAt: new Date() })
    .where(where);
}
