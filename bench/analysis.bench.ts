import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AnalysisSettings,
  answerColumns,
  buildAnalysisModel,
  compileFramework,
  configurationAt,
  DEFAULT_SETTINGS,
  designPoint,
  nominalConfiguration,
  runDraws,
} from "../src/core/index.ts";
import { runAnalysisInWorkers } from "../src/server/analysis/run-draws.ts";
import { buildSyntheticAnswers, buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure } from "./harness.ts";

export const name = "uncertainty analysis";

const INDICATORS = 626;
const COUNTRIES = 200;
const DRAWS = 10_000;
const NUMPY_DRAWS = 1_000;
const NUMPY_RATIO = 3;

const SETTINGS: AnalysisSettings = {
  ...DEFAULT_SETTINGS,
  seed: 11,
  draws: DRAWS,
  weights: { mode: "uniform", defaultRange: 0.25, concentration: 50 },
  aggregations: ["framework", "geometric"],
};

/**
 * 10,000 draws (weights ±25 % per node, arithmetic or geometric aggregation)
 * over 626 indicators × 200 countries, in worker threads (one per core),
 * summary, Sobol indices and leave-one-out included; beside a numpy reference
 * (bench/reference/analysis_numpy.py) that makes the same draws (the first
 * 1,000, the same weights and choices) and must give the same ranks. Compared
 * on CPU time per draw, since wall time swings with the shared machine's load.
 */
export async function run(): Promise<BenchFigure[]> {
  const fw = buildSyntheticFramework({ indicators: INDICATORS });
  const cf = compileFramework(fw);
  const columns = answerColumns(cf, buildSyntheticAnswers(fw, { countries: COUNTRIES, cycles: 1 }));
  const period = columns.periods[0]!;
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runAnalysisInWorkers(fw, columns, period, SETTINGS);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perDraw = cpuMs / result.evaluations;
  console.log(
    `  ${result.evaluations} draws in workers: wall ${formatFigure(wall)} ms, CPU ${formatFigure(cpuMs)} ms (${formatFigure(perDraw)} ms per draw)`,
  );
  const figures: BenchFigure[] = [
    {
      metric: `${result.evaluations} draws ${INDICATORS}×${COUNTRIES}, wall (workers)`,
      value: wall,
      unit: "ms",
    },
    { metric: "CPU per draw (all threads, summary included)", value: perDraw, unit: "ms" },
  ];

  const model = buildAnalysisModel(cf, columns, period, SETTINGS);
  const ours = runDraws(model, 0, NUMPY_DRAWS);
  const numpy = runNumpy(model, ours.ranks);
  if (numpy) {
    const theirs = numpy.cpuMs / NUMPY_DRAWS;
    figures.push(
      { metric: `numpy ${numpy.version}, CPU per draw (same draws)`, value: theirs, unit: "ms" },
      { metric: "ours / numpy, CPU per draw", value: perDraw / theirs, unit: "×", target: NUMPY_RATIO },
      { metric: "ranks differing from numpy's", value: numpy.mismatchShare * 100, unit: "%" },
    );
    console.log(
      `  numpy ${numpy.version}: ${formatFigure(theirs)} ms per draw; ratio ${formatFigure(perDraw / theirs)}×; ` +
        `${formatFigure(numpy.mismatchShare * 100)} % of ranks differ`,
    );
  } else {
    console.log("  numpy reference skipped: python3 with numpy is not available here");
  }
  return figures;
}

function runNumpy(model: ReturnType<typeof buildAnalysisModel>, ranks: Int32Array) {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const { cf } = model;
  const E = model.entities.length;
  const items = cf.itemWeight.length;
  const weights = new Float64Array(NUMPY_DRAWS * items);
  const aggregation = new Uint8Array(NUMPY_DRAWS);
  const point = new Float64Array(model.factors.length);
  const config = nominalConfiguration(model);
  for (let d = 0; d < NUMPY_DRAWS; d++) {
    designPoint(model, d, point);
    configurationAt(model, point, config);
    weights.set(config.weights, d * items);
    aggregation[d] = config.aggregation === "geometric" ? 1 : 0;
  }
  const variant = model.variants.get("goalposts/plain")!;
  const dir = mkdtempSync(join(tmpdir(), "childmark-analysis-"));
  try {
    const spec = {
      indicatorCount: cf.indicators.length,
      entities: E,
      items,
      order: cf.order,
      children: cf.children.map((c) => [...c]),
      nodes: cf.framework.nodes.map((n) => ({ aggregation: n.aggregation, minCoverage: n.minCoverage })),
      rootNode: cf.rootNode,
      scoreScale: cf.framework.scoreScale,
      precision: cf.framework.precision,
    };
    const file = (f: string) => join(dir, f);
    writeFileSync(file("spec.json"), JSON.stringify(spec));
    writeFileSync(file("scores.f64"), variant.score);
    writeFileSync(file("na.u8"), model.excluded);
    writeFileSync(file("weights.f64"), weights);
    writeFileSync(file("agg.u8"), aggregation);
    const script = join(import.meta.dirname, "reference", "analysis_numpy.py");
    const out = execFileSync(
      "python3",
      [
        script,
        ...["spec.json", "scores.f64", "na.u8", "weights.f64", "agg.u8"].map(file),
        String(NUMPY_DRAWS),
        "--out",
        file("ranks.i32"),
      ],
      { encoding: "utf8" },
    );
    const result = JSON.parse(out) as { numpy: string; cpuMs: number };
    const theirs = new Int32Array(readFileSync(file("ranks.i32")).buffer.slice(0));
    let differ = 0;
    for (let i = 0; i < ranks.length; i++) if (ranks[i] !== theirs[i]) differ++;
    return { version: result.numpy, cpuMs: result.cpuMs, mismatchShare: differ / ranks.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
