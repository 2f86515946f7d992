import { count, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { buildSyntheticAnswers, buildSyntheticFramework } from "../../bench/fixtures/synthetic.ts";
import type { Answer } from "../../src/core/index.ts";
import { loadAssessment } from "../../src/server/assessments/load-assessment.ts";
import { saveAnswer } from "../../src/server/assessments/save-answer.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { runAsBulkWork } from "../../src/server/db/fair-queue.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { answers, assessments, cycles, indicators, users } from "../../src/server/db/schema.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { listIsoCountries, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";

/*
 * The answers import (`childmark data import`) stages its rows in batches and
 * swaps them in with one short transaction: people's saves are served while
 * it runs, an answer someone saved after the import read it is refused as a
 * conflict (409), and a refused import leaves nothing behind.
 */

const framework = buildSyntheticFramework({ indicators: 626 });
const codes = listIsoCountries().map((c) => c.code);
/** Answers of `countries` countries × 626 indicators for `period`, valued by `shift`. */
const answersOf = (countries: number, period: string, shift = 0): Answer[] =>
  buildSyntheticAnswers(framework, { countries, cycles: 1 }).map((a) => ({
    ...a,
    period,
    entity: codes[Number(a.entity.slice(1))]!,
    value: typeof a.value === "number" && shift ? a.value + shift : a.value,
  }));
const numberIndicator = framework.indicators.find((i) => i.type === "number")!.code;

describeEachDatabase("answers import: staged, served alongside, all or nothing", (database) => {
  let editor: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await importFramework(db, framework);
    [{ id: editor }] = (await db
      .insert(users)
      .values({ email: "editor@example.org", name: "Editor" })
      .returning({ id: users.id })) as [{ id: string }];
  });

  /** Every count the import could change, and the staging tables present. */
  async function snapshot(db: Db) {
    const n = async (table: string) =>
      Number(
        (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!
          .n,
      );
    const staging = await queryRows<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'childmark_staging'`,
    );
    return {
      answers: await n("answers"),
      history: await n("answer_history"),
      cycles: await n("cycles"),
      assessments: await n("assessments"),
      snapshots: await n("score_snapshots"),
      audit: await n("audit_events"),
      staging: staging.length,
    };
  }

  /** Saves one answer as an editor would (the workspace's use case), from its current version. */
  async function editorSaves(db: Db, period: string, country: string, value: number) {
    const [row] = await db
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(cycles, sql`${cycles.id} = ${assessments.cycleId}`)
      .where(sql`${cycles.period} = ${period} and ${assessments.countryCode} = ${country}`);
    const assessment = await loadAssessment(db, row!.id);
    const [current] = await db
      .select({ version: answers.version })
      .from(answers)
      .innerJoin(indicators, sql`${indicators.id} = ${answers.indicatorId}`)
      .where(sql`${answers.assessmentId} = ${row!.id} and ${indicators.code} = ${numberIndicator}`);
    return saveAnswer(db, {
      assessment,
      indicatorCode: numberIndicator,
      value,
      expectedVersion: current?.version ?? 0,
      actorId: editor,
      source: "entry",
    });
  }

  it("serves an editor's save while a large import runs, and imports everything", async () => {
    const { db } = database();
    await importAnswers(db, { framework: framework.code, answers: answersOf(2, "2030") });
    const big = answersOf(40, "2031");
    let saved: Promise<number> | undefined;
    let stagedBatches = 0;
    const steps: string[] = [];
    const imported = runAsBulkWork(() =>
      importAnswers(db, {
        framework: framework.code,
        answers: big,
        onStep: (step) => steps.push(step),
        onProgress: async () => {
          stagedBatches++;
          // While the import stages its rows, it waits for an editor's save: were the database held
          // by the import's transaction, the save could not finish and the test would time out.
          if (stagedBatches === 2) {
            saved = editorSaves(db, "2030", codes[0]!, 123_456).then(() => performance.now());
            await saved;
          }
        },
      }).then((result) => ({ result, at: performance.now() })),
    );
    const { result, at: importedAt } = await imported;
    const savedAt = await saved!;
    expect(stagedBatches).toBeGreaterThan(2);
    expect(steps).toEqual(["planned", "scored", "staged", "swapped", "analysed"]);
    // The save did not wait for the import's end: the database was not held by it.
    expect(savedAt).toBeLessThan(importedAt);
    expect(result.inserted).toBe(big.length - big.filter((a) => a.value === "" || a.value === null).length);
    const after = await snapshot(db);
    expect(after.staging).toBe(0);
    const [{ n }] = (await db
      .select({ n: count() })
      .from(answers)
      .innerJoin(assessments, sql`${assessments.id} = ${answers.assessmentId}`)
      .innerJoin(cycles, sql`${cycles.id} = ${assessments.cycleId}`)
      .where(sql`${cycles.period} = '2031'`)) as [{ n: number }];
    expect(Number(n)).toBe(result.inserted);
    // The planner's statistics were refreshed after the large import (PGlite has no autovacuum):
    // the estimated row count of answers is at least what this import wrote.
    const [stats] = await queryRows<{ rows: number }>(
      db,
      sql`select reltuples::float8 as rows from pg_class where relname = 'answers'`,
    );
    expect(Number(stats!.rows)).toBeGreaterThanOrEqual(result.inserted);
  });

  it("refuses (409) an import whose answer someone saved after it was read, and writes nothing", async () => {
    const { db } = database();
    await importAnswers(db, { framework: framework.code, answers: answersOf(3, "2032") });
    const before = await snapshot(db);
    // Changes every number answer of the three countries and adds a new cycle: updates, inserts, a cycle, assessments.
    const changed = [...answersOf(3, "2032", 1), ...answersOf(2, "2033")];
    let editorVersion = 0;
    const refused = importAnswers(db, {
      framework: framework.code,
      answers: changed,
      audit: { actorId: editor, actorEmail: "editor@example.org", ip: null },
      onProgress: async () => {
        if (editorVersion) return;
        editorVersion = -1;
        // Between the plan (versions read) and the swap, an editor saves one of the answers it changes.
        editorVersion = (await editorSaves(db, "2032", codes[1]!, 987_654)).version;
      },
    });
    const error = await refused.catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toMatch(/changed while the import ran.*nothing was imported/);
    expect(editorVersion).toBeGreaterThan(0);
    const after = await snapshot(db);
    // The editor's save is the only change: one version and its history row; no cycle, assessment,
    // score, audit entry or staging table of the import.
    const added = editorVersion === 1 ? 1 : 0;
    expect(after).toEqual({ ...before, answers: before.answers + added, history: before.history + 1 });
    const [kept] = await queryRows<{ v: number; version: number }>(
      db,
      sql`select a.value_number as v, a.version from answers a join indicators i on i.id = a.indicator_id
        join assessments s on s.id = a.assessment_id join cycles c on c.id = s.cycle_id
        where c.period = '2032' and s.country_code = ${codes[1]!} and i.code = ${numberIndicator}`,
    );
    expect(kept).toEqual({ v: 987_654, version: editorVersion });

    // Imported again from what is stored now, the same file goes in whole.
    const again = await importAnswers(db, { framework: framework.code, answers: changed });
    expect(again.updated).toBeGreaterThan(0);
    expect(again.inserted).toBeGreaterThan(0);
    expect((await snapshot(db)).cycles).toBe(before.cycles + 1);
  });

  it("refuses (409) an import when someone answered a question it would add, and writes nothing", async () => {
    const { db } = database();
    // A country whose assessment exists with no answers yet: the import would insert all of them.
    await importAnswers(db, { framework: framework.code, answers: answersOf(1, "2034") });
    const before = await snapshot(db);
    const fresh = answersOf(2, "2034").filter((a) => a.entity === codes[1]);
    await db
      .insert(assessments)
      .values({
        cycleId: (await db.select({ id: cycles.id }).from(cycles).where(sql`${cycles.period} = '2034'`))[0]!
          .id,
        countryCode: codes[1]!,
      })
      .onConflictDoNothing();
    const withAssessment = await snapshot(db);
    expect(withAssessment.assessments).toBe(before.assessments + 1);
    let once = false;
    const error = await importAnswers(db, {
      framework: framework.code,
      answers: fresh,
      onProgress: async () => {
        if (once) return;
        once = true;
        await editorSaves(db, "2034", codes[1]!, 42);
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
    const after = await snapshot(db);
    expect(after).toEqual({
      ...withAssessment,
      answers: withAssessment.answers + 1,
      history: withAssessment.history + 1,
    });
  });

  it("refuses (409) when an answer it would add clashes after its updates were written, and keeps none of them", async () => {
    const { db } = database();
    await importAnswers(db, { framework: framework.code, answers: answersOf(2, "2036") });
    const [cycle] = await db.select({ id: cycles.id }).from(cycles).where(sql`${cycles.period} = '2036'`);
    // A third country's assessment exists with no answers: the file updates two countries and fills the third.
    await db.insert(assessments).values({ cycleId: cycle!.id, countryCode: codes[2]! });
    const before = await snapshot(db);
    // The two countries' answers, which the file updates.
    const storedValues = () =>
      queryRows<{ id: string; v: number | null; version: number }>(
        db,
        sql`select a.id, a.value_number as v, a.version from answers a join assessments s on s.id = a.assessment_id
          where s.cycle_id = ${cycle!.id} and s.country_code <> ${codes[2]!} order by a.id`,
      );
    const valuesBefore = await storedValues();
    const file = [...answersOf(2, "2036", 1), ...answersOf(3, "2036").filter((a) => a.entity === codes[2])];
    let once = false;
    const error = await importAnswers(db, {
      framework: framework.code,
      answers: file,
      audit: { actorId: editor, actorEmail: "editor@example.org", ip: null },
      onProgress: async () => {
        if (once) return;
        once = true;
        // The import's updates still apply (nobody touched those answers); one of its new answers is taken.
        await editorSaves(db, "2036", codes[2]!, 7);
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
    expect(await snapshot(db)).toEqual({
      ...before,
      answers: before.answers + 1,
      history: before.history + 1,
    });
    // The updates the swap had written before the clash were rolled back with it.
    expect(valuesBefore.length).toBeGreaterThan(1000);
    expect(await storedValues()).toEqual(valuesBefore);
  });
});
