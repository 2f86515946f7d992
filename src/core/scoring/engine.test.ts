import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
  readCell,
} from "../../../test/support/arbitraries.ts";
import type { FrameworkInput } from "../framework/model.ts";
import { compileFramework } from "./compile.ts";
import { type Answer, scoreAnswers, sortPeriods } from "./engine.ts";

/** Scores `answers` on a framework built from `parts` (scale 100, precision 1 unless given). */
function scoreWith(
  parts: Pick<FrameworkInput, "nodes" | "indicators"> & Partial<FrameworkInput>,
  answers: Answer[],
) {
  return scoreAnswers(compileFramework(buildFramework(parts)), answers);
}

/** One node under the root holding the given indicators; the root has weight rules of its own. */
function singleNode(
  indicators: FrameworkInput["indicators"],
  node: Partial<FrameworkInput["nodes"][number]> = {},
) {
  return { nodes: [buildNode("root", null, node)], indicators };
}

describe("scoreAnswers: aggregation", () => {
  // root (arithmetic) ← s1 (weight 2: c1 w1, c2 w3) and s2 (weight 1: p1)
  const tree = {
    nodes: [buildNode("root", null), buildNode("s1", "root", { weight: 2 }), buildNode("s2", "root")],
    indicators: [
      buildIndicator("c1", "s1", { type: "checklist", classifications: { dimension: ["services"] } }),
      buildIndicator("c2", "s1", { type: "checklist", weight: 3, classifications: { dimension: ["laws"] } }),
      buildIndicator("p1", "s2", { type: "percentage", classifications: { dimension: ["services"] } }),
    ],
    classifications: [
      {
        code: "dimension",
        label: { en: "Dimension" },
        values: ["services", "laws", "budget"].map((code) => ({ code, label: { en: code } })),
      },
    ],
  } satisfies Pick<FrameworkInput, "nodes" | "indicators"> & Partial<FrameworkInput>;

  it("takes weighted arithmetic means up the tree", () => {
    const table = scoreWith(tree, buildAnswers("MD", "2024", { c1: "yes", c2: "partially", p1: 40 }));
    // s1 = (1×1 + 3×0.5) / 4 = 0.625; root = (2×0.625 + 1×0.4) / 3 = 0.55
    expect(readCell(table, "MD", "2024", "s1").score).toBeCloseTo(62.5, 12);
    expect(readCell(table, "MD", "2024", "s2").score).toBeCloseTo(40, 12);
    expect(readCell(table, "MD", "2024", "root").score).toBeCloseTo(55, 12);
    expect(readCell(table, "MD", "2024", "c2").score).toBe(50);
  });

  it("scores a classification value as the tree restricted to its indicators", () => {
    const table = scoreWith(tree, buildAnswers("MD", "2024", { c1: "yes", c2: "partially", p1: 40 }));
    // services: s1 = c1 = 1, s2 = p1 = 0.4, root = (2×1 + 0.4) / 3 = 0.8
    expect(readCell(table, "MD", "2024", "dimension:services").score).toBeCloseTo(80, 12);
    // laws: only c2 under s1, s2 left out: root = 0.5
    expect(readCell(table, "MD", "2024", "dimension:laws").score).toBeCloseTo(50, 12);
    // budget has no indicators: no score and no coverage
    const budget = readCell(table, "MD", "2024", "dimension:budget");
    expect(budget.score).toBeNaN();
    expect(budget.coverage).toBeNaN();
    expect(table.columns.filter((c) => c.kind === "classification").map((c) => c.key)).toEqual([
      "dimension:services",
      "dimension:laws",
      "dimension:budget",
    ]);
  });

  it("reports coverage as the weighted share of indicators with data", () => {
    const table = scoreWith(tree, buildAnswers("MD", "2024", { c1: "yes", c2: null, p1: 40 }));
    expect(readCell(table, "MD", "2024", "s1").coverage).toBe(0.25);
    // (2×0.25 + 1×1) / 3
    expect(readCell(table, "MD", "2024", "root").coverage).toBeCloseTo(0.5, 12);
    expect(readCell(table, "MD", "2024", "c2").coverage).toBe(0);
    expect(readCell(table, "MD", "2024", "c1").coverage).toBe(1);
    // reweight: s1 = c1 alone
    expect(readCell(table, "MD", "2024", "s1").score).toBe(100);
  });

  it("takes weighted geometric means, and 0 when a child scores 0", () => {
    const indicators = [
      buildIndicator("a", "root", { type: "percentage", weight: 2 }),
      buildIndicator("b", "root", { type: "percentage" }),
    ];
    const table = scoreWith(singleNode(indicators, { aggregation: "geometric" }), [
      ...buildAnswers("X", "1", { a: 25, b: 100 }),
      ...buildAnswers("Y", "1", { a: 0, b: 100 }),
    ]);
    // 0.25^(2/3) × 1^(1/3)
    expect(readCell(table, "X", "1", "root").score).toBeCloseTo(100 * 0.25 ** (2 / 3), 10);
    expect(readCell(table, "Y", "1", "root").score).toBe(0);
  });

  it("reweights missing children or counts them as 0, by the node's missing policy", () => {
    const indicators = [
      buildIndicator("a", "root", { type: "percentage" }),
      buildIndicator("b", "root", { type: "percentage" }),
    ];
    const answers = buildAnswers("X", "1", { a: 80, b: null });
    const reweight = scoreWith(singleNode(indicators, { missing: "reweight" }), answers);
    const zero = scoreWith(singleNode(indicators, { missing: "zero" }), answers);
    expect(readCell(reweight, "X", "1", "root").score).toBeCloseTo(80, 12);
    expect(readCell(zero, "X", "1", "root").score).toBeCloseTo(40, 12);
    expect(readCell(reweight, "X", "1", "root").coverage).toBe(0.5);
    expect(readCell(zero, "X", "1", "root").coverage).toBe(0.5);
    const geometricZero = scoreWith(
      singleNode(indicators, { missing: "zero", aggregation: "geometric" }),
      answers,
    );
    expect(readCell(geometricZero, "X", "1", "root").score).toBe(0);
  });

  it("gives no score below minCoverage (inclusive bound) but still reports coverage", () => {
    const indicators = [
      buildIndicator("a", "root", { type: "percentage" }),
      buildIndicator("b", "root", { type: "percentage" }),
    ];
    const answers = buildAnswers("X", "1", { a: 80 });
    const strict = readCell(
      scoreWith(singleNode(indicators, { minCoverage: 0.6 }), answers),
      "X",
      "1",
      "root",
    );
    expect(strict.score).toBeNaN();
    expect(strict.coverage).toBe(0.5);
    const atBound = readCell(
      scoreWith(singleNode(indicators, { minCoverage: 0.5 }), answers),
      "X",
      "1",
      "root",
    );
    expect(atBound.score).toBeCloseTo(80, 12);
  });

  it("leaves out children of weight 0 and nodes whose children all have weight 0", () => {
    const fw = {
      nodes: [buildNode("root", null), buildNode("empty", "root", { weight: 3 })],
      indicators: [
        buildIndicator("a", "root", { type: "percentage" }),
        buildIndicator("z", "empty", { type: "percentage", weight: 0 }),
      ],
    };
    const table = scoreWith(fw, buildAnswers("X", "1", { a: 30, z: 100 }));
    expect(readCell(table, "X", "1", "root").score).toBeCloseTo(30, 12);
    expect(readCell(table, "X", "1", "root").coverage).toBe(1);
    expect(readCell(table, "X", "1", "empty").score).toBeNaN();
    expect(readCell(table, "X", "1", "empty").coverage).toBeNaN();
    expect(readCell(table, "X", "1", "z").score).toBe(100);
  });
});

describe("scoreAnswers: answer types", () => {
  it("scores checklist answers with default and custom values, ignoring case and spaces", () => {
    const fw = singleNode([
      buildIndicator("d", "root", { type: "checklist" }),
      buildIndicator("c", "root", { type: "checklist", scoring: { yes: 0.9, partially: 0.7, no: 0.2 } }),
    ]);
    const table = scoreWith(fw, [
      ...buildAnswers("X", "1", { d: " Partially ", c: "partially" }),
      ...buildAnswers("Y", "1", { d: "NO", c: "no" }),
      ...buildAnswers("Z", "1", { d: "yes", c: "Yes" }),
    ]);
    expect(readCell(table, "X", "1", "d").score).toBe(50);
    expect(readCell(table, "X", "1", "c").score).toBeCloseTo(70, 12);
    expect(readCell(table, "Y", "1", "d").score).toBe(0);
    expect(readCell(table, "Y", "1", "c").score).toBeCloseTo(20, 12);
    expect(readCell(table, "Z", "1", "c").score).toBeCloseTo(90, 12);
    expect(table.skipped).toEqual([]);
  });

  it("excludes checklist 'na' answers from the weights (not a missing value)", () => {
    const fw = singleNode([
      buildIndicator("a", "root", { type: "checklist" }),
      buildIndicator("b", "root", { type: "checklist", weight: 5 }),
    ]);
    const table = scoreWith(fw, buildAnswers("X", "1", { a: "yes", b: " NA" }));
    expect(readCell(table, "X", "1", "root").score).toBe(100);
    expect(readCell(table, "X", "1", "root").coverage).toBe(1);
    expect(readCell(table, "X", "1", "b").score).toBeNaN();
    expect(readCell(table, "X", "1", "b").coverage).toBeNaN();
    // Under the zero policy "na" still does not count as 0.
    const zero = scoreWith(
      { ...fw, nodes: [buildNode("root", null, { missing: "zero" })] },
      buildAnswers("X", "1", { a: "yes", b: "na" }),
    );
    expect(readCell(zero, "X", "1", "root").score).toBe(100);
  });

  it("normalises numbers between fixed goalposts, either direction, capped or not", () => {
    const num = (code: string, scoring: object) =>
      buildIndicator(code, "root", { type: "number", scoring: { min: 0, max: 200, ...scoring } });
    const fw = singleNode([
      num("up", {}),
      num("down", { direction: "lower" }),
      num("capped", {}),
      num("free", { cap: false }),
      num("freeLow", { cap: false }),
    ]);
    const table = scoreWith(
      fw,
      buildAnswers("X", "1", { up: 50, down: 50, capped: 250, free: 250, freeLow: -20 }),
    );
    expect(readCell(table, "X", "1", "up").score).toBe(25);
    expect(readCell(table, "X", "1", "down").score).toBe(75);
    expect(readCell(table, "X", "1", "capped").score).toBe(100);
    expect(readCell(table, "X", "1", "free").score).toBe(125);
    expect(readCell(table, "X", "1", "freeLow").score).toBe(-10);
  });

  it("applies a log transform to values and fixed goalposts", () => {
    const fw = singleNode([
      buildIndicator("gni", "root", { type: "number", scoring: { min: 100, max: 10000, log: true } }),
    ]);
    const table = scoreWith(fw, [
      ...buildAnswers("X", "1", { gni: 1000 }),
      ...buildAnswers("Y", "1", { gni: 0 }),
    ]);
    // (ln 1000 − ln 100) / (ln 10000 − ln 100) = 0.5
    expect(readCell(table, "X", "1", "gni").score).toBeCloseTo(50, 10);
    expect(readCell(table, "Y", "1", "gni").score).toBeNaN();
    expect(table.skipped.map((s) => s.reason)).toEqual(["not a valid number answer"]);
  });

  it("takes 'data' goalposts from the period's minimum and maximum", () => {
    const fw = singleNode([
      buildIndicator("up", "root", { type: "number", scoring: { min: "data", max: "data" } }),
      buildIndicator("down", "root", {
        type: "number",
        scoring: { min: "data", max: "data", direction: "lower" },
      }),
    ]);
    const answers = [
      ...buildAnswers("A", "2023", { up: 10, down: 10 }),
      ...buildAnswers("B", "2023", { up: 20, down: 20 }),
      ...buildAnswers("C", "2023", { up: 40, down: 40 }),
      // another period has its own goalposts
      ...buildAnswers("A", "2024", { up: 40, down: 40 }),
      ...buildAnswers("B", "2024", { up: 100, down: 100 }),
    ];
    const table = scoreWith(fw, answers);
    expect(readCell(table, "A", "2023", "up").score).toBe(0);
    expect(readCell(table, "B", "2023", "up").score).toBeCloseTo(100 / 3, 12);
    expect(readCell(table, "C", "2023", "up").score).toBe(100);
    expect(readCell(table, "A", "2023", "down").score).toBe(100);
    expect(readCell(table, "C", "2023", "down").score).toBe(0);
    expect(readCell(table, "A", "2024", "up").score).toBe(0);
    expect(readCell(table, "B", "2024", "up").score).toBe(100);
  });

  it("gives 1 to every entity when they all tie on a data goalpost, in either direction", () => {
    const fw = singleNode([
      buildIndicator("up", "root", { type: "number", scoring: { min: "data", max: "data" } }),
      buildIndicator("down", "root", {
        type: "number",
        scoring: { min: "data", max: "data", direction: "lower" },
      }),
    ]);
    const table = scoreWith(fw, [
      ...buildAnswers("A", "1", { up: 7, down: 7 }),
      ...buildAnswers("B", "1", { up: 7, down: 7 }),
    ]);
    expect(readCell(table, "A", "1", "up").score).toBe(100);
    expect(readCell(table, "B", "1", "down").score).toBe(100);
  });

  it("never lets a data goalpost cross a fixed one", () => {
    const fw = singleNode([
      buildIndicator("floor", "root", { type: "number", scoring: { min: 9, max: "data", cap: false } }),
      buildIndicator("ceiling", "root", {
        type: "number",
        scoring: { min: "data", max: 50, direction: "lower" },
      }),
    ]);
    // Everyone is below the floor of 9 and above the ceiling of 50 (lower is better): all score 0.
    const table = scoreWith(fw, [
      ...buildAnswers("A", "1", { floor: 2, ceiling: 60 }),
      ...buildAnswers("B", "1", { floor: 5, ceiling: 80 }),
    ]);
    expect(readCell(table, "A", "1", "floor").score).toBe(0);
    expect(readCell(table, "B", "1", "floor").score).toBe(0);
    expect(readCell(table, "A", "1", "ceiling").score).toBe(0);
    expect(readCell(table, "B", "1", "ceiling").score).toBe(0);
  });

  it("scores percentages between 0 and 100 by default, and scale choices by their score", () => {
    const fw = singleNode([
      buildIndicator("p", "root", { type: "percentage" }),
      buildIndicator("s", "root", {
        type: "scale",
        scoring: {
          choices: [
            { code: "low", label: { en: "Low" }, score: 0 },
            { code: "mid", label: { en: "Mid" }, score: 0.6 },
            { code: "high", label: { en: "High" }, score: 1 },
          ],
        },
      }),
    ]);
    const table = scoreWith(fw, [
      ...buildAnswers("X", "1", { p: "37.5", s: "mid" }),
      ...buildAnswers("Y", "1", { p: 120, s: "huge" }),
    ]);
    expect(readCell(table, "X", "1", "p").score).toBe(37.5);
    expect(readCell(table, "X", "1", "s").score).toBeCloseTo(60, 12);
    expect(readCell(table, "Y", "1", "p").score).toBe(100);
    expect(table.skipped).toEqual([
      {
        answer: { entity: "Y", period: "1", indicator: "s", value: "huge" },
        reason: "not a valid scale answer",
      },
    ]);
  });

  it("reports unknown indicators and invalid answers in skipped, and scores the rest", () => {
    const fw = singleNode([
      buildIndicator("a", "root", { type: "checklist" }),
      buildIndicator("n", "root", { type: "percentage" }),
    ]);
    const answers = buildAnswers("X", "1", { a: "maybe", n: "many", ghost: "yes" });
    answers.push(...buildAnswers("X", "1", { n: 10 }));
    const table = scoreWith(fw, answers);
    expect(table.skipped).toEqual([
      { answer: answers[0], reason: "not a valid checklist answer" },
      { answer: answers[1], reason: "not a valid percentage answer" },
      { answer: answers[2], reason: 'unknown indicator "ghost"' },
    ]);
    expect(readCell(table, "X", "1", "root").score).toBe(10);
  });

  it("lists entities sorted and periods in numeric order, marking who answered when", () => {
    const fw = singleNode([buildIndicator("p", "root", { type: "percentage" })]);
    const table = scoreWith(fw, [
      ...buildAnswers("ZW", "2024", { p: 1 }),
      ...buildAnswers("AL", "999", { p: 1 }),
      ...buildAnswers("AL", "2024", { p: 1 }),
    ]);
    expect(table.entities).toEqual(["AL", "ZW"]);
    expect(table.periods).toEqual(["999", "2024"]);
    expect([...table.present]).toEqual([1, 0, 1, 1]);
    expect(sortPeriods(["2024-b", "2024-a", "10"])).toEqual(["10", "2024-a", "2024-b"]);
  });
});
