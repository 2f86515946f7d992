import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Answer, LocalText } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { arrayLiteral } from "../db/array-literal.ts";
import type { Db } from "../db/connect.ts";
import { insertInChunks } from "../db/insert-in-chunks.ts";
import { queryRows } from "../db/query-rows.ts";
import { answers, assessments, countries, cycles, indicators } from "../db/schema.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { UserError } from "../errors.ts";
import { findFrameworkVersion } from "../frameworks/find-framework.ts";
import { scoreVersion, storeScores } from "../scores/compute-scores.ts";
import { type CheckedAnswer, validateAnswers } from "./validate-answers.ts";

export interface ImportAnswersOptions {
  /** Framework version id, code or code@version. */
  framework: string;
  answers: readonly Answer[];
  userId?: string;
  fileName?: string;
  /** Marks new cycles as demo data (shown as such everywhere). */
  isDemo?: boolean;
  cycleNames?: Record<string, LocalText>;
  /** Called after each staged batch (the import waits for a returned promise) and at the end. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Written to the audit log in the same transaction. */
  audit?: AuditActor;
  /** Called as each step ends (for benchmarks: the swap is the only step that holds the database). */
  onStep?: (step: ImportStep) => void;
}

/** The steps of an import, in order: planned (read, sorted), scored, staged, swapped (committed). */
export type ImportStep = "planned" | "scored" | "staged" | "swapped" | "analysed";

export interface ImportAnswersResult {
  cycles: number;
  assessments: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

type Value = { valueText: string | null; valueNumber: number | null };
/** Rows per staging statement: each is one short turn of the database, so other requests get theirs in between. */
const STAGE_ROWS = 5_000;
/** Assessments whose stored answers are read per statement while the import is planned. */
const READ_ASSESSMENTS = 25;
/** From how many written answers an import refreshes the planner's statistics of answers and their history. */
const ANALYZE_AFTER_ROWS = 1_000;
/** The schema of staging tables, outside `public` (so backups and the schema never see them). */
const STAGING_SCHEMA = "childmark_staging";
/** A staging table older than this was left by a process that stopped mid-import: dropped by the next import. */
const STALE_STAGING_MS = 24 * 3600_000;

/** A value as answer_history keeps it: `{"text": …}` or `{"number": …}` (see assessments/answer-value.ts). */
const historyJson = (text: SQL, number: SQL) =>
  sql`case when ${text} is not null then jsonb_build_object('text', ${text}) else jsonb_build_object('number', ${number}) end`;

const changedMeanwhile = () =>
  new UserError(
    "answers changed while the import ran (someone saved an answer it also sets): nothing was imported; import the file again",
    [],
    409,
  );

/**
 * Imports answers (entity = country, period = cycle) into a framework version,
 * all or nothing: creates missing cycles and assessments, inserts new answers,
 * updates changed ones with a new version, and appends every change to the
 * history. Invalid input changes nothing; re-importing the same file changes
 * nothing. Scores of the touched cycles are recomputed.
 *
 * So that a large import does not hold the database while people work (PGlite
 * is one connection: a transaction keeps every other request waiting), it
 * runs in three steps. (1) Plan: validate, read what is stored (short
 * statements) and compute the scores, writing nothing. (2) Stage: write the
 * rows into a table of its own in `childmark_staging`, a few thousand per
 * statement, each statement one turn of the database (in the bulk lane when
 * called through `runAsBulkWork`), so people's requests are served in
 * between; each staged row already carries what the swap writes (the answer's
 * id, the version read, the history values), new answers in key order.
 * (3) Swap: one transaction creates the cycles and assessments, moves the
 * staged rows into `answers` and `answer_history` with three plain statements
 * (no parameters to parse, nothing computed per row but the rows and their
 * index entries), stores the scores and the audit entry. It is the only step
 * that holds the database, and it is what making N rows visible at once
 * costs: on PGlite about 55 µs of CPU per answer (60,731 answers: 3.3 s).
 * An answer someone saved after the plan read it is not overwritten: its
 * version is a condition of the swap, which then refuses the whole import
 * (409). Nothing is visible before the swap commits, and a failure anywhere
 * leaves nothing but the staging table, which is dropped (or, after a crash,
 * by a later import).
 */
export async function importAnswers(db: Db, options: ImportAnswersOptions): Promise<ImportAnswersResult> {
  const fw = await findFrameworkVersion(db, options.framework);
  const countryRows = await db.select({ code: countries.code, iso3: countries.iso3 }).from(countries);
  const countryCodes = new Map<string, string>();
  for (const c of countryRows) {
    countryCodes.set(c.code, c.code);
    countryCodes.set(c.iso3, c.code);
  }
  const byCode = new Map(fw.definition.indicators.map((ind) => [ind.code, ind]));
  const checked = validateAnswers(options.answers, byCode, countryCodes, options.fileName);
  const progress = options.onProgress ?? (() => {});
  const total = checked.length;

  const step = options.onStep ?? (() => {});
  const plan = await planImport(db, fw.versionId, checked);
  step("planned");
  const { toInsert, toUpdate, unchanged } = plan;
  const result: ImportAnswersResult = {
    cycles: plan.cycleIds.size,
    assessments: plan.pairs.length,
    inserted: toInsert.length,
    updated: toUpdate.length,
    unchanged,
  };
  if (toInsert.length + toUpdate.length === 0 && plan.newCycles.length + plan.newAssessments.length === 0) {
    if (options.audit) await recordImportAudit(db, fw.versionId, options, result);
    await progress(total, total);
    return result;
  }
  // The answers of the imported cycles are all in hand: only the other cycles' are read back.
  const scores =
    toInsert.length + toUpdate.length > 0
      ? await scoreVersion(db, fw.versionId, {
          cycleIds: [...plan.cycleIds.values()],
          answers: answersAfter(plan.existing, checked, plan),
        })
      : null;

  step("scored");
  const staging = await createStagingTable(db);
  try {
    let done = unchanged;
    // New answers in key order: the swap then writes each assessment's rows next to each other in the indexes.
    const inserts = [...toInsert].sort(
      (a, b) => compare(a.assessmentId, b.assessmentId) || compare(a.indicatorId, b.indicatorId),
    );
    const rows: StagedRow[] = [
      ...inserts.map((r) => ({ ...r, answerId: null, version: null, before: null })),
      ...toUpdate.map((u) => ({
        assessmentId: null,
        indicatorId: null,
        answerId: u.id,
        version: u.version - 1,
        valueText: u.after.valueText,
        valueNumber: u.after.valueNumber,
        before: u.before,
      })),
    ];
    for (let i = 0; i < rows.length; i += STAGE_ROWS) {
      const chunk = rows.slice(i, i + STAGE_ROWS);
      await stageRows(db, staging, chunk);
      done += chunk.length;
      await progress(done, total);
    }
    step("staged");
    await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      await createCyclesAndAssessments(t, fw, plan, options);
      const by = options.userId ?? null;
      const rowChecksOff = await checkReferencesOnce(t, {
        assessments: [...new Set(toInsert.map((r) => r.assessmentId))],
        indicators: [...new Set(toInsert.map((r) => r.indicatorId))],
        user: by,
      });
      await swapStagedRows(t, staging, by, { inserts: toInsert.length, updates: toUpdate.length });
      if (rowChecksOff) await t.execute(sql`set local session_replication_role = origin`);
      if (scores) await storeScores(t, scores);
      if (options.audit) await recordImportAudit(t, fw.versionId, options, result);
    });
    step("swapped");
    // PGlite has no autovacuum worker, so its statistics would go on describing the tables as they
    // were before the import and the planner would scan where an index serves; PostgreSQL's
    // autovacuum would do the same later. Refreshed once a large import has landed.
    if (toInsert.length + toUpdate.length >= ANALYZE_AFTER_ROWS) {
      await db.execute(sql`analyze answers, answer_history`);
      step("analysed");
    }
  } finally {
    await db.execute(sql`drop table if exists ${staging}`);
  }
  await progress(total, total);
  return result;
}

interface ImportPlan {
  /** Period → cycle id (new cycles get their id here, created by the swap). */
  cycleIds: Map<string, string>;
  newCycles: { id: string; period: string }[];
  /** Every (cycle, country) the import touches. */
  pairs: { cycleId: string; countryCode: string }[];
  newAssessments: { id: string; cycleId: string; countryCode: string }[];
  assessmentRows: { id: string; cycleId: string; country: string }[];
  indicatorIds: Map<string, string>;
  existing: Map<string, { id: string; version: number; assessmentId: string; indicatorId: string } & Value>;
  toInsert: {
    assessmentId: string;
    indicatorId: string;
    valueText: string | null;
    valueNumber: number | null;
  }[];
  toUpdate: { id: string; version: number; before: Value; after: Value }[];
  unchanged: number;
}

/** Reads what is stored (short statements, no transaction) and sorts the checked answers into inserts, updates and unchanged. */
async function planImport(db: Db, versionId: string, checked: readonly CheckedAnswer[]): Promise<ImportPlan> {
  const indicatorIds = new Map(
    (
      await db
        .select({ id: indicators.id, code: indicators.code })
        .from(indicators)
        .where(eq(indicators.versionId, versionId))
    ).map((r) => [r.code, r.id]),
  );
  const periods = [...new Set(checked.map((a) => a.period))];
  const cycleIds = new Map<string, string>();
  const found = periods.length
    ? await db
        .select({ id: cycles.id, period: cycles.period })
        .from(cycles)
        .where(and(eq(cycles.versionId, versionId), inArray(cycles.period, periods)))
    : [];
  for (const c of found) cycleIds.set(c.period, c.id);
  const newCycles = periods.filter((p) => !cycleIds.has(p)).map((period) => ({ id: randomUUID(), period }));
  for (const c of newCycles) cycleIds.set(c.period, c.id);

  const pairs = [...new Set(checked.map((a) => `${a.period}|${a.country}`))].map((key) => {
    const [period, country] = key.split("|") as [string, string];
    return { cycleId: cycleIds.get(period)!, countryCode: country };
  });
  const oldCycles = found.map((c) => c.id);
  const stored = oldCycles.length
    ? await db
        .select({ id: assessments.id, cycleId: assessments.cycleId, country: assessments.countryCode })
        .from(assessments)
        .where(and(inArray(assessments.cycleId, oldCycles), isNull(assessments.areaCode)))
    : [];
  const assessmentIds = new Map(stored.map((r) => [`${r.cycleId}|${r.country}`, r.id]));
  const newAssessments: ImportPlan["newAssessments"] = [];
  for (const pair of pairs) {
    const key = `${pair.cycleId}|${pair.countryCode}`;
    if (assessmentIds.has(key)) continue;
    const id = randomUUID();
    assessmentIds.set(key, id);
    newAssessments.push({ id, ...pair });
  }
  const assessmentRows = [
    ...stored,
    ...newAssessments.map((a) => ({ id: a.id, cycleId: a.cycleId, country: a.countryCode })),
  ];

  const existing: ImportPlan["existing"] = new Map();
  const storedIds = stored.map((r) => r.id);
  for (let i = 0; i < storedIds.length; i += READ_ASSESSMENTS) {
    for (const row of await db
      .select({
        id: answers.id,
        assessmentId: answers.assessmentId,
        indicatorId: answers.indicatorId,
        valueText: answers.valueText,
        valueNumber: answers.valueNumber,
        version: answers.version,
      })
      .from(answers)
      .where(inArray(answers.assessmentId, storedIds.slice(i, i + READ_ASSESSMENTS)))) {
      existing.set(`${row.assessmentId}|${row.indicatorId}`, row);
    }
  }

  const toInsert: ImportPlan["toInsert"] = [];
  const toUpdate: ImportPlan["toUpdate"] = [];
  let unchanged = 0;
  for (const a of checked) {
    const assessmentId = assessmentIds.get(`${cycleIds.get(a.period)}|${a.country}`)!;
    const indicatorId = indicatorIds.get(a.indicator)!;
    const old = existing.get(`${assessmentId}|${indicatorId}`);
    const value = { valueText: a.valueText, valueNumber: a.valueNumber };
    if (!old) toInsert.push({ assessmentId, indicatorId, ...value });
    else if (old.valueText === a.valueText && old.valueNumber === a.valueNumber) unchanged++;
    else toUpdate.push({ id: old.id, version: old.version + 1, before: old, after: value });
  }
  return {
    cycleIds,
    newCycles,
    pairs,
    newAssessments,
    assessmentRows,
    indicatorIds,
    existing,
    toInsert,
    toUpdate,
    unchanged,
  };
}

/**
 * Creates the cycles and assessments the plan found missing, with the ids it
 * gave them. One created meanwhile by someone else (another import) makes the
 * import refuse (409) rather than write into a cycle it did not plan for.
 */
async function createCyclesAndAssessments(
  t: Db,
  fw: { versionId: string; definition: { defaultLanguage: string } },
  plan: ImportPlan,
  options: ImportAnswersOptions,
): Promise<void> {
  const { versionId } = fw;
  if (plan.newCycles.length > 0) {
    const made = await t
      .insert(cycles)
      .values(
        plan.newCycles.map((c) => ({
          id: c.id,
          versionId,
          period: c.period,
          name: options.cycleNames?.[c.period] ?? { [fw.definition.defaultLanguage]: c.period },
          isDemo: options.isDemo ?? false,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: cycles.id });
    if (made.length !== plan.newCycles.length) throw changedMeanwhile();
  }
  const made = await insertInChunks(plan.newAssessments, (chunk) =>
    t.insert(assessments).values(chunk).onConflictDoNothing().returning({ id: assessments.id }),
  );
  if (made.length !== plan.newAssessments.length) throw changedMeanwhile();
}

interface StagedRow extends Value {
  /** Set for a new answer. */
  assessmentId: string | null;
  indicatorId: string | null;
  /** Set for a changed answer, with the version the plan read and its value then. */
  answerId: string | null;
  version: number | null;
  before: Value | null;
}

/** A fresh staging table (dropping those a stopped process left behind more than a day ago). */
async function createStagingTable(db: Db): Promise<SQL> {
  await db.execute(sql.raw(`create schema if not exists ${STAGING_SCHEMA}`));
  const left = await queryRows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = ${STAGING_SCHEMA} and tablename like 'answers\_%'`,
  );
  for (const { name } of left) {
    const made = Number(name.split("_")[1]);
    if (Number.isFinite(made) && Date.now() - made > STALE_STAGING_MS) {
      await db.execute(sql`drop table if exists ${sql.identifier(STAGING_SCHEMA)}.${sql.identifier(name)}`);
    }
  }
  const table = sql`${sql.identifier(STAGING_SCHEMA)}.${sql.identifier(`answers_${Date.now()}_${randomBytes(6).toString("hex")}`)}`;
  // Unlogged: its rows need not survive a crash (the import would be run again). Each row is
  // staged as the swap writes it: the answer's id (new or stored), the version the plan read
  // (0 for a new answer) and the history values already built.
  await db.execute(
    sql`create unlogged table ${table} (id uuid not null, is_new boolean not null, assessment_id uuid,
      indicator_id uuid, version int not null, t text, n float8, before jsonb, after jsonb not null)`,
  );
  return table;
}

/** Writes rows into the staging table in one statement; the rows travel as array parameters. */
async function stageRows(db: Db, staging: SQL, rows: readonly StagedRow[]): Promise<void> {
  const column = <T extends string | number | null>(pick: (r: StagedRow) => T) =>
    arrayLiteral(rows.map(pick));
  await db.execute(
    sql`insert into ${staging} (id, is_new, assessment_id, indicator_id, version, t, n, before, after)
      select coalesce(r.answer_id, gen_random_uuid()), r.answer_id is null, r.assessment_id, r.indicator_id,
        coalesce(r.version, 0), r.t, r.n,
        case when r.answer_id is null then null else ${historyJson(sql.raw("r.bt"), sql.raw("r.bn"))} end,
        ${historyJson(sql.raw("r.t"), sql.raw("r.n"))}
      from unnest(${column((r) => r.assessmentId)}::uuid[], ${column((r) => r.indicatorId)}::uuid[],
        ${column((r) => r.answerId)}::uuid[], ${column((r) => r.version)}::int[],
        ${column((r) => r.valueText)}::text[], ${column((r) => r.valueNumber)}::float8[],
        ${column((r) => r.before?.valueText ?? null)}::text[], ${column((r) => r.before?.valueNumber ?? null)}::float8[])
        as r(assessment_id, indicator_id, answer_id, version, t, n, bt, bn)`,
  );
}

/**
 * The visible step, inside the swap's transaction: three plain statements over
 * the staged rows, which carry everything already built (ids, versions,
 * history values), so the database only writes rows and their index entries.
 * The version the plan read is a condition of each update, and a new answer
 * meets the unique (assessment, indicator) key: an answer someone saved or
 * added since the plan read it is not overwritten, the whole import is
 * refused instead (409).
 */
async function swapStagedRows(
  t: Db,
  staging: SQL,
  by: string | null,
  expected: { inserts: number; updates: number },
): Promise<void> {
  if (expected.updates > 0) {
    const [updated] = await queryRows<{ n: number }>(
      t,
      sql`with u as (
        update answers a set value_text = v.t, value_number = v.n, version = a.version + 1,
          review_state = case when a.review_state = 'approved' then null else a.review_state end,
          reviewed_by = case when a.review_state = 'approved' then null else a.reviewed_by end,
          reviewed_at = case when a.review_state = 'approved' then null else a.reviewed_at end,
          updated_at = now(), updated_by = ${by}::uuid
        from ${staging} v where not v.is_new and a.id = v.id and a.version = v.version
        returning 1)
      select count(*)::int as n from u`,
    );
    if (Number(updated?.n) !== expected.updates) throw changedMeanwhile();
  }
  if (expected.inserts > 0) {
    try {
      await t.execute(
        sql`insert into answers (id, assessment_id, indicator_id, value_text, value_number, updated_by)
          select id, assessment_id, indicator_id, t, n, ${by}::uuid from ${staging} where is_new`,
      );
    } catch (error) {
      // Someone answered one of these since the plan read the assessment.
      if (isUniqueViolation(error)) throw changedMeanwhile();
      throw error;
    }
  }
  await t.execute(
    sql`insert into answer_history (answer_id, version, value_before, value_after, changed_by, source)
      select id, version + 1, before, after, ${by}::uuid, 'import' from ${staging}`,
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function recordImportAudit(
  db: Db,
  versionId: string,
  options: ImportAnswersOptions,
  result: ImportAnswersResult,
): Promise<void> {
  await recordAudit(db, {
    action: "answers.imported",
    ...options.audit!,
    targetType: "framework-version",
    targetId: versionId,
    details: {
      via: "csv",
      fileName: options.fileName ?? null,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      assessments: result.assessments,
    },
  });
}

/**
 * Foreign keys checked once per batch instead of once per row: the rows an
 * import refers to (its assessments, indicators and importing user) are
 * looked up and locked against deletion (`for key share`, as PostgreSQL's own
 * per-row check does) in two or three statements. When the database role may
 * (PGlite always; PostgreSQL as a superuser), the per-row checks are then
 * switched off for the bulk statements (`session_replication_role = replica`,
 * local to the transaction; the caller switches them back on): every id they
 * write comes from these checked rows or from the statement's own `returning`.
 * The only other trigger on these tables refuses UPDATE and DELETE of
 * answer_history, which the bulk statements never do (a test lists them).
 * Returns whether the per-row checks are off.
 */
async function checkReferencesOnce(
  t: Db,
  refs: { assessments: string[]; indicators: string[]; user: string | null },
): Promise<boolean> {
  const present = async (table: string, ids: string[], missing: () => UserError) => {
    if (ids.length === 0) return;
    const found = await queryRows<{ id: string }>(
      t,
      sql`select id from ${sql.identifier(table)} where id = any(${arrayLiteral(ids)}::uuid[]) for key share`,
    );
    if (found.length !== ids.length) throw missing();
  };
  await present("assessments", refs.assessments, changedMeanwhile);
  await present("indicators", refs.indicators, changedMeanwhile);
  if (refs.user) {
    await present(
      "users",
      [refs.user],
      () => new UserError("the importing account no longer exists: nothing was imported"),
    );
  }
  const [role] = await queryRows<{ superuser: boolean }>(
    t,
    sql`select current_setting('is_superuser') = 'on' as superuser`,
  );
  if (!role?.superuser) return false;
  await t.execute(sql`set local session_replication_role = replica`);
  return true;
}

/** Every answer of the imported cycles once the import is written: those stored, with the imported values over them. */
function answersAfter(
  existing: ReadonlyMap<string, Value & { assessmentId: string; indicatorId: string }>,
  checked: readonly CheckedAnswer[],
  ids: {
    assessmentRows: readonly { id: string; cycleId: string; country: string }[];
    cycleIds: ReadonlyMap<string, string>;
    indicatorIds: ReadonlyMap<string, string>;
  },
): Answer[] {
  const periodOf = new Map([...ids.cycleIds].map(([period, id]) => [id, period]));
  const assessmentOf = new Map(ids.assessmentRows.map((a) => [a.id, a]));
  const codeOf = new Map([...ids.indicatorIds].map(([code, id]) => [id, code]));
  const after = new Map<string, Answer>();
  for (const row of existing.values()) {
    const a = assessmentOf.get(row.assessmentId)!;
    const answer = {
      entity: a.country,
      period: periodOf.get(a.cycleId)!,
      indicator: codeOf.get(row.indicatorId)!,
      value: row.valueText ?? row.valueNumber,
    };
    after.set(`${answer.entity}|${answer.period}|${answer.indicator}`, answer);
  }
  for (const c of checked) {
    after.set(`${c.country}|${c.period}|${c.indicator}`, {
      entity: c.country,
      period: c.period,
      indicator: c.indicator,
      value: c.valueText ?? c.valueNumber,
    });
  }
  return [...after.values()];
}
