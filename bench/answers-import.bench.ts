import { importAnswers } from "../src/server/data/import-answers.ts";
import { importFramework } from "../src/server/frameworks/import-framework.ts";
import { listIsoCountries } from "../src/server/reference/countries.ts";
import { benchDatabases } from "./databases.ts";
import { buildSyntheticAnswers, buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure } from "./harness.ts";

export const name = "answers import";

const INDICATORS = 626;
const COUNTRIES = 200;
const TARGET_POSTGRES_MS = 5000;

/**
 * (c) Imports answers of 200 countries × 626 indicators (one cycle, about
 * 121,000 values after blanks) through the same use case as `childmark data
 * import`: validation, one transaction, history rows, and the score snapshot.
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
    const start = performance.now();
    const result = await importAnswers(database.db, { framework: fw.code, answers });
    const ms = performance.now() - start;
    console.log(
      `  ${database.kind}: ${result.inserted} answers of ${COUNTRIES} countries × ${INDICATORS} indicators in ${formatFigure(ms)} ms`,
    );
    figures.push({
      metric: `import ${COUNTRIES}×${INDICATORS} answers (${database.kind})`,
      value: ms,
      unit: "ms",
      ...(database.kind === "postgres" ? { target: TARGET_POSTGRES_MS } : {}),
    });
  }
  return figures;
}
