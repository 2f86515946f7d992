import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Answer, LocalText } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { arrayLiteral } from "../db/array-literal.ts";
import type { Db } from "../db/connect.ts";
import { insertInChunks } from "../db/insert-in-chunks.ts";
import { queryRows } from "../db/query-rows.ts";
import { answers, assessments, countries, cycles, indicators } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { findFrameworkVersion } from "../frameworks/find-framework.ts";
import { computeScores } from "../scores/compute-scores.ts";
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
  onProgress?: (done: number, total: number) => void;
  /** Written to the audit log in the same transaction. */
  audit?: AuditActor;
}

export interface ImportAnswersResult {
  cycles: number;
  assessments: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

type Value = { valueText: string | null; valueNumber: number | null };
/** Rows per bulk statement (sent as array parameters, so no parameter limit applies). */
const BULK_ROWS = 20_000;

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
 * Imports answers (entity = country, period = cycle) into a framework version
 * in one transaction: creates missing cycles and assessments, inserts new
 * answers, updates changed ones with a new version, and appends every change
 * to the history. Invalid input changes nothing; re-importing the same file
 * changes nothing. Scores of the touched cycles are recomputed.
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

  const result = await db.transaction(async (tx) => {
    const indicatorIds = new Map(
      (
        await tx
          .select({ id: indicators.id, code: indicators.code })
          .from(indicators)
          .where(eq(indicators.versionId, fw.versionId))
      ).map((r) => [r.code, r.id]),
    );
    const periods = [...new Set(checked.map((a) => a.period))];
    const cycleIds = new Map<string, string>();
    for (const period of periods) {
      const [found] = await tx
        .select({ id: cycles.id })
        .from(cycles)
        .where(and(eq(cycles.versionId, fw.versionId), eq(cycles.period, period)));
      const id =
        found?.id ??
        (
          await tx
            .insert(cycles)
            .values({
              versionId: fw.versionId,
              period,
              name: options.cycleNames?.[period] ?? { [fw.definition.defaultLanguage]: period },
              isDemo: options.isDemo ?? false,
            })
            .returning({ id: cycles.id })
        )[0]!.id;
      cycleIds.set(period, id);
    }
    const pairs = [...new Set(checked.map((a) => `${a.period}|${a.country}`))].map((key) => {
      const [period, country] = key.split("|") as [string, string];
      return { cycleId: cycleIds.get(period)!, countryCode: country };
    });
    await insertInChunks(pairs, (chunk) =>
      tx.insert(assessments).values(chunk).onConflictDoNothing().returning(),
    );
    const assessmentRows = await tx
      .select({ id: assessments.id, cycleId: assessments.cycleId, country: assessments.countryCode })
      .from(assessments)
      .where(inArray(assessments.cycleId, [...cycleIds.values()]));
    const assessmentIds = new Map(assessmentRows.map((r) => [`${r.cycleId}|${r.country}`, r.id]));

    const existing = new Map<
      string,
      { id: string; version: number; assessmentId: string; indicatorId: string } & Value
    >();
    for (const row of await tx
      .select({
        id: answers.id,
        assessmentId: answers.assessmentId,
        indicatorId: answers.indicatorId,
        valueText: answers.valueText,
        valueNumber: answers.valueNumber,
        version: answers.version,
      })
      .from(answers)
      .where(inArray(answers.assessmentId, [...assessmentIds.values()]))) {
      existing.set(`${row.assessmentId}|${row.indicatorId}`, row);
    }

    const toInsert: {
      assessmentId: string;
      indicatorId: string;
      valueText: string | null;
      valueNumber: number | null;
    }[] = [];
    const toUpdate: { id: string; version: number; before: Value; after: Value }[] = [];
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

    let done = unchanged;
    const inserted = toInsert.length;
    const by = options.userId ?? null;
    const t = tx as unknown as Db;
    const rowChecksOff = await checkReferencesOnce(t, {
      assessments: [...new Set(toInsert.map((r) => r.assessmentId))],
      indicators: [...new Set(toInsert.map((r) => r.indicatorId))],
      user: by,
    });
    // One statement per chunk: the rows travel as a few array parameters (no parameter limit,
    // no per-row JSON), and the same statement appends their history rows.
    for (let i = 0; i < toInsert.length; i += BULK_ROWS) {
      const chunk = toInsert.slice(i, i + BULK_ROWS);
      const [written] = await queryRows<{ n: number }>(
        t,
        sql`with ins as (
          insert into answers (assessment_id, indicator_id, value_text, value_number, updated_by)
          select a, i, t, n, ${by}::uuid
          from unnest(${arrayLiteral(chunk.map((r) => r.assessmentId))}::uuid[],
            ${arrayLiteral(chunk.map((r) => r.indicatorId))}::uuid[],
            ${arrayLiteral(chunk.map((r) => r.valueText))}::text[],
            ${arrayLiteral(chunk.map((r) => r.valueNumber))}::float8[]) as v(a, i, t, n)
          on conflict do nothing
          returning id, value_text, value_number),
        h as (
          insert into answer_history (answer_id, version, value_before, value_after, changed_by, source)
          select id, 1, null, ${historyJson(sql.raw("value_text"), sql.raw("value_number"))}, ${by}::uuid, 'import'
          from ins
          returning 1)
        select count(*)::int as n from h`,
      );
      if (Number(written?.n) !== chunk.length) throw changedMeanwhile();
      done += chunk.length;
      progress(done, total);
    }
    // The version read above is a condition of each update: an answer saved by someone else
    // since then is not overwritten, the whole import is refused instead.
    for (let i = 0; i < toUpdate.length; i += BULK_ROWS) {
      const chunk = toUpdate.slice(i, i + BULK_ROWS);
      const [written] = await queryRows<{ n: number }>(
        t,
        sql`with v as (
          select * from unnest(${arrayLiteral(chunk.map((u) => u.id))}::uuid[],
            ${arrayLiteral(chunk.map((u) => u.version - 1))}::int[],
            ${arrayLiteral(chunk.map((u) => u.after.valueText))}::text[],
            ${arrayLiteral(chunk.map((u) => u.after.valueNumber))}::float8[],
            ${arrayLiteral(chunk.map((u) => u.before.valueText))}::text[],
            ${arrayLiteral(chunk.map((u) => u.before.valueNumber))}::float8[]) as v(id, version, t, n, bt, bn)),
        u as (
          update answers a set value_text = v.t, value_number = v.n, version = a.version + 1,
            review_state = case when a.review_state = 'approved' then null else a.review_state end,
            reviewed_by = case when a.review_state = 'approved' then null else a.reviewed_by end,
            reviewed_at = case when a.review_state = 'approved' then null else a.reviewed_at end,
            updated_at = now(), updated_by = ${by}::uuid
          from v where a.id = v.id and a.version = v.version
          returning a.id, a.version, v.t, v.n, v.bt, v.bn),
        h as (
          insert into answer_history (answer_id, version, value_before, value_after, changed_by, source)
          select id, version, ${historyJson(sql.raw("bt"), sql.raw("bn"))}, ${historyJson(sql.raw("t"), sql.raw("n"))},
            ${by}::uuid, 'import'
          from u
          returning 1)
        select count(*)::int as n from h`,
      );
      if (Number(written?.n) !== chunk.length) throw changedMeanwhile();
      done += chunk.length;
      progress(done, total);
    }
    if (rowChecksOff) await t.execute(sql`set local session_replication_role = origin`);
    if (inserted + toUpdate.length > 0) {
      // The answers of the imported cycles are all in hand: only the other cycles' are read back.
      await computeScores(t, fw.versionId, {
        cycleIds: [...cycleIds.values()],
        answers: answersAfter(existing, checked, { assessmentRows, cycleIds, indicatorIds }),
      });
    }
    if (options.audit) {
      await recordAudit(tx as unknown as Db, {
        action: "answers.imported",
        ...options.audit,
        targetType: "framework-version",
        targetId: fw.versionId,
        details: {
          via: "csv",
          fileName: options.fileName ?? null,
          inserted,
          updated: toUpdate.length,
          unchanged,
          assessments: pairs.length,
        },
      });
    }
    return {
      cycles: cycleIds.size,
      assessments: pairs.length,
      inserted,
      updated: toUpdate.length,
      unchanged,
    };
  });
  progress(total, total);
  return result;
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
