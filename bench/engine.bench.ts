import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AnswerColumns,
  answerColumns,
  type CompiledFramework,
  compileFramework,
  type Framework,
  isNumeric,
  type ScoreTable,
  scoreColumns,
} from "../src/core/index.ts";
import { scoreAnswersByRow } from "../src/core/scoring/row-engine.ts";
import { buildSyntheticAnswers, buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure, measure } from "./harness.ts";

export const name = "scoring engine";

const INDICATORS = 626;
const COUNTRIES = 200;
const CYCLES = 5;
const TARGET_MS = 100;
const NUMPY_RATIO = 2;
const SCALING = [100, 200, 400, 800];
const SCALING_GROWTH = 20;

/**
 * Scores a CPI-sized synthetic index (626 indicators × 200 countries × 5
 * cycles) from columnar input (one typed array per indicator) with the pure
 * engine, compile included, beside a vectorised numpy implementation of the
 * same rules (bench/reference/engine_numpy.py) run on the same values, whose
 * scores must agree. Wall time swings with the load of the shared machine, so
 * each figure also has its CPU time (process CPU per run), which is what the
 * targets compare. Then the old row-by-row engine from answer objects, and the
 * cost per country from 100 to 800 countries.
 */
export async function run(): Promise<BenchFigure[]> {
  const fw = buildSyntheticFramework({ indicators: INDICATORS });
  const cf = compileFramework(fw);
  const columns = answerColumns(cf, buildSyntheticAnswers(fw, { countries: COUNTRIES, cycles: CYCLES }));
  const label = `${INDICATORS}×${COUNTRIES}×${CYCLES}`;
  const ours = timed(() => scoreColumns(compileFramework(fw), columns), 20);
  const figures: BenchFigure[] = [
    { metric: `columnar score ${label}, median of 20`, value: ours.median, unit: "ms" },
    { metric: `columnar score ${label}, CPU per run`, value: ours.cpu, unit: "ms", target: TARGET_MS },
  ];
  console.log(`  columnar: median ${formatFigure(ours.median)} ms, CPU ${formatFigure(ours.cpu)} ms per run`);

  const numpy = runNumpy(cf, columns, scoreColumns(cf, columns));
  if (numpy) {
    figures.push(
      { metric: `numpy ${numpy.version} reference, median of 20`, value: numpy.medianMs, unit: "ms" },
      { metric: "numpy reference, CPU per run", value: numpy.cpuMs, unit: "ms" },
      { metric: "columnar / numpy, CPU", value: ours.cpu / numpy.cpuMs, unit: "×", target: NUMPY_RATIO },
      { metric: "columnar / numpy, median wall", value: ours.median / numpy.medianMs, unit: "×" },
      { metric: "largest score difference from numpy", value: numpy.maxDifference, unit: "points" },
    );
    console.log(
      `  numpy ${numpy.version}: median ${formatFigure(numpy.medianMs)} ms, CPU ${formatFigure(numpy.cpuMs)} ms; ` +
        `ratio ${formatFigure(ours.cpu / numpy.cpuMs)}× (CPU); scores agree within ${numpy.maxDifference.toExponential(1)}`,
    );
  } else {
    console.log("  numpy reference skipped: python3 with numpy is not available here");
  }

  // Scaling first, while the heap holds no answer objects (a full collection walks all of them).
  const perCountry: number[] = [];
  for (const countries of SCALING) {
    const input = answerColumns(cf, buildSyntheticAnswers(fw, { countries, cycles: CYCLES }));
    const t = timed(() => scoreColumns(compileFramework(fw), input), 20);
    const micro = (1000 * t.cpu) / countries;
    perCountry.push(micro);
    figures.push({ metric: `scaling: ${countries} countries, CPU per country`, value: micro, unit: "µs" });
    console.log(
      `  ${countries} countries: CPU ${formatFigure(t.cpu)} ms per run, ${formatFigure(micro)} µs per country`,
    );
  }
  const growth = (100 * (perCountry[perCountry.length - 1]! - perCountry[0]!)) / perCountry[0]!;
  figures.push({
    metric: "scaling: growth of time per country 100→800",
    value: growth,
    unit: "%",
    target: SCALING_GROWTH,
  });
  figures.push(...rowEngineFigures(fw));
  return figures;
}

/** The engine as it was (row by row, from one object per answer), and the cost of turning answer objects into columns. */
function rowEngineFigures(fw: Framework): BenchFigure[] {
  const answers = buildSyntheticAnswers(fw, { countries: COUNTRIES, cycles: CYCLES });
  const rowEngine = timed(() => scoreAnswersByRow(compileFramework(fw), answers), 10);
  const toColumns = timed(() => answerColumns(compileFramework(fw), answers), 10);
  const count = answers.length.toLocaleString("en");
  console.log(`  row engine from ${count} answer objects: CPU ${formatFigure(rowEngine.cpu)} ms per run`);
  return [
    { metric: `row engine from ${count} answer objects, CPU`, value: rowEngine.cpu, unit: "ms" },
    { metric: "answer objects → columns, CPU", value: toColumns.cpu, unit: "ms" },
  ];
}

/** Median wall time and mean CPU time (warm-up excluded) of `runs` calls. */
function timed(fn: () => unknown, runs: number): { median: number; cpu: number } {
  for (let i = 0; i < 3; i++) fn();
  const start = process.cpuUsage();
  const timing = measure(fn, { warmup: 0, runs });
  const cpu = process.cpuUsage(start);
  return { median: timing.median, cpu: (cpu.user + cpu.system) / 1000 / runs };
}

/** The framework's rules and the raw values, as engine_numpy.py reads them. */
export function numpySpec(cf: CompiledFramework, columns: AnswerColumns) {
  const fw: Framework = cf.framework;
  const numeric = cf.indicators.flatMap((ind, i) => (isNumeric(ind) ? [{ ind, i }] : []));
  const fixed = (g: number | "data", log: boolean) => (g === "data" ? 0 : log ? Math.log(g) : g);
  const topMax = Math.max(...fw.bands.map((b) => b.max));
  return {
    indicatorCount: cf.indicators.length,
    periods: columns.periods.length,
    entities: columns.entities.length,
    numeric: numeric.map((x) => x.i),
    minData: numeric.map((x) => x.ind.scoring.min === "data"),
    maxData: numeric.map((x) => x.ind.scoring.max === "data"),
    fixedLo: numeric.map((x) => fixed(x.ind.scoring.min, x.ind.scoring.log)),
    fixedHi: numeric.map((x) => fixed(x.ind.scoring.max, x.ind.scoring.log)),
    lower: numeric.map((x) => x.ind.scoring.direction === "lower"),
    cap: numeric.map((x) => x.ind.scoring.cap),
    nodes: fw.nodes.map((n) => ({
      aggregation: n.aggregation,
      missing: n.missing,
      minCoverage: n.minCoverage,
    })),
    weights: [...cf.itemWeight],
    order: cf.order,
    children: cf.children.map((c) => [...c]),
    rootNode: cf.rootNode,
    lenses: cf.lenses.map((l) => ({ order: l.order, children: l.children.map((c) => [...c]) })),
    scoreScale: fw.scoreScale,
    precision: fw.precision,
    bands: fw.bands.map((b) => [b.min, b.max, b.max === topMax]),
  };
}

function runNumpy(cf: CompiledFramework, columns: AnswerColumns, table: ScoreTable) {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "childmark-numpy-"));
  try {
    writeFileSync(join(dir, "spec.json"), JSON.stringify(numpySpec(cf, columns)));
    writeFileSync(join(dir, "values.f64"), columns.values);
    const script = join(import.meta.dirname, "reference", "engine_numpy.py");
    const out = execFileSync(
      "python3",
      [
        script,
        join(dir, "spec.json"),
        join(dir, "values.f64"),
        "--runs",
        "20",
        "--out",
        join(dir, "scores.f64"),
      ],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    const result = JSON.parse(out) as { numpy: string; medianMs: number; cpuMedianMs: number };
    const theirs = new Float64Array(readFileSync(join(dir, "scores.f64")).buffer.slice(0));
    let maxDifference = 0;
    for (let i = 0; i < table.score.length; i++) {
      const a = table.score[i]!;
      const b = theirs[i]!;
      if (Number.isNaN(a) !== Number.isNaN(b)) throw new Error(`numpy disagrees on cell ${i}: ${a} vs ${b}`);
      if (!Number.isNaN(a)) maxDifference = Math.max(maxDifference, Math.abs(a - b));
    }
    if (maxDifference > 1e-9) throw new Error(`numpy scores differ by up to ${maxDifference}`);
    return { version: result.numpy, medianMs: result.medianMs, cpuMs: result.cpuMedianMs, maxDifference };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
