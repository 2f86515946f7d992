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
 * server and the CLI do. Prints median, p95 and fastest of 20 runs, CPU time,
 * the size of one result and the JS heap in use.
 */
export async function run(): Promise<BenchFigure[]> {
  const fw = buildSyntheticFramework({ indicators: INDICATORS });
  const answers = buildSyntheticAnswers(fw, { countries: COUNTRIES, cycles: CYCLES });
  const score = () => scoreAnswers(compileFramework(fw), answers);

  const cpuStart = process.cpuUsage();
  const timing = measure(score, { warmup: 5, runs: 20 });
  const cpu = process.cpuUsage(cpuStart);
  // CPU time of this process per run (warm-up included), less sensitive than wall time to other load on a shared machine.
  const cpuPerRun = (cpu.user + cpu.system) / 1000 / 25;
  const table = score();
  collectGarbage();
  const after = memoryInUse();
  const cells = table.score.length;
  // Counted, not measured: freed buffers are released lazily, so a heap delta is noisy.
  const resultBytes = [table.score, table.coverage, table.rank, table.band, table.present].reduce(
    (sum, a) => sum + a.byteLength,
    0,
  );

  const label = `${INDICATORS}×${COUNTRIES}×${CYCLES}`;
  const figures: BenchFigure[] = [
    { metric: `score ${label}, median of 20`, value: timing.median, unit: "ms", target: TARGET_MS },
    { metric: `score ${label}, p95 of 20`, value: timing.p95, unit: "ms" },
    { metric: `score ${label}, fastest of 20`, value: timing.min, unit: "ms" },
    { metric: `score ${label}, CPU time per run (mean of 25)`, value: cpuPerRun, unit: "ms" },
    { metric: "typed arrays of one result", value: resultBytes / 2 ** 20, unit: "MB" },
    { metric: "JS heap in use, incl. the 626,000 answers", value: after.heap, unit: "MB" },
  ];
  console.log(
    `  ${answers.length.toLocaleString("en")} answers → ${cells.toLocaleString("en")} cells; ` +
      `median ${formatFigure(timing.median)} ms, p95 ${formatFigure(timing.p95)} ms ` +
      `(min ${formatFigure(timing.min)}, max ${formatFigure(timing.max)}), target < ${TARGET_MS} ms`,
  );
  return figures;
}
