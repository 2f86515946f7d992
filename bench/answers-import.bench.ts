import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { importAnswers } from "../src/server/data/import-answers.ts";
import type { Database } from "../src/server/db/connect.ts";
import { queryRows } from "../src/server/db/query-rows.ts";
import { importFramework } from "../src/server/frameworks/import-framework.ts";
import { listIsoCountries } from "../src/server/reference/countries.ts";
import { benchDatabases } from "./databases.ts";
import { buildSyntheticAnswers, buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure } from "./harness.ts";
import { timeSteps } from "./import-steps.ts";

export const name = "answers import";

const INDICATORS = 626;
const COUNTRIES = 200;
const TARGET_MS = { postgres: 5000, pglite: 10_000 };

/**
 * (c) Imports answers of 200 countries × 626 indicators (one cycle, about
 * 121,000 values after blanks) through the same use case as `childmark data
 * import`: validation, one transaction, history rows, and the score snapshot.
 * On PostgreSQL the same rows (answers and their history rows) are then
 * loaded again by `psql`'s `\copy` (PostgreSQL COPY, foreign keys checked as
 * usual) into the emptied tables of the same database: the reference of what
 * the database itself needs, measured in the same run under the same load.
 * The bench process's CPU time is given beside the wall clock: on PGlite it
 * includes the database, and it moves less with the machine's load. Each
 * step of the import is timed too (`onStep`): the swap is the only one that
 * holds the database (on PGlite, every other request waits for it).
 * Figures and commands: bench/README.md, "Framework and answer import".
 */
export async function run(): Promise<BenchFigure[]> {
  const fw = buildSyntheticFramework({ indicators: INDICATORS });
  const codes = listIsoCountries().map((c) => c.code);
  const answers = buildSyntheticAnswers(fw, { countries: COUNTRIES, cycles: 1 }).map((a) => ({
    ...a,
    entity: codes[Number(a.entity.slice(1))]!,
  }));
  const figures: BenchFigure[] = [];
  for await (const database of benchDatabases()) {
    await importFramework(database.db, fw);
    const load = loadavg()[0]!.toFixed(1);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const steps = timeSteps();
    const result = await importAnswers(database.db, { framework: fw.code, answers, onStep: steps.end });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `  ${database.kind}: ${result.inserted} answers of ${COUNTRIES} countries × ${INDICATORS} indicators in ${formatFigure(ms)} ms (bench process CPU ${formatFigure(cpuMs)} ms; load average ${load})`,
    );
    console.log(`  ${database.kind}: steps ${steps.describe()}`);
    figures.push(
      {
        metric: `import ${COUNTRIES}×${INDICATORS} answers (${database.kind})`,
        value: ms,
        unit: "ms",
        target: TARGET_MS[database.kind],
      },
      {
        metric: `import ${COUNTRIES}×${INDICATORS} answers, bench process CPU (${database.kind})`,
        value: cpuMs,
        unit: "ms",
      },
      {
        metric: `swap step (holds the database) of that import (${database.kind})`,
        value: steps.ms.swapped ?? 0,
        unit: "ms",
      },
      {
        metric: `swap step, bench process CPU (${database.kind})`,
        value: steps.cpuMs.swapped ?? 0,
        unit: "ms",
      },
    );
    if (database.kind === "postgres") figures.push(await copySameRows(database, result.inserted));
  }
  return figures;
}

/** Copies the rows the import wrote out, empties the tables, and times `\copy` of them back in one transaction. */
async function copySameRows(database: Database, expected: number): Promise<BenchFigure> {
  const { db } = database;
  const dir = mkdtempSync(join(tmpdir(), "childmark-copy-"));
  try {
    const answerRows = await queryRows<Record<string, unknown>>(
      db,
      sql`select id, assessment_id, indicator_id, value_text, value_number from answers`,
    );
    const historyRows = await queryRows<Record<string, unknown>>(
      db,
      sql`select answer_id, version, value_before::text, value_after::text, source from answer_history`,
    );
    writeFileSync(join(dir, "answers.tsv"), toTsv(answerRows));
    writeFileSync(join(dir, "history.tsv"), toTsv(historyRows));
    await db.execute(sql`truncate answer_history, answers cascade`);
    const url = database.location.includes("***") ? undefined : database.location;
    if (!url) throw new Error("the COPY reference needs a DATABASE_URL without a password");
    const start = performance.now();
    execFileSync("psql", [
      url,
      "--single-transaction",
      "--quiet",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      `\\copy answers (id, assessment_id, indicator_id, value_text, value_number) from '${join(dir, "answers.tsv")}'`,
      "-c",
      `\\copy answer_history (answer_id, version, value_before, value_after, source) from '${join(dir, "history.tsv")}'`,
    ]);
    const ms = performance.now() - start;
    const [copied] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from answers`);
    if (Number(copied?.n) !== expected) throw new Error(`COPY loaded ${copied?.n} answers, not ${expected}`);
    console.log(
      `  postgres COPY: the same ${answerRows.length} answers and ${historyRows.length} history rows in ${formatFigure(ms)} ms (psql \\copy, one transaction; load average ${loadavg()[0]!.toFixed(1)})`,
    );
    return { metric: `COPY of the same answers and history rows (postgres)`, value: ms, unit: "ms" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows in COPY's text format: tab-separated, `\N` for null, backslash escapes. */
function toTsv(rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined
      ? "\\N"
      : String(v).replace(
          /[\\\t\n\r]/g,
          (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!,
        );
  return rows.map((r) => Object.values(r).map(cell).join("\t")).join("\n") + (rows.length ? "\n" : "");
}
