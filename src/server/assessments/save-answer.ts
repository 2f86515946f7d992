import { and, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { preparedStatement, runPrepared } from "../db/prepared.ts";
import { answers, users } from "../db/schema.ts";
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
 * stored value again changes nothing. Two statements, safe without a transaction.
 */
export async function saveAnswer(db: Db, input: SaveAnswerInput): Promise<SavedAnswer> {
  const { assessment, indicatorCode } = input;
  const indicator = assessment.framework.indicators.find((i) => i.code === indicatorCode);
  if (!indicator) throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  const next = typeAnswerInput(indicator, input.value, input.justification);

  const [row] = await runPrepared<{
    indicatorId: string;
    status: string;
    actorName: string | null;
    answerId: string | null;
    valueText: string | null;
    valueNumber: number | null;
    justification: string | null;
    version: number | null;
    updatedAt: number | null;
    updatedBy: string | null;
  }>(db, READ_FOR_SAVE, [assessment.id, input.actorId, assessment.versionId, indicatorCode]);
  if (!row) throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  if (!EDITABLE.has(row.status)) throw locked(row.status);

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
  const updatedAt = row.updatedAt === null ? null : new Date(row.updatedAt);
  if (isSameValue(current ?? empty, next)) {
    return present(current ?? empty, current?.version ?? 0, row.updatedBy, updatedAt, false);
  }
  if ((current?.version ?? 0) !== input.expectedVersion) {
    throw new AnswerConflictError(
      present(current ?? empty, current?.version ?? 0, row.updatedBy, updatedAt, false),
    );
  }

  // One statement, no transaction: the version condition in the write settles a race between two
  // saves, the status condition (under a share lock, which makes a concurrent submission wait until
  // this save commits) refuses an assessment submitted since the read, and the history row is
  // appended by the same statement.
  const values = [
    next.valueText,
    next.valueNumber,
    next.justification,
    input.actorId,
    JSON.stringify(toHistoryJson(next)),
    input.source,
    input.reason ?? null,
    assessment.id,
  ];
  const [written] = current
    ? await runPrepared<{ id: string; version: number; at: number }>(db, UPDATE_ANSWER, [
        ...values,
        JSON.stringify(toHistoryJson(current)),
        row.answerId,
        input.expectedVersion,
      ])
    : await runPrepared<{ id: string; version: number; at: number }>(db, INSERT_ANSWER, [
        ...values,
        row.indicatorId,
      ]);
  if (!written) {
    const [now] = await runPrepared<{ status: string }>(db, ASSESSMENT_STATUS, [assessment.id]);
    if (now && !EDITABLE.has(now.status)) throw locked(now.status);
    throw new AnswerConflictError(await readCurrentAnswer(db, assessment.id, row.indicatorId));
  }

  return present(next, written.version, row.actorName, new Date(written.at), true);
}

const locked = (status: string) =>
  new UserError(`the assessment is ${status.replace("_", " ")}: answers are locked`, [], 409);

/** The indicator, the assessment's status, the actor's name and the stored answer with who last changed it. */
const READ_FOR_SAVE = preparedStatement(
  "read_for_save",
  ["uuid", "uuid", "uuid", "text"],
  `select i.id as "indicatorId", s.status, actor.name as "actorName", a.id as "answerId",
    a.value_text as "valueText", a.value_number as "valueNumber", a.justification, a.version,
    (extract(epoch from a.updated_at) * 1000)::float8 as "updatedAt", editor.name as "updatedBy"
  from indicators i
  join assessments s on s.id = $1
  left join users actor on actor.id = $2
  left join answers a on a.indicator_id = i.id and a.assessment_id = s.id
  left join users editor on editor.id = a.updated_by
  where i.version_id = $3 and i.code = $4`,
);

/** $1–$8 of both writes: the new value, justification, actor, history JSON, source, reason, assessment. */
const WRITE_TYPES = ["text", "float8", "text", "uuid", "jsonb", "text", "text", "uuid"];
const EDITABLE_NOW = `exists (select 1 from assessments where id = $8 and status in ('draft', 'returned') for share)`;
const APPEND_HISTORY = `, h as (
    insert into answer_history (answer_id, version, value_before, value_after, changed_by, source, reason)
    select id, version, before, $5, $4, $6, $7 from w)
  select id, version, (extract(epoch from updated_at) * 1000)::float8 as at from w`;

const UPDATE_ANSWER = preparedStatement(
  "update_answer",
  [...WRITE_TYPES, "jsonb", "uuid", "int"],
  `with w as (
    update answers set value_text = $1, value_number = $2, justification = $3, version = version + 1,
      -- An approval is of the value the reviewer read: a new value needs a new look.
      review_state = case when review_state = 'approved' then null else review_state end,
      reviewed_by = case when review_state = 'approved' then null else reviewed_by end,
      reviewed_at = case when review_state = 'approved' then null else reviewed_at end,
      updated_by = $4, updated_at = now()
    where id = $10 and version = $11 and ${EDITABLE_NOW}
    returning id, version, updated_at, $9 as before)${APPEND_HISTORY}`,
);

const INSERT_ANSWER = preparedStatement(
  "insert_answer",
  [...WRITE_TYPES, "uuid"],
  `with w as (
    insert into answers (assessment_id, indicator_id, value_text, value_number, justification, updated_by)
    select $8, $9, $1, $2, $3, $4 where ${EDITABLE_NOW}
    on conflict do nothing
    returning id, version, updated_at, null::jsonb as before)${APPEND_HISTORY}`,
);

const ASSESSMENT_STATUS = preparedStatement(
  "assessment_status",
  ["uuid"],
  "select status from assessments where id = $1",
);

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
