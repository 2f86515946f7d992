import { importFramework } from "../src/server/frameworks/import-framework.ts";
import { readFrameworkWorkbook } from "../src/server/frameworks/xlsx/read-workbook.ts";
import { writeFrameworkWorkbook } from "../src/server/frameworks/xlsx/write-workbook.ts";
import { benchDatabases } from "./databases.ts";
import { buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure } from "./harness.ts";

export const name = "framework import";

const INDICATORS = 626;
const RUNS = 5;

/**
 * (b) Reads and validates a 626-indicator framework from its XLSX template,
 * then stores it as a new version, on PGlite and (with DATABASE_URL) PostgreSQL.
 */
export async function run(): Promise<BenchFigure[]> {
  const base = buildSyntheticFramework({ indicators: INDICATORS });
  const bytes = await writeFrameworkWorkbook(base);
  const readTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await readFrameworkWorkbook(bytes, "bench.xlsx");
    readTimes.push(performance.now() - start);
  }
  const read = Math.min(...readTimes);
  console.log(
    `  read + validate ${INDICATORS}-indicator XLSX (${(bytes.length / 1024).toFixed(0)} KB): best of ${RUNS} ${formatFigure(read)} ms`,
  );
  const figures: BenchFigure[] = [
    { metric: `read + validate ${INDICATORS}-indicator XLSX, best of ${RUNS}`, value: read, unit: "ms" },
  ];

  for await (const database of benchDatabases()) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fw = { ...base, version: `bench-${i}` };
      const start = performance.now();
      await importFramework(database.db, fw);
      times.push(performance.now() - start);
    }
    const best = Math.min(...times);
    console.log(
      `  store ${INDICATORS}-indicator framework on ${database.kind}: best of ${RUNS} ${formatFigure(best)} ms`,
    );
    figures.push({
      metric: `store ${INDICATORS}-indicator framework (${database.kind}), best of ${RUNS}`,
      value: best,
      unit: "ms",
    });
  }
  return figures;
}
