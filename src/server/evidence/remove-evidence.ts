import { and, eq, isNull } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answerHistory, evidenceSources } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { ensureAnswer } from "./ensure-answer.ts";
import { evidenceHistoryJson } from "./present-evidence.ts";

/**
 * Removes an evidence source softly: the row and any file stay (removed_at,
 * removed_by set) and the removal is appended to the answer's history, so
 * nothing is lost. Refuses (409) an assessment that is not draft or returned.
 * Call inside a transaction.
 */
export async function removeEvidence(
  db: Db,
  input: { assessment: LoadedAssessment; indicatorCode: string; evidenceId: string; actorId: string },
): Promise<void> {
  const answer = await ensureAnswer(db, input.assessment, input.indicatorCode, {
    actorId: input.actorId,
    editable: true,
  });
  const [row] = await db
    .update(evidenceSources)
    .set({ removedAt: new Date(), removedBy: input.actorId })
    .where(
      and(
        eq(evidenceSources.id, input.evidenceId),
        eq(evidenceSources.answerId, answer.answerId),
        isNull(evidenceSources.removedAt),
      ),
    )
    .returning();
  if (!row) throw new UserError("no such evidence", [], 404);
  await db.insert(answerHistory).values({
    answerId: answer.answerId,
    version: answer.version,
    valueBefore: evidenceHistoryJson(row),
    valueAfter: null,
    changedBy: input.actorId,
    source: "evidence",
    reason: "evidence removed",
  });
}
