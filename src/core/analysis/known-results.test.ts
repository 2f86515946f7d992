import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
} from "../../../test/support/arbitraries.ts";
import { answerColumns } from "../scoring/columns.ts";
import { compileFramework } from "../scoring/compile.ts";
import {
  type AnalysisSettings,
  buildAnalysisModel,
  DEFAULT_SETTINGS,
  designPoint,
  evaluationCount,
  runDraws,
} from "./model.ts";
import { sobolIndices } from "./sobol.ts";
import { summariseDraws } from "./summary.ts";

/*
 * The analysis engine against results derived outside it:
 * - the Ishigami function, the standard benchmark of variance-based sensitivity analysis
 *   (Ishigami & Homma 1990), whose Sobol indices are known in closed form and tabulated in
 *   Saltelli et al., "Global Sensitivity Analysis. The Primer" (Wiley 2008) and Marrel et al.
 *   (2009, Reliab. Eng. Syst. Saf. 94): with a = 7, b = 0.1, S = (0.3139, 0.4424, 0) and
 *   ST = (0.5576, 0.4424, 0.2437). Evaluated on the engine's own Saltelli design.
 * - a two-country composite index whose rank is a known function of two methodological
 *   choices (one cell of a 2 × 2 table), whose Sobol indices are derived below by hand.
 */

/** The closed-form variances of the Ishigami function Y = sin X1 + a sin² X2 + b X3⁴ sin X1, Xi ~ U(−π, π). */
function ishigamiTruth(a: number, b: number) {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const v13 = b ** 2 * pi8 * (1 / 18 - 1 / 50);
  const v = a ** 2 / 8 + (b * pi4) / 5 + (b ** 2 * pi8) / 18 + 0.5;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v], variance: v };
}

/** A framework whose weights make three uncertain inputs: the root's two sections, and the indicators of each. */
function threeFactorModel(draws: number, seed: number) {
  const framework = buildFramework({
    nodes: [buildNode("root", null), buildNode("s1", "root"), buildNode("s2", "root")],
    indicators: ["a", "b"].flatMap((x) => [
      buildIndicator(`s1${x}`, "s1", { type: "checklist" }),
      buildIndicator(`s2${x}`, "s2", { type: "checklist" }),
    ]),
  });
  const cf = compileFramework(framework);
  const columns = answerColumns(
    cf,
    buildAnswers("A", "2024", { s1a: "yes", s1b: "no", s2a: "yes", s2b: "no" }),
  );
  return buildAnalysisModel(cf, columns, "2024", { ...DEFAULT_SETTINGS, seed, draws });
}

describe("known results", () => {
  it("derives the published Sobol indices of the Ishigami function (a = 7, b = 0.1) in closed form", () => {
    const truth = ishigamiTruth(7, 0.1);
    expect(truth.first.map((s) => Number(s.toFixed(4)))).toEqual([0.3139, 0.4424, 0]);
    expect(truth.total.map((s) => Number(s.toFixed(4)))).toEqual([0.5576, 0.4424, 0.2437]);
    expect(truth.variance).toBeCloseTo(13.8446, 4);
  });

  it("reproduces them on the engine's Saltelli design (A, B, A with one column from B) and estimators", () => {
    const model = threeFactorModel(150_000, 11);
    expect(model.factors.map((f) => f.key)).toEqual(["weights:root", "weights:s1", "weights:s2"]);
    const N = model.baseSamples;
    const ishigami = (u: Float64Array) => {
      const [x1, x2, x3] = [...u].map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
      return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
    };
    const point = new Float64Array(3);
    const y = new Float64Array(evaluationCount(model));
    for (let e = 0; e < y.length; e++) {
      designPoint(model, e, point);
      y[e] = ishigami(point);
    }
    const block = (b: number) => y.subarray(b * N, (b + 1) * N);
    const est = sobolIndices(block(0), block(1), [block(2), block(3), block(4)]);
    const truth = ishigamiTruth(7, 0.1);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(est.first[i]! - truth.first[i]!), `S${i + 1}`).toBeLessThan(0.03);
      expect(Math.abs(est.total[i]! - truth.total[i]!), `ST${i + 1}`).toBeLessThan(0.03);
    }
    expect(est.variance / truth.variance).toBeGreaterThan(0.97);
    expect(est.variance / truth.variance).toBeLessThan(1.03);
  });

  it("finds S = 1/3 and ST = 2/3 for two choices that reorder a ranking only together", () => {
    // Percentages on goalposts 0–100, one indicator per section; A has no answer for i3.
    //   A: 100, 25, –    B: 20, 40, 40
    // Arithmetic, missing reweighted: A 62.5, B 33.3    Minimum, reweighted: A 25, B 20
    // Arithmetic, missing as zero:    A 41.7, B 33.3    Minimum, missing as zero: A 0, B 20
    // So B is first only under (minimum, zero): with each choice drawn 50/50, A's rank is
    // Y = 1 + U·V, U and V independent Bernoulli(1/2). Var Y = 3/16; E[Y | U] is 1 or 1.5, of
    // variance 1/16, so S_U = 1/3; E[Var(Y | V)] = (1/4 + 0)/2 = 1/8, so ST_U = 2/3; V alike.
    // B's rank is 3 − A's: the pooled indices are the same.
    // Rank and band probabilities: each of the four cells has probability 1/4, so A is 2nd with
    // probability 1/4 (its 95th percentile rank is 2, its 5th and median 1) and B 1st with 1/4.
    // With bands low [0, 50) and high [50, 100], A is high only in the (arithmetic, reweighted)
    // cell, 62.5: shares (low 3/4, high 1/4); B scores at most 33.3: (1, 0).
    const framework = buildFramework({
      bands: [
        { code: "low", label: { en: "Low" }, min: 0, max: 50 },
        { code: "high", label: { en: "High" }, min: 50, max: 100 },
      ],
      nodes: [buildNode("root", null), ...["s1", "s2", "s3"].map((s) => buildNode(s, "root"))],
      indicators: [1, 2, 3].map((i) => buildIndicator(`i${i}`, `s${i}`, { type: "percentage" })),
    });
    const answers = [
      ...buildAnswers("A", "2024", { i1: 100, i2: 25 }),
      ...buildAnswers("B", "2024", { i1: 20, i2: 40, i3: 40 }),
    ];
    const cf = compileFramework(framework);
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      seed: 2024,
      draws: 40_000,
      weights: { ...DEFAULT_SETTINGS.weights, mode: "none" },
      aggregations: ["framework", "minimum"],
      missing: ["framework", "zero"],
    };
    const model = buildAnalysisModel(cf, answerColumns(cf, answers), "2024", settings);
    expect(model.factors.map((f) => f.key)).toEqual(["aggregation", "missing"]);
    const result = summariseDraws(model, [runDraws(model, 0, evaluationCount(model))]);
    const [first, missing] = result.factors;
    for (const factor of [first!, missing!]) {
      expect(Math.abs(factor.first - 1 / 3), `${factor.key} S`).toBeLessThan(0.04);
      expect(Math.abs(factor.total - 2 / 3), `${factor.key} ST`).toBeLessThan(0.04);
    }
    const [a, b] = result.entities;
    expect([a!.nominalRank, a!.medianRank, a!.p95]).toEqual([1, 1, 2]);
    expect([b!.nominalRank, b!.medianRank, b!.p5]).toEqual([2, 2, 1]);
    // Every evaluation of the design (A, B and the mixed blocks) is a draw of the two choices.
    expect(Math.abs(a!.bandShares[0]! - 3 / 4)).toBeLessThan(0.02);
    expect(Math.abs(a!.bandShares[1]! - 1 / 4)).toBeLessThan(0.02);
    expect(b!.bandShares).toEqual([1, 0]);
  });
});
