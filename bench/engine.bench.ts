import { compileFramework, scoreAnswers } from "../src/core/index.ts";
import { buildSyntheticAnswers, buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, collectGarbage, formatFigure, measure, memoryInUse } from "./harness.ts";

export const name = "scoring engine";

const INDICATORS = 626;
const COUNTRIES = 200;
const CYCLES = 5;
const TARGET_MS = 100;

/**
 * Scores a CPI-sized synthetic index (626 indicators × 200 countries × 5
 * cycles, 626,000 answers) with the pure engine: compile plus score, as the
 * server and the CLI do. Prints median and p95 of 20 runs and the memory held by one result.
 */
export async function run(): Promise<BenchFigure[]> {
  const fw = buildSyntheticFramework({ indicators: INDICATORS });
  const answers = buildSyntheticAnswers(fw, { countries: COUNTRIES, cycles: CYCLES });
  const score = () => scoreAnswers(compileFramework(fw), answers);

  const timing = measure(score, { warmup: 5, runs: 20 });
  collectGarbage();
  const before = memoryInUse();
  const table = score();
  const after = memoryInUse();
  const cells = table.score.length;

  const label = `${INDICATORS}×${COUNTRIES}×${CYCLES}`;
  const figures: BenchFigure[] = [
    { metric: `score ${label}, median of 20`, value: timing.median, unit: "ms", target: TARGET_MS },
    { metric: `score ${label}, p95 of 20`, value: timing.p95, unit: "ms" },
    {
      metric: "memory held by one result (heap + buffers)",
      value: after.heap - before.heap + after.buffers - before.buffers,
      unit: "MB",
    },
    { metric: "heap used after scoring", value: after.heap, unit: "MB" },
  ];
  console.log(
    `  ${answers.length.toLocaleString("en")} answers → ${cells.toLocaleString("en")} cells; ` +
      `median ${formatFigure(timing.median)} ms, p95 ${formatFigure(timing.p95)} ms ` +
      `(min ${formatFigure(timing.min)}, max ${formatFigure(timing.max)}), target < ${TARGET_MS} ms`,
  );
  return figures;
}
