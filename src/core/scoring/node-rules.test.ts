import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
  readCell,
} from "../../../test/support/arbitraries.ts";
import { validateFramework } from "../framework/validate.ts";
import { compileFramework } from "./compile.ts";
import { scoreAnswers } from "./engine.ts";
import { resolveIndicatorRules } from "./node-rules.ts";

/*
 * Normalisation, goalposts and imputation as node data: the nearest node above an indicator that
 * sets a rule decides, and the engine scores by it. Values worked out by hand below.
 */
const framework = buildFramework({
  nodes: [
    buildNode("root", null, { normalisation: "rank" }),
    buildNode("s1", "root", { normalisation: "minmax", imputation: "mean" }),
    buildNode("s2", "root", { normalisation: "goalposts", goalposts: { min: 0, max: 50 } }),
    buildNode("s3", "root"),
  ],
  indicators: [
    buildIndicator("p1", "s1", { type: "percentage" }),
    buildIndicator("c1", "s1", { type: "checklist" }),
    buildIndicator("p2", "s2", { type: "percentage" }),
    buildIndicator("n3", "s3", { type: "number", scoring: {} }),
  ],
});
const answers = [
  ...buildAnswers("A", "2024", { p1: 20, c1: "yes", p2: 25, n3: 5 }),
  ...buildAnswers("B", "2024", { p1: 60, c1: "no", p2: 60, n3: 1 }),
  ...buildAnswers("C", "2024", { c1: "partially", p2: 10, n3: 5 }),
  ...buildAnswers("D", "2024", { p1: 40, c1: "yes", n3: 3 }),
];

describe("normalisation and imputation set on nodes", () => {
  it("takes each rule from the nearest node that sets it", () => {
    const rules = resolveIndicatorRules(framework, framework.indicators);
    expect(rules.map((r) => r.normalisation)).toEqual(["minmax", "minmax", "goalposts", "rank"]);
    expect(rules.map((r) => r.imputation)).toEqual(["mean", "mean", "none", "none"]);
    expect(rules[2]!.goalposts).toEqual({ min: 0, max: 50 });
    expect(rules[0]!.goalposts).toBeNull();
  });

  it("scores by them: min-max, the node's goalposts, percentile rank, and the mean filling a gap with coverage 0", () => {
    const table = scoreAnswers(compileFramework(framework), answers);
    const cell = (entity: string, item: string) => readCell(table, entity, "2024", item);
    // p1, min-max over 20, 60, 40; C has no answer and gets the mean, 40 → 0.5, marked by coverage 0.
    expect(["A", "B", "C", "D"].map((e) => cell(e, "p1").score)).toEqual([0, 100, 50, 50]);
    expect(cell("C", "p1").coverage).toBe(0);
    expect(cell("A", "p1").coverage).toBe(1);
    // c1 (yes 1, no 0, partially 0.5, yes 1) min-max over 0–1: unchanged.
    expect(["A", "B", "C", "D"].map((e) => cell(e, "c1").score)).toEqual([100, 0, 50, 100]);
    // p2 between the node's goalposts 0 and 50 (capped), not the percentage's own 0–100; D stays missing.
    expect(["A", "B", "C"].map((e) => cell(e, "p2").score)).toEqual([50, 100, 20]);
    expect(cell("D", "p2").score).toBeNaN();
    // n3 by percentile rank over 5, 1, 5, 3 (from the root): 5s share ranks 3 and 4 → (2 + 0.5)/3.
    expect(cell("A", "n3").score).toBeCloseTo(250 / 3, 9);
    expect(cell("B", "n3").score).toBe(0);
    expect(cell("D", "n3").score).toBeCloseTo(100 / 3, 9);
    // s1 of C: the imputed 0.5 and its 0.5, half the weight with data.
    expect(cell("C", "s1").score).toBeCloseTo(50, 9);
    expect(cell("C", "s1").coverage).toBeCloseTo(0.5, 9);
    // Root: A (0.5 + 0.5 + 0.8333)/3, B (0.5 + 1 + 0)/3, C (0.5 + 0.2 + 0.8333)/3, D (0.75 + 0.3333)/2.
    expect(cell("A", "root").score).toBeCloseTo((100 * (0.5 + 0.5 + 5 / 6)) / 3, 9);
    expect(cell("B", "root").score).toBeCloseTo(50, 9);
    expect(cell("C", "root").score).toBeCloseTo((100 * (0.5 + 0.2 + 5 / 6)) / 3, 9);
    expect(cell("D", "root").score).toBeCloseTo((100 * (0.75 + 1 / 3)) / 2, 9);
    expect(["A", "D", "C", "B"].map((e) => cell(e, "root").rank)).toEqual([1, 2, 3, 4]);
  });

  it("fills with the median when asked, and leaves a node with no data at all without a score", () => {
    const median = buildFramework({
      nodes: [buildNode("root", null), buildNode("s", "root", { imputation: "median" })],
      indicators: [buildIndicator("p", "s", { type: "percentage" })],
    });
    const table = scoreAnswers(compileFramework(median), [
      ...buildAnswers("A", "2024", { p: 10 }),
      ...buildAnswers("B", "2024", { p: 20 }),
      ...buildAnswers("C", "2024", { p: 90 }),
      { entity: "D", period: "2024", indicator: "p", value: null },
    ]);
    expect(readCell(table, "D", "2024", "p").score).toBeCloseTo(20, 9);
    // Only an imputed value under s: no data, so no score (the coverage rule still decides).
    expect(readCell(table, "D", "2024", "s").score).toBeNaN();
  });

  it("refuses node goalposts whose min is not below max, and an unknown method, naming the field", () => {
    const issues = (nodes: ReturnType<typeof buildNode>[]) => {
      const result = validateFramework({
        code: "t",
        version: "1",
        title: { en: "T" },
        defaultLanguage: "en",
        languages: ["en"],
        nodes,
        indicators: [],
      });
      return result.ok ? [] : result.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues([buildNode("root", null, { goalposts: { min: 10, max: 10 } })])).toEqual([
      "nodes.0.goalposts.min: goalposts need min < max (found min 10, max 10)",
    ]);
    const unknown = issues([buildNode("root", null, { normalisation: "logistic" as never })]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^nodes\.0\.normalisation: /);
  });
});
