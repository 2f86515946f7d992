import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { validateFramework } from "../../src/core/index.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import { readAnswersCsv } from "../../src/server/data/read-answers-csv.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { answerHistory, answers, assessments, cycles } from "../../src/server/db/schema.ts";
import { UserError } from "../../src/server/errors.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";

const VALID =
  "entity,period,indicator,value\nMD,2022,le,68.6\nMD,2022,eys,14.4\nGE,2022,mys,12.1\nGE,2022,gnipc,15000\n";

async function counts(db: Db) {
  const one = async (table: typeof answers | typeof answerHistory | typeof assessments | typeof cycles) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return [await one(answers), await one(answerHistory), await one(assessments), await one(cycles)];
}

/** Mutates a valid CSV: replaces a slice with random text, or inserts one. */
const mutatedCsv = fc
  .tuple(
    fc.nat(VALID.length),
    fc.nat(12),
    fc.string({
      maxLength: 12,
      unit: fc.constantFrom("M", "D", ",", "\n", "x", "9", "-", '"', "l", "e", " ", "é"),
    }),
  )
  .map(([at, cut, insert]) => VALID.slice(0, at) + insert + VALID.slice(Math.min(VALID.length, at + cut)));

describeEachDatabase("answer import under random and mutated files", (database) => {
  beforeAll(async () => {
    await seedReference(database().db);
    const fw = validateFramework(JSON.parse(readFileSync("examples/hdi/framework.json", "utf8")));
    if (!fw.ok) throw new Error("invalid example");
    await importFramework(database().db, fw.framework);
  });

  it("either imports the whole file or refuses it with a UserError, never leaving part of it", async () => {
    const { db } = database();
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedCsv, fc.string({ maxLength: 200 })), async (text) => {
        const before = await counts(db);
        try {
          const parsed = readAnswersCsv(text, "fuzz.csv");
          const result = await importAnswers(db, { framework: "hdi", answers: parsed, fileName: "fuzz.csv" });
          const after = await counts(db);
          // A success adds exactly the new answers and one history row per insert or change.
          expect(after[0]! - before[0]!).toBe(result.inserted);
          expect(after[1]! - before[1]!).toBe(result.inserted + result.updated);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect(await counts(db)).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});
