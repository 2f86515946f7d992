import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, expect, it } from "vitest";
import { type Database, migrateDatabase } from "../../src/server/db/connect.ts";
import { DATABASE_KINDS, openTestDatabase } from "../support/databases.ts";

/*
 * Migration 0027 turns an outcome's description, a finding's narrative, an evaluation
 * recommendation's text and its management response into texts in languages: a database migrated
 * up to 0026 with plain texts is migrated to the end, and each text is found under the plan's first
 * language (English when the title has it, else the title's first language); an empty text is {}.
 */

const MIGRATIONS = resolve(import.meta.dirname, "../../src/server/db/migrations");
const folders: string[] = [];

/** A copy of the migrations folder whose journal stops before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "childmark-migrations-"));
  folders.push(folder);
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function migrateTo(database: Database, folder: string): Promise<void> {
  const config = { migrationsFolder: folder };
  if (database.kind === "postgres")
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
  else await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

for (const kind of DATABASE_KINDS) {
  it(`moves the plain texts of evaluations and outcomes into the plan's first language [${kind}]`, async () => {
    const database = await openTestDatabase(kind, { migrate: false });
    try {
      await migrateTo(database, migrationsBefore("0027_results_texts_in_languages"));
      const { db } = database;
      const rows = async (query: ReturnType<typeof sql>) =>
        ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
      const [org] = await rows(sql`insert into organisations (name) values ('Coalition') returning id`);
      const plan = async (title: object) =>
        (
          await rows(
            sql`insert into result_plans (organisation_id, title, levels, periods, disaggregations)
                values (${org!.id}, ${JSON.stringify(title)}::jsonb, '[]', '[]', '[]') returning id`,
          )
        )[0]!.id as string;
      const english = await plan({ fr: "Plan", en: "Plan" });
      const french = await plan({ fr: "Plan stratégique", ru: "План" });
      for (const [planId, name] of [
        [english, "en"],
        [french, "fr"],
      ] as const) {
        const [evaluation] = await rows(
          sql`insert into evaluations (plan_id, title, type, period_start, period_end, evaluators, scale)
              values (${planId}, '{"en":"E"}', 'mid_term', '2024-01-01', '2024-12-31', 'Team', '[]') returning id`,
        );
        await rows(
          sql`insert into evaluation_findings (evaluation_id, criterion, narrative)
              values (${evaluation!.id}, 'impact', ${`Finding ${name}`}), (${evaluation!.id}, 'ethics', '')`,
        );
        await rows(
          sql`insert into evaluation_recommendations (evaluation_id, text, management_response)
              values (${evaluation!.id}, ${`Recommendation ${name}`}, ${`Response ${name}`})`,
        );
        await rows(
          sql`insert into advocacy_outcomes (plan_id, title, description, kind, achieved_on)
              values (${planId}, '{"en":"O"}', ${`Outcome ${name}`}, 'law', '2024-05-01'),
                     (${planId}, '{"en":"P"}', '', 'policy', '2024-06-01')`,
        );
      }

      await migrateDatabase(database);

      const findings = await rows(
        sql`select e.plan_id, f.criterion, f.narrative from evaluation_findings f
            join evaluations e on e.id = f.evaluation_id order by f.criterion`,
      );
      const of = (list: Record<string, unknown>[], planId: string) =>
        list.filter((r) => r.plan_id === planId);
      expect(of(findings, english).map((f) => f.narrative)).toEqual([{}, { en: "Finding en" }]);
      expect(of(findings, french).map((f) => f.narrative)).toEqual([{}, { fr: "Finding fr" }]);
      const recs = await rows(
        sql`select e.plan_id, r.text, r.management_response from evaluation_recommendations r
            join evaluations e on e.id = r.evaluation_id`,
      );
      expect(of(recs, english)).toEqual([
        { plan_id: english, text: { en: "Recommendation en" }, management_response: { en: "Response en" } },
      ]);
      expect(of(recs, french)).toEqual([
        { plan_id: french, text: { fr: "Recommendation fr" }, management_response: { fr: "Response fr" } },
      ]);
      const outcomes = await rows(
        sql`select plan_id, description from advocacy_outcomes order by achieved_on, plan_id`,
      );
      expect(of(outcomes, english).map((o) => o.description)).toEqual([{ en: "Outcome en" }, {}]);
      expect(of(outcomes, french).map((o) => o.description)).toEqual([{ fr: "Outcome fr" }, {}]);
      // The helper functions are gone, and new rows take {} by default.
      const left = await rows(sql`select proname from pg_proc where proname like 'results\\_%'`);
      expect(left).toEqual([]);
      const [fresh] = await rows(
        sql`insert into advocacy_outcomes (plan_id, title, kind, achieved_on)
            values (${english}, '{"en":"Q"}', 'other', '2025-01-01') returning description`,
      );
      expect(fresh!.description).toEqual({});
    } finally {
      await database.close();
    }
  }, 120_000);
}
