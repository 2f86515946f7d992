import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { listAnswerHistory } from "./answer-history.ts";
import type { LoadedAssessment } from "./load-assessment.ts";
import { type SavedAnswer, saveAnswer } from "./save-answer.ts";

export interface RestoreAnswerInput {
  assessment: LoadedAssessment;
  indicatorCode: string;
  /** The history version whose resulting value comes back. */
  historyVersion: number;
  expectedVersion: number;
  actorId: string;
}

/**
 * Writes the value an answer had at `historyVersion` as a new change (source
 * `restore`), with the same conflict check as any save: history is never rewritten.
 */
export async function restoreAnswer(db: Db, input: RestoreAnswerInput): Promise<SavedAnswer> {
  const history = await listAnswerHistory(db, input.assessment, input.indicatorCode);
  // Evidence rows share the version of the value they document: restore the value change itself.
  const entry = history.filter((h) => h.version === input.historyVersion && h.source !== "evidence").at(-1);
  if (!entry) {
    throw new UserError(
      `historyVersion: ${input.indicatorCode} has no version ${input.historyVersion}`,
      [],
      404,
    );
  }
  return saveAnswer(db, {
    assessment: input.assessment,
    indicatorCode: input.indicatorCode,
    value: entry.after?.value ?? null,
    justification: entry.after?.justification ?? null,
    expectedVersion: input.expectedVersion,
    actorId: input.actorId,
    source: "restore",
    reason: `restored version ${input.historyVersion}`,
  });
}
