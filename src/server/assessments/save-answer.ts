import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { answers, assessments, indicators, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { AnswerConflictError } from "./answer-conflict.ts";
import {
  isSameValue,
  presentValue,
  type StoredValue,
  toHistoryJson,
  typeAnswerInput,
} from "./answer-value.ts";
import type { LoadedAssessment } from "./load-assessment.ts";
import type { CurrentAnswer } from "./schemas.ts";

export interface SaveAnswerInput {
  assessment: LoadedAssessment;
  indicatorCode: string;
  value: string | number | null;
  justification?: string | null;
  /** The version the edit started from; 0 when the answer did not exist yet. */
  expectedVersion: number;
  actorId: string;
  /** `entry`, `import`, `restore`… kept in the history. */
  source: string;
  reason?: string | null;
}

export interface SavedAnswer extends CurrentAnswer {
  indicator: string;
  /** False when the value was already stored (an idempotent autosave). */
  changed: boolean;
}

/** Statuses in which answers may still change. */
const EDITABLE = new Set(["draft", "returned"]);

/**
 * Saves one answer with optimistic concurrency: checks the value by the
 * indicator's type, refuses a locked assessment (409) or a stale
 * `expectedVersion` (AnswerConflictError, 409, nothing written), otherwise
 * writes version + 1 and appends the change to answer_history. Saving the
 * stored value again changes nothing. Two queries; call it inside a transaction.
 */
export async function saveAnswer(db: Db, input: SaveAnswerInput): Promise<SavedAnswer> {
  const { assessment, indicatorCode } = input;
  const indicator = assessment.framework.indicators.find((i) => i.code === indicatorCode);
  if (!indicator) throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  const next = typeAnswerInput(indicator, input.value, input.justification);

  const actor = alias(users, "actor");
  const editor = alias(users, "editor");
  // The share lock makes a concurrent submission wait until this save commits.
  const [row] = await db
    .select({
      indicatorId: indicators.id,
      status: assessments.status,
      actorName: actor.name,
      answerId: answers.id,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
      justification: answers.justification,
      version: answers.version,
      updatedAt: answers.updatedAt,
      updatedBy: editor.name,
    })
    .from(indicators)
    .innerJoin(assessments, eq(assessments.id, assessment.id))
    .leftJoin(actor, eq(actor.id, input.actorId))
    .leftJoin(answers, and(eq(answers.indicatorId, indicators.id), eq(answers.assessmentId, assessment.id)))
    .leftJoin(editor, eq(editor.id, answers.updatedBy))
    .where(and(eq(indicators.versionId, assessment.versionId), eq(indicators.code, indicatorCode)))
    .for("share", { of: assessments });
  if (!row) throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  if (!EDITABLE.has(row.status)) {
    throw new UserError(`the assessment is ${row.status.replace("_", " ")}: answers are locked`, [], 409);
  }

  const current: (StoredValue & { version: number }) | null =
    row.answerId && row.version !== null
      ? {
          valueText: row.valueText,
          valueNumber: row.valueNumber,
          justification: row.justification,
          version: row.version,
        }
      : null;
  const present = (
    v: StoredValue,
    version: number,
    by: string | null,
    at: Date | null,
    changed: boolean,
  ) => ({
    indicator: indicatorCode,
    value: presentValue(v),
    justification: v.justification,
    version,
    updatedBy: by,
    updatedAt: at?.toISOString() ?? null,
    changed,
  });
  const empty: StoredValue = { valueText: null, valueNumber: null, justification: null };
  if (isSameValue(current ?? empty, next)) {
    return present(current ?? empty, current?.version ?? 0, row.updatedBy, row.updatedAt, false);
  }
  if ((current?.version ?? 0) !== input.expectedVersion) {
    throw new AnswerConflictError(
      present(current ?? empty, current?.version ?? 0, row.updatedBy, row.updatedAt, false),
    );
  }

  // The version condition in the write itself settles a race between two saves;
  // the history row is appended by the same statement (one round trip).
  const history = sql`, h as (
      insert into answer_history (answer_id, version, value_before, value_after, changed_by, source, reason)
      select id, version, ${current ? JSON.stringify(toHistoryJson(current)) : null}::jsonb,
        ${JSON.stringify(toHistoryJson(next))}::jsonb, ${input.actorId}::uuid, ${input.source}::text,
        ${input.reason ?? null}::text
      from w)
    select id, version, (extract(epoch from updated_at) * 1000)::float8 as at from w`;
  const [written] = await queryRows<{ id: string; version: number; at: number }>(
    db,
    current
      ? sql`with w as (
          update answers set value_text = ${next.valueText}::text, value_number = ${next.valueNumber}::float8,
            justification = ${next.justification}::text, version = version + 1,
            -- An approval is of the value the reviewer read: a new value needs a new look.
            review_state = case when review_state = 'approved' then null else review_state end,
            reviewed_by = case when review_state = 'approved' then null else reviewed_by end,
            reviewed_at = case when review_state = 'approved' then null else reviewed_at end,
            updated_by = ${input.actorId}::uuid, updated_at = now()
          where id = ${row.answerId}::uuid and version = ${input.expectedVersion}::int
          returning id, version, updated_at)${history}`
      : sql`with w as (
          insert into answers (assessment_id, indicator_id, value_text, value_number, justification, updated_by)
          values (${assessment.id}::uuid, ${row.indicatorId}::uuid, ${next.valueText}::text,
            ${next.valueNumber}::float8, ${next.justification}::text, ${input.actorId}::uuid)
          on conflict do nothing
          returning id, version, updated_at)${history}`,
  );
  if (!written) throw new AnswerConflictError(await readCurrentAnswer(db, assessment.id, row.indicatorId));

  return present(next, written.version, row.actorName, new Date(written.at), true);
}

/** The stored answer with the name of who last changed it (for a conflict raised by a concurrent write). */
export async function readCurrentAnswer(
  db: Db,
  assessmentId: string,
  indicatorId: string,
): Promise<CurrentAnswer> {
  const [row] = await db
    .select({
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
      justification: answers.justification,
      version: answers.version,
      updatedAt: answers.updatedAt,
      updatedBy: users.name,
    })
    .from(answers)
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .where(and(eq(answers.assessmentId, assessmentId), eq(answers.indicatorId, indicatorId)));
  if (!row) return { value: null, justification: null, version: 0, updatedBy: null, updatedAt: null };
  return {
    value: presentValue(row),
    justification: row.justification,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
