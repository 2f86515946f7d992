import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
  readCell,
  scoredCaseArbitrary,
} from "../../../test/support/arbitraries.ts";
import { answerColumns } from "../scoring/columns.ts";
import { compileFramework } from "../scoring/compile.ts";
import { scoreAnswers } from "../scoring/engine.ts";
import {
  type AnalysisSettings,
  buildAnalysisModel,
  createEvaluator,
  DEFAULT_SETTINGS,
  evaluate,
  evaluationCount,
  nominalConfiguration,
  rankScores,
  runDraws,
} from "./model.ts";
import { createRandom } from "./random.ts";
import { sobolIndices } from "./sobol.ts";
import { nominalRanks, summariseDraws } from "./summary.ts";

const WIDE: AnalysisSettings = {
  seed: 7,
  draws: 120,
  weights: { mode: "uniform", defaultRange: 0.5, concentration: 20 },
  normalisations: ["goalposts", "minmax", "zscore", "rank"],
  aggregations: ["framework", "arithmetic", "geometric", "harmonic", "median", "minimum", "copeland"],
  missing: ["framework", "zero", "mean"],
};

const caseWithEntities = scoredCaseArbitrary({ maxEntities: 6, maxPeriods: 1 });

function modelOf(
  c: { framework: Parameters<typeof compileFramework>[0]; answers: Parameters<typeof answerColumns>[1] },
  settings: AnalysisSettings,
) {
  const cf = compileFramework(c.framework);
  const columns = answerColumns(cf, c.answers);
  return buildAnalysisModel(cf, columns, columns.periods[0]!, settings);
}

function analyse(model: ReturnType<typeof buildAnalysisModel>) {
  return summariseDraws(model, [runDraws(model, 0, evaluationCount(model))]);
}

describe("Sobol estimators", () => {
  it("recover the analytic indices of Y = X1 + 2·X2 with uniform inputs (S1 = 0.2, S2 = 0.8)", () => {
    // Var(aX) = a²/12 for X ~ U(0,1): S1 = 1/(1+4) = 0.2, S2 = 4/5 = 0.8; additive, so totals equal first orders.
    const random = createRandom(3);
    const N = 20000;
    const A = Array.from({ length: N }, () => [random(), random()] as const);
    const B = Array.from({ length: N }, () => [random(), random()] as const);
    const f = (x1: number, x2: number) => x1 + 2 * x2;
    const est = sobolIndices(
      A.map(([a, b]) => f(a, b)),
      B.map(([a, b]) => f(a, b)),
      [A.map(([, b], j) => f(B[j]![0], b)), A.map(([a], j) => f(a, B[j]![1]))],
    );
    expect(est.first[0]).toBeCloseTo(0.2, 1);
    expect(est.first[1]).toBeCloseTo(0.8, 1);
    expect(est.total[0]).toBeCloseTo(0.2, 1);
    expect(est.total[1]).toBeCloseTo(0.8, 1);
    expect(est.variance).toBeCloseTo(5 / 12, 1);
  });

  it("sum to at most 1 (within sampling tolerance) for any additive model", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.boolean())
            .map(([m, negative]) => (negative ? -m : m)),
          { minLength: 1, maxLength: 5 },
        ),
        fc.nat(),
        (a, seed) => {
          const random = createRandom(seed);
          const k = a.length;
          const N = 10000;
          const A = Array.from({ length: N }, () => a.map(() => random()));
          const B = Array.from({ length: N }, () => a.map(() => random()));
          const f = (x: number[]) => x.reduce((s, v, i) => s + a[i]! * v, 0);
          const est = sobolIndices(
            A.map(f),
            B.map(f),
            a.map((_, i) => A.map((row, j) => f(row.map((v, m) => (m === i ? B[j]![m]! : v))))),
          );
          const sum = est.first.reduce((s, v) => s + v, 0);
          expect(sum).toBeLessThanOrEqual(1 + 0.1);
          // Additive: the first-order indices explain nearly all the variance (Saltelli's estimator is noisy at this N).
          if (k > 0) expect(sum).toBeGreaterThan(0.7);
        },
      ),
      { numRuns: 20, seed: 42 },
    );
  });
});

describe("uncertainty analysis", () => {
  it("gives the engine's own root ranks under the framework's choices", () => {
    fc.assert(
      fc.property(caseWithEntities, (c) => {
        const model = modelOf(c, WIDE);
        const table = scoreAnswers(compileFramework(c.framework), c.answers);
        const rootColumn = table.columns.findIndex((col) => col.key === "root");
        const nominal = nominalRanks(model);
        model.entities.forEach((entity, x) => {
          const e = table.entities.indexOf(entity);
          expect(nominal[x]).toBe(table.rank[e * table.columns.length + rootColumn]);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("scores each imposed aggregation (harmonic, median, minimum…) as the engine scores a framework that uses it on every node", () => {
    // The geometric mean is imposed on scores moved onto 0.01–1 first: see the test below.
    const imposed = ["arithmetic", "harmonic", "median", "minimum"] as const;
    fc.assert(
      fc.property(caseWithEntities, fc.constantFrom(...imposed), (c, method) => {
        const model = modelOf(c, { ...DEFAULT_SETTINGS, aggregations: ["framework", method] });
        expect(model.factors.map((f) => f.key)).toContain("aggregation");
        const ev = createEvaluator(model);
        const scores = evaluate(ev, { ...nominalConfiguration(model), aggregation: method });
        const all = { ...c.framework, nodes: c.framework.nodes.map((n) => ({ ...n, aggregation: method })) };
        const table = scoreAnswers(compileFramework(all), c.answers);
        model.entities.forEach((entity, x) => {
          const expected = readCell(table, entity, table.periods[0]!, "root").score;
          if (Number.isNaN(expected)) expect(scores[x]).toBeNaN();
          else expect(scores[x]).toBeCloseTo(expected, 9);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("draws the minimum differently from the arithmetic mean: the weakest section decides", () => {
    // A: sections 1 and 0 (mean 50, minimum 0); B: 0.5 and 0.5 (mean 50, minimum 50): tied as
    // published (arithmetic), B first under the minimum or the harmonic mean.
    const framework = buildFramework({
      nodes: [buildNode("root", null), buildNode("s1", "root"), buildNode("s2", "root")],
      indicators: [
        buildIndicator("i1", "s1", { type: "checklist" }),
        buildIndicator("i2", "s2", { type: "checklist" }),
      ],
    });
    const answers = [
      ...buildAnswers("A", "2024", { i1: "yes", i2: "no" }),
      ...buildAnswers("B", "2024", { i1: "partially", i2: "partially" }),
    ];
    const model = modelOf(
      { framework, answers },
      {
        ...DEFAULT_SETTINGS,
        draws: 400,
        weights: { ...DEFAULT_SETTINGS.weights, mode: "none" },
        aggregations: ["framework", "minimum", "harmonic"],
      },
    );
    const ev = createEvaluator(model);
    const at = (aggregation: "framework" | "minimum" | "harmonic") => [
      ...evaluate(ev, { ...nominalConfiguration(model), aggregation }),
    ];
    expect(at("framework")).toEqual([50, 50]);
    expect(at("minimum")).toEqual([0, 50]);
    expect(at("harmonic")).toEqual([0, 50]);
    const result = analyse(model);
    expect(result.factors.map((f) => f.key)).toEqual(["aggregation"]);
    const [a, b] = result.entities;
    expect([a!.nominalRank, b!.nominalRank]).toEqual([1, 1]);
    // Two draws in three impose the minimum or the harmonic mean: A is second in them.
    expect([a!.medianRank, a!.high, b!.high]).toEqual([2, 2, 1]);
  });

  it("imposes the geometric mean on scores moved onto 0.01–1, so that one indicator at 0 does not zero a country", () => {
    // A: sections 1 and 0; B: 0.5 and 0.5. On 0.01–1: A √(1 · 0.01) = 0.1, B 0.505; back on
    // 0–100: A (0.1 − 0.01) / 0.99 = 9.09…, B 50. Without the shift A would be 0 — and with
    // every country holding a 0 somewhere (the lowest under min-max), all would tie at 0, 1st.
    const framework = buildFramework({
      nodes: [buildNode("root", null), buildNode("s1", "root"), buildNode("s2", "root")],
      indicators: [
        buildIndicator("i1", "s1", { type: "checklist" }),
        buildIndicator("i2", "s2", { type: "checklist" }),
      ],
    });
    const answers = [
      ...buildAnswers("A", "2024", { i1: "yes", i2: "no" }),
      ...buildAnswers("B", "2024", { i1: "partially", i2: "partially" }),
      ...buildAnswers("C", "2024", { i1: "no", i2: "partially" }),
    ];
    const model = modelOf(
      { framework, answers },
      {
        ...DEFAULT_SETTINGS,
        weights: { ...DEFAULT_SETTINGS.weights, mode: "none" },
        aggregations: ["framework", "geometric"],
      },
    );
    const scores = [
      ...evaluate(createEvaluator(model), { ...nominalConfiguration(model), aggregation: "geometric" }),
    ];
    expect(scores[0]).toBeCloseTo(((0.1 - 0.01) / 0.99) * 100, 9);
    expect(scores[1]).toBeCloseTo(50, 9);
    // C: √(0.01 · 0.505) = 0.0711…: below A, and not tied with it.
    expect(scores[2]).toBeCloseTo(((Math.sqrt(0.01 * 0.505) - 0.01) / 0.99) * 100, 9);
  });

  it("does not move any rank when a weight change moves no score (every weight of a node scaled alike)", () => {
    fc.assert(
      fc.property(
        caseWithEntities,
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.nat(),
        (c, factor, pick) => {
          const model = modelOf(c, DEFAULT_SETTINGS);
          const ev = createEvaluator(model);
          const config = nominalConfiguration(model);
          const before = Float64Array.from(evaluate(ev, config));
          const node = pick % model.cf.nodeCodes.length;
          for (const item of model.cf.children[node]!) config.weights[item] = config.weights[item]! * factor;
          const after = evaluate(ev, config);
          const same = before.every((s, x) => Object.is(s, after[x]) || Math.abs(s - after[x]!) < 1e-9);
          fc.pre(before.every((s, x) => Object.is(s, after[x])));
          expect(same).toBe(true);
          const r1 = new Int32Array(before.length);
          const r2 = new Int32Array(before.length);
          rankScores(ev, before, r1);
          rankScores(ev, after, r2);
          expect([...r2]).toEqual([...r1]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reports an interval that contains the nominal rank, and shares of bands that add up to 1", () => {
    fc.assert(
      fc.property(caseWithEntities, (c) => {
        const result = analyse(modelOf(c, WIDE));
        for (const e of result.entities) {
          if (e.nominalRank === 0) continue;
          expect(e.low).toBeLessThanOrEqual(e.nominalRank);
          expect(e.high).toBeGreaterThanOrEqual(e.nominalRank);
          expect(e.low).toBeLessThanOrEqual(e.medianRank);
          expect(e.medianRank).toBeLessThanOrEqual(e.high);
          const shares = e.bandShares.reduce((a, b) => a + b, 0);
          if (shares > 0) expect(shares).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("is reproducible from its seed, and splitting the draws among workers changes nothing", () => {
    fc.assert(
      fc.property(caseWithEntities, fc.integer({ min: 1, max: 100 }), (c, cut) => {
        const model = modelOf(c, WIDE);
        const total = evaluationCount(model);
        const at = Math.min(cut, total);
        const whole = analyse(model);
        const split = summariseDraws(model, [runDraws(model, at, total), runDraws(model, 0, at)]);
        expect(split).toEqual(whole);
        expect(analyse(modelOf(c, WIDE))).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  it("matches a hand-computed case: two countries, only the root's two weights in doubt", () => {
    // A: s1 yes (1), s2 no (0); B: s1 no (0), s2 partially (0.5). With w1, w2 ~ U(0.5, 1.5):
    // A = w1/(w1+w2), B = 0.5·w2/(w1+w2); B ranks first iff w1 < w2/2, of probability
    // ∫ from 0.5 to 0.75 of (1.5 − 2u) du = 0.0625; A is in the upper band (≥ 50) iff w1 ≥ w2: 0.5.
    const framework = buildFramework({
      bands: [
        { code: "low", label: { en: "Low" }, min: 0, max: 50 },
        { code: "high", label: { en: "High" }, min: 50, max: 100 },
      ],
      nodes: [buildNode("root", null), buildNode("s1", "root"), buildNode("s2", "root")],
      indicators: [
        buildIndicator("i1", "s1", { type: "checklist" }),
        buildIndicator("i2", "s2", { type: "checklist" }),
      ],
    });
    const answers = [
      ...buildAnswers("A", "2024", { i1: "yes", i2: "no" }),
      ...buildAnswers("B", "2024", { i1: "no", i2: "partially" }),
    ];
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      draws: 9000,
      weights: { mode: "uniform", defaultRange: 0.5, concentration: 1 },
    };
    const model = modelOf({ framework, answers }, settings);
    expect(model.factors.map((f) => f.key)).toEqual(["weights:root"]);
    const result = analyse(model);
    const [a, b] = result.entities;
    expect(a!.nominalRank).toBe(1);
    expect(b!.nominalRank).toBe(2);
    expect(a!.medianRank).toBe(1);
    expect([a!.p5, a!.p95]).toEqual([1, 2]);
    const runs = runDraws(model, 0, evaluationCount(model));
    let bFirst = 0;
    for (let d = 0; d < runs.to; d++) if (runs.ranks[d * 2 + 1] === 1) bFirst++;
    expect(bFirst / runs.to).toBeGreaterThan(0.0625 - 0.015);
    expect(bFirst / runs.to).toBeLessThan(0.0625 + 0.015);
    expect(a!.bandShares[1]).toBeGreaterThan(0.5 - 0.03);
    expect(a!.bandShares[1]).toBeLessThan(0.5 + 0.03);
    // One uncertain input explains all the variance.
    expect(result.factors[0]!.first).toBeGreaterThan(0.9);
    expect(result.factors[0]!.total).toBeGreaterThan(0.9);
    // Leaving out s2 makes B score 0: A stays first; leaving out s1 puts B first.
    const s1 = result.leaveOneOut.find((l) => l.item === "s1")!;
    expect(s1.maxShift).toBe(1);
    expect(result.leaveOneOut.find((l) => l.item === "s2")!.maxShift).toBe(0);
  });
});
