import { can } from "../../core/index.ts";
import { AnswerConflictError } from "../assessments/answer-conflict.ts";
import { assessmentTarget, type LoadedAssessment } from "../assessments/load-assessment.ts";
import { saveAnswer } from "../assessments/save-answer.ts";
import { type AuditActor, auditTargetOf, recordAudit } from "../audit/record-audit.ts";
import type { SignedInUser } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { loadWorkbook } from "../frameworks/xlsx/load-workbook.ts";
import { checkRows } from "./check-rows.ts";
import { readCurrentAnswers } from "./current-answers.ts";
import { EXCHANGE_SHEETS } from "./layout.ts";
import { readAnswersSheet } from "./read-answers-sheet.ts";
import type { ImportReport } from "./schemas.ts";

/** Statuses in which answers may still change (as in saveAnswer). */
const EDITABLE = new Set(["draft", "returned"]);
/** A report lists this many problems at most; a wrong file would otherwise list thousands. */
const MAX_PROBLEMS = 500;

/** Thrown inside the transaction so that anything already saved is rolled back. */
export class ImportRejectedError extends Error {
  constructor(readonly report: ImportReport) {
    super("the import was rejected");
  }
}

export interface ImportAnswersInput {
  assessment: LoadedAssessment;
  actor: SignedInUser;
  bytes: Uint8Array;
  fileName: string;
  dryRun: boolean;
  /** Written to the audit log in the same transaction when the import is applied. */
  audit?: AuditActor;
}

/**
 * Imports a filled offline workbook: checks every row first and, when any
 * problem exists, writes nothing and returns the report (ok: false). Otherwise
 * saves each changed answer through `saveAnswer` (source "import"), so history
 * and concurrency behave exactly as in data entry. Call it in one transaction:
 * an answer changed between the check and the save raises ImportRejectedError.
 */
export async function importAnswers(db: Db, input: ImportAnswersInput): Promise<ImportReport> {
  const { assessment, actor, fileName } = input;
  if (!EDITABLE.has(assessment.status)) {
    throw new UserError(
      `the assessment is ${assessment.status.replace("_", " ")}: answers are locked`,
      [],
      409,
    );
  }
  const sheet = readAnswersSheet(await openUpload(input.bytes, fileName));
  const base = { dryRun: input.dryRun, fileName, rows: sheet.rows.length };
  if (sheet.problems.length)
    return { ...base, ok: false, changed: 0, unchanged: 0, problems: sheet.problems };

  const current = await readCurrentAnswers(db, assessment.id);
  const checked = checkRows({
    sheet,
    framework: assessment.framework,
    current,
    assessmentId: assessment.id,
    mayWrite: (code) => can(actor, "answer:write", assessmentTarget(assessment, code)),
  });
  const report: ImportReport = {
    ...base,
    ok: checked.problems.length === 0,
    changed: checked.changes.length,
    unchanged: checked.unchanged,
    problems: checked.problems.slice(0, MAX_PROBLEMS),
  };
  if (!report.ok || input.dryRun) return report;

  for (const change of checked.changes) {
    try {
      await saveAnswer(db, {
        assessment,
        indicatorCode: change.indicatorCode,
        value: change.value,
        justification: change.justification,
        expectedVersion: change.expectedVersion,
        actorId: actor.userId,
        source: "import",
        reason: `XLSX import ${fileName}`,
      });
    } catch (error) {
      if (!(error instanceof AnswerConflictError)) throw error;
      const { value, justification, version, updatedBy } = error.current;
      throw new ImportRejectedError({
        ...report,
        ok: false,
        changed: 0,
        problems: [
          {
            sheet: EXCHANGE_SHEETS.answers,
            row: change.row,
            column: sheet.columns.version?.letter ?? null,
            field: "version",
            indicator: change.indicatorCode,
            message: `conflict: ${change.indicatorCode} was changed by ${updatedBy ?? "someone else"} while importing (now version ${version}); nothing was saved, import again`,
            current: { value, justification, version, updatedBy },
          },
        ],
      });
    }
  }
  if (input.audit) {
    await recordAudit(db, {
      action: "answers.imported",
      ...input.audit,
      ...auditTargetOf(assessment),
      details: { via: "xlsx", fileName, changed: report.changed, unchanged: report.unchanged },
    });
  }
  return report;
}

/** Opens the uploaded workbook behind the zip and size guards; a refusal says what to send instead. */
async function openUpload(bytes: Uint8Array, fileName: string) {
  try {
    const extension = /\.([^.]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
    if (extension && extension !== "xlsx")
      throw new UserError(
        `${fileName} is not an XLSX spreadsheet: only .xlsx workbooks are imported, not .${extension}`,
      );
    return await loadWorkbook(bytes, fileName);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(
      error.message,
      [
        "export the assessment again (XLSX) and fill that workbook in Excel or LibreOffice, keeping the .xlsx format",
      ],
      error.status,
    );
  }
}
