import { and, eq, inArray, sql } from "drizzle-orm";
import type { Answer, LocalText } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { insertInChunks } from "../db/insert-in-chunks.ts";
import { answerHistory, answers, assessments, countries, cycles, indicators } from "../db/schema.ts";
import { findFrameworkVersion } from "../frameworks/find-framework.ts";
import { computeScores } from "../scores/compute-scores.ts";
import { validateAnswers } from "./validate-answers.ts";

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
/** Rows per bulk statement (sent as one JSON parameter, so no parameter limit applies). */
const BULK_ROWS = 20_000;
const asJson = (v: Value) => (v.valueText !== null ? { text: v.valueText } : { number: v.valueNumber });

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

    const existing = new Map<string, { id: string; version: number } & Value>();
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

    const toInsert: (typeof answers.$inferInsert)[] = [];
    const toUpdate: { id: string; version: number; before: Value; after: Value }[] = [];
    let unchanged = 0;
    for (const a of checked) {
      const assessmentId = assessmentIds.get(`${cycleIds.get(a.period)}|${a.country}`)!;
      const indicatorId = indicatorIds.get(a.indicator)!;
      const old = existing.get(`${assessmentId}|${indicatorId}`);
      const value = { valueText: a.valueText, valueNumber: a.valueNumber };
      if (!old) toInsert.push({ assessmentId, indicatorId, ...value, updatedBy: options.userId ?? null });
      else if (old.valueText === a.valueText && old.valueNumber === a.valueNumber) unchanged++;
      else toUpdate.push({ id: old.id, version: old.version + 1, before: old, after: value });
    }

    let done = unchanged;
    let inserted = 0;
    // One statement per chunk: rows travel as one JSON parameter and the history rows are written by the same statement.
    for (let i = 0; i < toInsert.length; i += BULK_ROWS) {
      const chunk = toInsert.slice(i, i + BULK_ROWS);
      await tx.execute(sql`with ins as (
          insert into answers (assessment_id, indicator_id, value_text, value_number, updated_by)
          select a, i, t, n, ${options.userId ?? null}::uuid
          from jsonb_to_recordset(${JSON.stringify(chunk.map((r) => ({ a: r.assessmentId, i: r.indicatorId, t: r.valueText, n: r.valueNumber })))}::jsonb)
            as v(a uuid, i uuid, t text, n float8)
          returning id, value_text, value_number)
        insert into answer_history (answer_id, version, value_before, value_after, changed_by, source)
        select id, 1, null,
          case when value_text is not null then jsonb_build_object('text', value_text) else jsonb_build_object('number', value_number) end,
          ${options.userId ?? null}::uuid, 'import'
        from ins`);
      inserted += chunk.length;
      done += chunk.length;
      progress(done, total);
    }
    await insertInChunks(toUpdate, async (chunk) => {
      const values = sql.join(
        chunk.map(
          (u) => sql`(${u.id}::uuid, ${u.after.valueText}::text, ${u.after.valueNumber}::double precision)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`update answers a set value_text = v.t, value_number = v.n, version = a.version + 1,
        review_state = case when a.review_state = 'approved' then null else a.review_state end,
        reviewed_by = case when a.review_state = 'approved' then null else a.reviewed_by end,
        reviewed_at = case when a.review_state = 'approved' then null else a.reviewed_at end,
        updated_at = now(), updated_by = ${options.userId ?? null}::uuid
        from (values ${values}) as v(id, t, n) where a.id = v.id`);
      await tx.insert(answerHistory).values(
        chunk.map((u) => ({
          answerId: u.id,
          version: u.version,
          valueBefore: asJson(u.before),
          valueAfter: asJson(u.after),
          changedBy: options.userId ?? null,
          source: "import",
        })),
      );
      done += chunk.length;
      progress(done, total);
      return chunk;
    });
    if (inserted + toUpdate.length > 0) await computeScores(tx as unknown as Db, fw.versionId);
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
