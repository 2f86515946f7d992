import { eq } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answerHistory, evidenceSources, users } from "../db/schema.ts";
import { ensureAnswer } from "./ensure-answer.ts";
import { evidenceHistoryJson, presentEvidence } from "./present-evidence.ts";
import type { EvidenceOut } from "./schemas.ts";

export interface NewEvidence {
  kind: "citation" | "url" | "legal" | "file";
  citation?: string;
  url?: string;
  legalReference?: string;
  sourceDate?: string;
  /** A file already checked and stored (see checkFileContent, storeFile). */
  file?: { path: string; name: string; mediaType: string; size: number; sha256: string };
}

/**
 * Adds one evidence source to an answer (creating the answer empty if needed)
 * and appends the addition to the answer's history (source `evidence`). The
 * answer's version does not change, so an editor's autosave is not disturbed.
 * Refuses (409) an assessment that is not draft or returned. Call inside a transaction.
 */
export async function addEvidence(
  db: Db,
  input: { assessment: LoadedAssessment; indicatorCode: string; actorId: string; evidence: NewEvidence },
): Promise<EvidenceOut & { answerVersion: number }> {
  const answer = await ensureAnswer(db, input.assessment, input.indicatorCode, {
    actorId: input.actorId,
    editable: true,
  });
  const { evidence } = input;
  const [row] = await db
    .insert(evidenceSources)
    .values({
      answerId: answer.answerId,
      kind: evidence.kind,
      citation: evidence.citation ?? null,
      url: evidence.url ?? null,
      legalReference: evidence.legalReference ?? null,
      sourceDate: evidence.sourceDate ?? null,
      filePath: evidence.file?.path ?? null,
      fileName: evidence.file?.name ?? null,
      mediaType: evidence.file?.mediaType ?? null,
      fileSize: evidence.file?.size ?? null,
      sha256: evidence.file?.sha256 ?? null,
      createdBy: input.actorId,
    })
    .returning();
  await db.insert(answerHistory).values({
    answerId: answer.answerId,
    version: answer.version,
    valueBefore: null,
    valueAfter: evidenceHistoryJson(row!),
    changedBy: input.actorId,
    source: "evidence",
    reason: "evidence added",
  });
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, input.actorId));
  return {
    ...presentEvidence(row!, input.indicatorCode, author?.name ?? null),
    answerVersion: answer.version,
  };
}
