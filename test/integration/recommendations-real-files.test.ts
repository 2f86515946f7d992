import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { UserError } from "../../src/server/errors.ts";
import {
  type ImportRequest,
  importRecommendations,
} from "../../src/server/recommendations/import-recommendations.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";

const CHILD_RIGHTS = "upr-info-sessions1-20.child-rights.csv";
/** Files of the UPR Info folder that are not recommendations: a list of sessions, review years. */
const NOT_RECOMMENDATIONS: Record<string, RegExp> = {
  "sessions.csv":
    /^missing: text \(a column named Text\), recommendingStates \(a column named From\), position/,
  "upr-years.csv": /^missing: text \(a column named Text\), recommendingStates/,
};

type Db = Parameters<typeof importRecommendations>[0];
const importFile = (db: Db, path: string, request: Partial<ImportRequest> = {}) =>
  importRecommendations(db, {
    bytes: readFileSync(sharedData(path)),
    fileName: path.split("/").pop()!,
    preset: "upr-info",
    ...request,
  });

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describeEachDatabase("recommendations: every real CSV with its preset", (database) => {
  it.skipIf(!hasSharedData)(
    "UPR Info's derived child-rights copy imports with the upr-info preset: issues split, cycle read",
    async () => {
      const { db } = database();
      await seedReference(db);
      const summary = await importFile(db, `upr-info/${CHILD_RIGHTS}`);
      expect(summary.rowsRead).toBe(7027);
      expect(summary.added + summary.duplicatesInFile).toBe(7027);
      const [first] = await queryRows<{ themes: string[]; cycle: string; state_code: string }>(
        db,
        sql`select themes, cycle, state_code from recommendations
            where text->>'en' like 'Enact legislation and take effective measures to protect and promote women''s rights%'
            and session = '5'`,
      );
      expect(first).toEqual({
        themes: ["Rights of the Child", "Women's rights"],
        cycle: "1",
        state_code: "AF",
      });
      const [counted] = await queryRows<{ n: string | number }>(
        db,
        sql`select count(*) as n from recommendations where 'Rights of the Child' <> all(themes)`,
      );
      expect(Number(counted!.n)).toBe(0);

      // The same file through the generic import, with no saved mapping: matched by name, UPR by default.
      const generic = await importFile(db, `upr-info/${CHILD_RIGHTS}`, {
        preset: "generic",
        defaults: { mechanism: "upr" },
      });
      expect(generic).toMatchObject({ added: 0, alreadyStored: summary.added });

      // Without the default: one group of 7,027 rows, not a wall of 7,027 messages.
      const grouped = await refusal(importFile(db, `upr-info/${CHILD_RIGHTS}`, { preset: "generic" }));
      expect(grouped.message).toMatch(/7027 row\(s\) with problems; nothing was imported/);
      expect(grouped.problems[0]).toBe("7027 rows: unknown mechanism — lines 2, 3, 4, 5, 6 …");
      expect(grouped.problems).toHaveLength(4);
    },
    300_000,
  );

  it.skipIf(!hasSharedData)(
    "every other CSV of upr-info and ohchr-slovenia: recommendations import, the rest is refused by name",
    async () => {
      const { db } = database();
      await seedReference(db);
      const files = readdirSync(sharedData("upr-info")).filter((f) => f.endsWith(".csv"));
      expect(files).toHaveLength(10);
      for (const file of files.filter((f) => f in NOT_RECOMMENDATIONS)) {
        const error = await refusal(importFile(db, `upr-info/${file}`));
        expect(error.problems[0], file).toMatch(NOT_RECOMMENDATIONS[file]!);
      }
      const slovenia = await importFile(db, "ohchr-slovenia/slovenia-upr-cycles2-4.parsed.csv", {
        preset: "ohchr-thematic",
        state: "Slovenia",
      });
      expect(slovenia.rowsRead).toBe(632);
      // Commas inside OHCHR's theme names stay; its semicolons separate themes.
      const [counted] = await queryRows<{ n: string | number }>(
        db,
        sql`select count(*) as n from recommendations where 'D6 Rights related to name, identity, nationality' = any(themes)`,
      );
      expect(Number(counted!.n)).toBeGreaterThan(0);
    },
    300_000,
  );
});
