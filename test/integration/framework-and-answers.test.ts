import { readFileSync } from "node:fs";
import { count, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { type Answer, validateFramework } from "../../src/core/index.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { answerHistory, answers, cycles, frameworkVersions, indicators } from "../../src/server/db/schema.ts";
import { findFrameworkVersion, listFrameworkVersions } from "../../src/server/frameworks/find-framework.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { computeScores } from "../../src/server/scores/compute-scores.ts";
import { readScores } from "../../src/server/scores/read-scores.ts";
import { describeEachDatabase } from "../support/databases.ts";

const hdi = (() => {
  const result = validateFramework(JSON.parse(readFileSync("examples/hdi/framework.json", "utf8")));
  if (!result.ok) throw new Error("HDI example invalid");
  return result.framework;
})();

const sample: Answer[] = [
  ["NO", "2022", "le", "83.4"],
  ["NO", "2022", "eys", "18.6"],
  ["NO", "2022", "mys", "13.1"],
  ["NO", "2022", "gnipc", "69190"],
  ["MDA", "2022", "le", "68.6"],
  ["MDA", "2022", "eys", "14.4"],
  ["MDA", "2022", "mys", "11.8"],
  ["MDA", "2022", "gnipc", "14875"],
].map(([entity, period, indicator, value]) => ({
  entity: entity!,
  period: period!,
  indicator: indicator!,
  value: value!,
}));

describeEachDatabase("frameworks and answers", (database) => {
  beforeAll(async () => {
    await seedReference(database().db);
    await importFramework(database().db, hdi);
  });

  it("stores a framework version with its nodes and indicators, and refuses the same version twice", async () => {
    const { db } = database();
    const list = await listFrameworkVersions(db);
    expect(list).toMatchObject([{ code: "hdi", version: "HDR 2023/24", nodeCount: 4, indicatorCount: 4 }]);
    const [{ n }] = (await db.select({ n: count() }).from(indicators)) as [{ n: number }];
    expect(n).toBe(4);
    await expect(importFramework(db, hdi)).rejects.toThrow(/already has a version/);
    const [{ v }] = (await db.select({ v: count() }).from(frameworkVersions)) as [{ v: number }];
    expect(v).toBe(1);
  });

  it("imports answers, computes scores, and a second import changes nothing", async () => {
    const { db } = database();
    const first = await importAnswers(db, { framework: "hdi", answers: sample });
    expect(first).toEqual({ cycles: 1, assessments: 2, inserted: 8, updated: 0, unchanged: 0 });
    const scores = await readScores(db, (await findFrameworkVersion(db, "hdi")).versionId, { node: "hdi" });
    expect(scores.map((s) => [s.country, s.score, s.rank, s.band])).toEqual([
      ["NO", 0.966, 1, "very_high"],
      ["MD", 0.765, 2, "high"],
    ]);
    const again = await importAnswers(db, { framework: "hdi", answers: sample });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 8 });
    const [{ h }] = (await db.select({ h: count() }).from(answerHistory)) as [{ h: number }];
    expect(h).toBe(8);
  });

  it("keeps every change in the history with its version", async () => {
    const { db } = database();
    const changed = sample.map((a) =>
      a.indicator === "le" && a.entity === "NO" ? { ...a, value: "84" } : a,
    );
    expect(await importAnswers(db, { framework: "hdi@HDR 2023/24", answers: changed })).toMatchObject({
      updated: 1,
      unchanged: 7,
    });
    const list = await queryRows<{ version: number; value_before: unknown; value_after: unknown }>(
      db,
      sql`select h.version, h.value_before, h.value_after from answer_history h join answers a on a.id = h.answer_id where h.version = 2`,
    );
    expect(list.map((r) => [r.version, r.value_before, r.value_after])).toEqual([
      [2, { number: 83.4 }, { number: 84 }],
    ]);
  });

  it("refuses to change or delete history", async () => {
    const { db } = database();
    for (const statement of [sql`delete from answer_history`, sql`update answer_history set source = 'x'`]) {
      const error = (await db.execute(statement).catch((e: unknown) => e)) as Error & { cause?: Error };
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/answer_history is append-only/);
    }
  });

  it("writes nothing when any row is invalid, and names each problem", async () => {
    const { db } = database();
    const before = (await db.select({ n: count() }).from(answers))[0]!.n;
    const bad: Answer[] = [
      { entity: "GE", period: "2023", indicator: "le", value: "71" },
      { entity: "ZZ", period: "2023", indicator: "le", value: "70" },
      { entity: "GE", period: "2023", indicator: "nope", value: "1" },
      { entity: "GE", period: "2023", indicator: "eys", value: "twelve" },
    ];
    const error = await importAnswers(db, { framework: "hdi", answers: bad, fileName: "bad.csv" }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain("bad.csv: 3 invalid row(s); nothing was imported");
    expect(String(error)).toContain('line 3: unknown country "ZZ"');
    expect(String(error)).toContain('line 4: unknown indicator "nope"');
    expect(String(error)).toContain('line 5: "twelve" is not a number for eys');
    expect((await db.select({ n: count() }).from(answers))[0]!.n).toBe(before);
    expect((await db.select({ n: count() }).from(cycles))[0]!.n).toBe(1);
  });

  it("scores an import from the answers in hand exactly as a recomputation from the database does", async () => {
    const { db } = database();
    const { versionId } = await findFrameworkVersion(db, "hdi");
    const moved = sample.map((a) => ({ ...a, period: "2023", value: String(Number(a.value) * 1.01) }));
    // 2023 is scored from the import, 2022 is read back from the database.
    await importAnswers(db, { framework: "hdi", answers: moved });
    const read = async () =>
      Promise.all(["2022", "2023"].map((period) => readScores(db, versionId, { node: "hdi", period })));
    const imported = await read();
    expect(imported[1]!.length).toBe(2);
    await computeScores(db, versionId);
    expect(await read()).toEqual(imported);
  });

  it("switches per-row checks off only for its bulk statements: on again afterwards, even after a refusal", async () => {
    const { db } = database();
    // The bulk path relies on these being the only user triggers of the two tables (see checkReferencesOnce).
    const triggers = await queryRows<{ name: string }>(
      db,
      sql`select tgname as name from pg_trigger where not tgisinternal
        and tgrelid in ('answers'::regclass, 'answer_history'::regclass) order by 1`,
    );
    expect(triggers.map((t) => t.name)).toEqual(["answer_history_no_change"]);
    const role = async () =>
      (await queryRows<{ r: string }>(db, sql`select current_setting('session_replication_role') as r`))[0]!
        .r;
    await importAnswers(db, { framework: "hdi", answers: [{ ...sample[0]!, period: "2021" }] });
    expect(await role()).toBe("origin");
    const gone = "00000000-0000-4000-8000-000000000000";
    await expect(
      importAnswers(db, { framework: "hdi", userId: gone, answers: [{ ...sample[0]!, period: "2020" }] }),
    ).rejects.toThrow(/nothing was imported/);
    expect(await role()).toBe("origin");
  });
});
