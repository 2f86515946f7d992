import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { buildDuplicateKey, parsePosition } from "../../src/core/index.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { importRecommendations } from "../../src/server/recommendations/import-recommendations.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";

/** The original UPR Info files (CR line ends, Mac Roman text), then the OHCHR list of Slovenia. */
const UPR_FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv", "voluntary.csv"];
const SLOVENIA = "ohchr-slovenia/slovenia-upr-cycles2-4.parsed.csv";

type Rows = Record<string, string>[];
const readCsv = (path: string, encoding: BufferEncoding = "utf8"): Rows =>
  parse(readFileSync(sharedData(path), encoding).replace(/\r\n?/g, "\n"), {
    columns: true,
    skip_empty_lines: true,
  });

/**
 * What the database must hold, computed from the normalised UTF-8 copy of the recommendations,
 * the pledges file and the Slovenia list: one recommendation per (text, State, session), with the
 * position of its first row, counted by position, by UPR session and by Slovenia's cycle.
 */
function expectedCounts() {
  const seen = new Map<string, { position: string; session: string }>();
  const add = (text: string, state: string, session: string, response: string) => {
    const key = buildDuplicateKey({ text, state, session });
    if (!seen.has(key)) seen.set(key, { position: parsePosition(response) ?? "none", session });
  };
  const normalised = readCsv("upr-info/upr-info-sessions1-20.normalized.csv");
  for (const r of normalised) add(r.text!, r.state_under_review!, r.upr_session!, r.response!);
  const pledges = readCsv("upr-info/voluntary.csv", "latin1");
  for (const r of pledges) add(r.Text!, r.To!, r.Session!, r.Response!);
  const slovenia = readCsv(SLOVENIA);
  for (const r of slovenia) add(r.text!, "Slovenia", `cycle ${r.cycle}`, r.position!);
  const byPosition: Record<string, number> = {};
  const bySession: Record<string, number> = {};
  for (const { position, session } of seen.values()) {
    byPosition[position] = (byPosition[position] ?? 0) + 1;
    bySession[session] = (bySession[session] ?? 0) + 1;
  }
  return {
    rows: normalised.length,
    pledges: pledges.length,
    slovenia: slovenia.length,
    total: seen.size,
    byPosition,
    bySession,
  };
}

describeEachDatabase("recommendations: every UPR Info file and the Slovenia list", (database) => {
  it.skipIf(!hasSharedData)(
    "stores one recommendation per text, State and session, counts match the files, a second import adds nothing",
    async () => {
      const { db } = database();
      await seedReference(db);
      const expected = expectedCounts();
      expect(expected.rows).toBe(41_066);
      expect(expected.pledges).toBe(947);

      const importAll = async () => {
        const summaries = [];
        for (const file of UPR_FILES) {
          const bytes = readFileSync(sharedData("upr-info", file));
          summaries.push(await importRecommendations(db, { bytes, fileName: file, preset: "upr-info" }));
        }
        const bytes = readFileSync(sharedData(SLOVENIA));
        summaries.push(
          await importRecommendations(db, {
            bytes,
            fileName: "slovenia.csv",
            preset: "ohchr-thematic",
            state: "Slovenia",
          }),
        );
        return summaries;
      };
      const first = await importAll();
      const rowsRead = first.map((s) => s.rowsRead);
      expect(rowsRead.slice(0, 5).reduce((a, b) => a + b)).toBe(expected.rows);
      expect(rowsRead.slice(5)).toEqual([expected.pledges, expected.slovenia]);
      expect(first.slice(0, 6).every((s) => s.encoding === "mac-roman")).toBe(true);
      for (const s of first) expect(s.added + s.duplicatesInFile + s.alreadyStored).toBe(s.rowsRead);

      const total = await count(db, sql`select count(*) as n from recommendations`);
      expect(total).toBe(expected.total);
      expect(first.reduce((a, s) => a + s.added, 0)).toBe(expected.total);
      const byPosition = await grouped(
        db,
        sql`select coalesce(position, 'none') as k, count(*) as n from recommendations group by 1`,
      );
      expect(byPosition).toEqual(expected.byPosition);
      const bySession = await grouped(
        db,
        sql`select coalesce(session, 'cycle ' || cycle) as k, count(*) as n from recommendations group by 1`,
      );
      expect(bySession).toEqual(expected.bySession);
      // Every State under review of UPR Info has its ISO code, and its name as written.
      expect(await count(db, sql`select count(*) as n from recommendations where state_code is null`)).toBe(
        0,
      );
      expect(
        await count(
          db,
          sql`select count(*) as n from recommendations where text->>'en' like '%Hissène Habré%'`,
        ),
      ).toBeGreaterThan(0);

      const fingerprint = sql`select count(*) as n, md5(string_agg(import_key || array_to_string(recommending_states, '|')
        || array_to_string(themes, '|') || coalesce(position, ''), ',' order by import_key)) as h from recommendations`;
      const before = await queryRows(db, fingerprint);
      const second = await importAll();
      expect(second.map((s) => [s.added, s.merged])).toEqual(second.map(() => [0, 0]));
      expect(await queryRows(db, fingerprint)).toEqual(before);

      // UPR Info's derived UTF-8 copy (other column names) is read by the same preset as the same recommendations.
      const derived = await importRecommendations(db, {
        bytes: readFileSync(sharedData("upr-info/upr-info-sessions1-20.normalized.csv")),
        fileName: "normalized.csv",
        preset: "upr-info",
      });
      expect(derived).toMatchObject({ rowsRead: expected.rows, encoding: "utf-8" });
      // All but 59 are found already stored: those texts differ by characters the copy's conversion changed.
      expect(derived.added).toBe(59);
    },
    600_000,
  );
});

async function count(db: Parameters<typeof queryRows>[0], query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(db, query);
  return Number(row!.n);
}

async function grouped(
  db: Parameters<typeof queryRows>[0],
  query: ReturnType<typeof sql>,
): Promise<Record<string, number>> {
  const rows = await queryRows<{ k: string; n: string | number }>(db, query);
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}
