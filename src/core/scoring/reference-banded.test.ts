import fc from "fast-check";
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
 * The "distance to a reference" and "banded" normalisations, and the "previous cycle" and
 * "group mean" imputations, as node data. Every expected value is worked out by hand in the
 * comments; the properties check the same rules on random values.
 */

describe("distance to a reference", () => {
  const fw = buildFramework({
    nodes: [
      buildNode("root", null),
      // A target of 80 for the percentages below; n2 (lower is better) against country B's value.
      buildNode("target", "root", { normalisation: "distance", reference: 80 }),
      buildNode("country", "root", { normalisation: "distance", reference: "B" }),
      buildNode("inner", "country"),
    ],
    indicators: [
      buildIndicator("p1", "target", { type: "percentage" }),
      buildIndicator("n2", "inner", { type: "number", scoring: { direction: "lower" } }),
      buildIndicator("n3", "country", { type: "number", scoring: { log: true } }),
    ],
  });
  const answers = [
    ...buildAnswers("A", "2024", { p1: 40, n2: 10, n3: 50 }),
    ...buildAnswers("B", "2024", { p1: 100, n2: 20, n3: 100 }),
    ...buildAnswers("C", "2024", { p1: 80, n2: 40, n3: 200 }),
    ...buildAnswers("A", "2025", { p1: 60, n2: 5, n3: 10 }),
    ...buildAnswers("C", "2025", { p1: 0 }),
  ];
  const table = scoreAnswers(compileFramework(fw), answers);
  const score = (e: string, period: string, item: string) => readCell(table, e, period, item).score;

  it("inherits the reference with the method from the node that sets it", () => {
    const rules = resolveIndicatorRules(fw, fw.indicators);
    expect(rules.map((r) => r.normalisation)).toEqual(["distance", "distance", "distance"]);
    expect(rules.map((r) => r.reference)).toEqual([80, "B", "B"]);
  });

  it("divides by a target, capped at 1", () => {
    // 40/80 = 0.5, 100/80 capped to 1, 80/80 = 1; 2025: 60/80 = 0.75, 0/80 = 0.
    expect(["A", "B", "C"].map((e) => score(e, "2024", "p1"))).toEqual([50, 100, 100]);
    expect(score("A", "2025", "p1")).toBeCloseTo(75, 12);
    expect(score("C", "2025", "p1")).toBe(0);
  });

  it("takes a country's value in the same period as the reference; lower is better divides the other way", () => {
    // n2, lower is better, reference B = 20: A 10 ≤ 20 → 1; B → 1; C 20/40 = 0.5.
    expect(["A", "B", "C"].map((e) => score(e, "2024", "n2"))).toEqual([100, 100, 50]);
    // n3 with a log transform is compared in its own units: 50/100, 100/100, 200/100 capped.
    expect(score("A", "2024", "n3")).toBeCloseTo(50, 9);
    expect(score("B", "2024", "n3")).toBeCloseTo(100, 9);
    expect(score("C", "2024", "n3")).toBe(100);
  });

  it("gives no score, and no coverage, in a period where the reference country has no value", () => {
    // B has no answers in 2025: A's n2 has no reference, so no score; it is not data either.
    expect(score("A", "2025", "n2")).toBeNaN();
    expect(readCell(table, "A", "2025", "n2").coverage).toBe(0);
    expect(readCell(table, "A", "2025", "n2").imputed).toBe(false);
  });

  it("is the capped ratio for any value and target (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.boolean(),
        (value, target, lower) => {
          const one = buildFramework({
            nodes: [buildNode("root", null, { normalisation: "distance", reference: target })],
            indicators: [
              buildIndicator("x", "root", {
                type: "number",
                scoring: { direction: lower ? "lower" : "higher" },
              }),
            ],
          });
          const t = scoreAnswers(compileFramework(one), buildAnswers("A", "1", { x: value }));
          const got = readCell(t, "A", "1", "x").score / 100;
          const expected = lower ? (value <= target ? 1 : target / value) : Math.min(1, value / target);
          expect(got).toBeCloseTo(expected, 12);
          expect(got).toBeGreaterThanOrEqual(0);
          expect(got).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("banded", () => {
  const thresholds = [
    { from: 0, score: 0 },
    { from: 25, score: 0.5 },
    { from: 75, score: 1 },
  ];
  const fw = buildFramework({
    nodes: [
      buildNode("root", null, { normalisation: "banded", thresholds }),
      buildNode("s", "root"),
      // Lower is better is written in the scores themselves: few cases score well.
      buildNode("low", "root", {
        normalisation: "banded",
        thresholds: [
          { from: 0, score: 1 },
          { from: 10, score: 0.25 },
        ],
      }),
    ],
    indicators: [
      buildIndicator("p", "s", { type: "percentage" }),
      buildIndicator("c", "s", { type: "checklist" }),
      buildIndicator("n", "low", { type: "number", scoring: { direction: "lower" } }),
    ],
  });
  const table = scoreAnswers(compileFramework(fw), [
    ...buildAnswers("A", "2024", { p: 10, c: "yes", n: 3 }),
    ...buildAnswers("B", "2024", { p: 25, c: "partially", n: 10 }),
    ...buildAnswers("C", "2024", { p: 74.9, c: "no", n: 50 }),
    ...buildAnswers("D", "2024", { p: 90, c: "yes", n: -1 }),
  ]);
  const score = (e: string, item: string) => readCell(table, e, "2024", item).score;

  it("scores each value by the band it falls in, the lowest band taking what is below it", () => {
    // p: 10 → [0, 25) 0; 25 → [25, 75) 0.5; 74.9 → 0.5; 90 → [75, …) 1.
    expect(["A", "B", "C", "D"].map((e) => score(e, "p"))).toEqual([0, 50, 50, 100]);
    // c on its 0–1 score: yes 1 → 0 (below 25), partially 0.5 → 0, no 0 → 0: the bands are in the indicator's units.
    expect(["A", "B", "C", "D"].map((e) => score(e, "c"))).toEqual([0, 0, 0, 0]);
    // n by the nearer node's bands: 3 → 1; 10 → 0.25; 50 → 0.25; -1 (below every band) → the lowest band's 1.
    expect(["A", "B", "C", "D"].map((e) => score(e, "n"))).toEqual([100, 25, 25, 100]);
    // Root of B: s = (0.5 + 0)/2 = 0.25, low = 0.25 → 25.
    expect(score("B", "root")).toBeCloseTo(25, 12);
  });

  it("gives every value the score of the last threshold at or below it (property)", () => {
    fc.assert(
      // The thresholds themselves are drawn often: a band starts at its `from`, inclusive.
      fc.property(
        fc.oneof(fc.constantFrom(0, 25, 75), fc.double({ min: -50, max: 150, noNaN: true })),
        (value) => {
          const t = scoreAnswers(compileFramework(fw), buildAnswers("A", "1", { p: value }));
          const expected = value >= 75 ? 1 : value >= 25 ? 0.5 : 0;
          expect(readCell(t, "A", "1", "p").score).toBe(expected * 100);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("imputation from the previous cycle and from the group mean", () => {
  const fw = buildFramework({
    nodes: [
      buildNode("root", null),
      buildNode("prev", "root", { imputation: "previous" }),
      buildNode("group", "root", { imputation: "group" }),
    ],
    indicators: [
      buildIndicator("p", "prev", { type: "percentage" }),
      buildIndicator("c", "prev", { type: "checklist" }),
      buildIndicator("g", "group", { type: "percentage" }),
    ],
    groups: [
      { code: "north", members: ["A", "B"] },
      { code: "south", members: ["C", "D"] },
    ],
  });
  const table = scoreAnswers(compileFramework(fw), [
    ...buildAnswers("A", "2022", { p: 30, c: "yes", g: 10 }),
    ...buildAnswers("A", "2023", { c: "na", g: 20 }),
    ...buildAnswers("A", "2024", { g: 30 }),
    ...buildAnswers("B", "2024", { p: 50, c: "no" }),
    ...buildAnswers("C", "2024", { p: 70, g: 60 }),
    ...buildAnswers("D", "2024", { p: 10, g: 90 }),
    ...buildAnswers("E", "2024", { p: 10 }),
  ]);
  const cell = (e: string, period: string, item: string) => readCell(table, e, period, item);

  it("carries the country's latest earlier value forward, marked as imputed, with coverage 0", () => {
    // A's p: 30 in 2022, nothing in 2023 or 2024 → 30 in both, marked.
    expect(cell("A", "2023", "p")).toMatchObject({ score: 30, coverage: 0, imputed: true });
    expect(cell("A", "2024", "p")).toMatchObject({ score: 30, coverage: 0, imputed: true });
    expect(cell("A", "2022", "p")).toMatchObject({ score: 30, coverage: 1, imputed: false });
    // A's c was "not applicable" in 2023: that is not carried, and an older "yes" behind it is not either.
    expect(cell("A", "2024", "c").score).toBeNaN();
    expect(cell("A", "2024", "c").imputed).toBe(false);
    // B has no earlier cycle: nothing to carry.
    expect(cell("B", "2024", "p").imputed).toBe(false);
    expect(cell("C", "2024", "c").score).toBeNaN();
  });

  it("fills with the mean of the country's group in the period, and leaves a country without a group alone", () => {
    // B (north) has no g in 2024: north's values are A's 30 → 30.
    expect(cell("B", "2024", "g")).toMatchObject({ score: 30, coverage: 0, imputed: true });
    // E is in no group: no value.
    expect(cell("E", "2024", "g").score).toBeNaN();
    expect(cell("E", "2024", "g").imputed).toBe(false);
    // Answered values are never replaced: C keeps 60, D 90 (south's mean would be 75).
    expect(cell("C", "2024", "g")).toMatchObject({ score: 60, imputed: false });
    // In 2022, A alone: B is absent that year.
    expect(cell("A", "2022", "g").score).toBe(10);
  });

  it("counts an imputed value in a node's score but not in its coverage", () => {
    // A in 2024: prev = p 30 (imputed) with c missing → 0.3, coverage 0 → no score (no data at all).
    expect(cell("A", "2024", "prev").score).toBeNaN();
    // B in 2024: group = g imputed only → no data → no score; root = prev (0.5 + 0)/2 = 0.25 alone.
    expect(cell("B", "2024", "group").score).toBeNaN();
    expect(cell("B", "2024", "root").score).toBeCloseTo(25, 12);
    // C in 2024: prev = p 0.7 (c missing, reweighted), coverage 0.5; group 0.6 → root 0.65.
    expect(cell("C", "2024", "prev").coverage).toBeCloseTo(0.5, 12);
    expect(cell("C", "2024", "root").score).toBeCloseTo(65, 12);
  });
});

describe("validation of the new rules", () => {
  const issues = (extra: Record<string, unknown>, nodeExtra: Record<string, unknown>) => {
    const result = validateFramework({
      code: "t",
      version: "1",
      title: { en: "T" },
      defaultLanguage: "en",
      languages: ["en"],
      nodes: [buildNode("root", null, nodeExtra as never)],
      indicators: [],
      ...extra,
    });
    return result.ok ? [] : result.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("names what a distance, a banding or a group imputation lacks", () => {
    expect(issues({}, { normalisation: "distance" })).toEqual([
      "nodes.0.reference: the distance normalisation needs a reference: a target above zero or a country code",
    ]);
    expect(issues({}, { normalisation: "distance", reference: 0 })).toEqual([
      "nodes.0.reference: a reference target must be above zero (found 0)",
    ]);
    expect(issues({}, { normalisation: "banded" })).toEqual([
      "nodes.0.thresholds: the banded normalisation needs thresholds (from and score of each band)",
    ]);
    expect(
      issues(
        {},
        {
          normalisation: "banded",
          thresholds: [
            { from: 5, score: 0 },
            { from: 5, score: 1 },
          ],
        },
      ),
    ).toEqual(['nodes.0.thresholds.1.from: thresholds need increasing "from" values (found 5 then 5)']);
    expect(issues({}, { reference: 10 })).toEqual([
      "nodes.0.reference: a reference is only used with the distance normalisation on the same node",
    ]);
    expect(issues({}, { imputation: "group" })).toEqual([
      "nodes.0.imputation: the group imputation needs the framework's groups of countries",
    ]);
    expect(
      issues(
        {
          groups: [
            { code: "a", members: ["FR"] },
            { code: "b", members: ["FR"] },
          ],
        },
        {},
      ),
    ).toEqual(['groups.1.members.0: country "FR" is in two groups; a country belongs to one group at most']);
  });
});
