import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
} from "../../../test/support/arbitraries.ts";
import { compileFramework } from "./compile.ts";
import { type Answer, scoreAnswers } from "./engine.ts";
import { toScoreRows } from "./rows.ts";
import { changeSincePrevious, regionalAverages, scoreChange, strengthsAndWeakest } from "./summary.ts";

const fw = buildFramework({
  precision: 1,
  bands: [
    { code: "low", label: { en: "Low" }, min: 0, max: 50 },
    { code: "high", label: { en: "High" }, min: 50, max: 100 },
  ],
  nodes: [buildNode("root", null)],
  indicators: [
    buildIndicator("p", "root", { type: "percentage" }),
    buildIndicator("q", "root", { type: "percentage" }),
  ],
});

// A answers in 2020 and 2022 only; B in all three years; C only q in 2021.
const answers: Answer[] = [
  ...buildAnswers("A", "2020", { p: 40, q: 60 }),
  ...buildAnswers("A", "2022", { p: 70, q: 80 }),
  ...buildAnswers("B", "2020", { p: 10, q: 20 }),
  ...buildAnswers("B", "2021", { p: 30, q: 20 }),
  ...buildAnswers("B", "2022", { p: 35.55, q: 20 }),
  ...buildAnswers("C", "2021", { q: 90 }),
];
const table = scoreAnswers(compileFramework(fw), answers);
const col = (key: string) => table.columns.findIndex((c) => c.key === key);
const width = table.columns.length;

describe("regionalAverages", () => {
  it("averages the entities that have a score, per period and column", () => {
    const all = regionalAverages(table);
    const root = col("root");
    expect(all[0 * width + root]).toBeCloseTo((50 + 15) / 2, 12);
    expect(all[1 * width + root]).toBeCloseTo((25 + 90) / 2, 12);
    expect(all[1 * width + col("p")]).toBeCloseTo(30, 12); // C has no p
    const some = regionalAverages(table, ["A", "C"]);
    expect(some[0 * width + root]).toBeCloseTo(50, 12);
    expect(some[1 * width + col("p")]).toBeNaN(); // neither A nor C has p in 2021
  });
});

describe("changeSincePrevious", () => {
  it("compares with the entity's closest earlier period that has a score", () => {
    const a = table.entities.indexOf("A");
    const b = table.entities.indexOf("B");
    const c = table.entities.indexOf("C");
    const root = col("root");
    expect(changeSincePrevious(table, 2, a, root)).toBeCloseTo(75 - 50, 12); // skips 2021
    expect(changeSincePrevious(table, 1, b, root)).toBeCloseTo(25 - 15, 12);
    expect(changeSincePrevious(table, 0, a, root)).toBeNaN();
    expect(changeSincePrevious(table, 1, c, root)).toBeNaN();
    expect(changeSincePrevious(table, 1, a, root)).toBeNaN(); // A has no 2021 score
  });
});

describe("toScoreRows", () => {
  it("lists rounded scores, bands, ranks, coverage and change for present entities only", () => {
    const rows = [...toScoreRows(table, fw)];
    // 3 periods: A in 2, B in 3, C in 1 → 6 entity-periods × 3 columns
    expect(rows).toHaveLength(18);
    expect(rows.find((r) => r.entity === "B" && r.period === "2022" && r.node === "root")).toEqual({
      entity: "B",
      period: "2022",
      node: "root",
      kind: "node",
      score: 27.8, // (35.55 + 20) / 2 = 27.775
      band: "low",
      rank: 2,
      coverage: 1,
      change: 2.8, // 27.775 − 25
      imputed: false,
      imputedCount: 0,
    });
    expect(rows.find((r) => r.entity === "C" && r.node === "p")).toEqual({
      entity: "C",
      period: "2021",
      node: "p",
      kind: "indicator",
      score: null,
      band: null,
      rank: null,
      coverage: 0,
      change: null,
      imputed: false,
      imputedCount: 0,
    });
    expect(rows.find((r) => r.entity === "C" && r.node === "root")?.coverage).toBe(0.5);
  });
});

describe("scoreChange", () => {
  it("is the difference of the scores as shown, so +4.2 reads the same in the workspace and on the portal", () => {
    // 60.46 is shown 60.5 and 56.34 is shown 56.3: the change shown is +4.2, not the unrounded 4.12 → 4.1.
    expect(scoreChange(60.46, 56.34, 1)).toBe(4.2);
    expect(scoreChange(60.5, 56.3, 1)).toBe(4.2);
    expect(scoreChange(50, null, 1)).toBeNull();
    expect(scoreChange(Number.NaN, 40, 1)).toBeNull();
    expect(scoreChange(41.25, 41.25, 1)).toBe(0);
  });
});

describe("strengthsAndWeakest", () => {
  const areas = (scores: number[]) => scores.map((score, i) => ({ label: `A${i}`, score }));

  it("takes the five highest and the five lowest (lowest first) of many areas", () => {
    const { strengths, weakest } = strengthsAndWeakest(
      areas([50, 90, 10, 70, 30, 80, 20, 60, 40, 100, 0, 55]),
      1,
    );
    expect(strengths.map((a) => a.score)).toEqual([100, 90, 80, 70, 60]);
    expect(weakest.map((a) => a.score)).toEqual([0, 10, 20, 30, 40]);
  });

  it("never names an area in both lists when there are fewer than ten", () => {
    for (let count = 0; count <= 10; count++) {
      const list = areas(Array.from({ length: count }, (_, i) => (i * 37) % 100));
      const { strengths, weakest } = strengthsAndWeakest(list, 1);
      expect(strengths.length).toBe(Math.min(5, Math.floor(count / 2)));
      expect(weakest.length).toBe(strengths.length);
      expect(strengths.filter((s) => weakest.includes(s))).toEqual([]);
      const lowestStrength = Math.min(...strengths.map((a) => a.score));
      for (const w of weakest) expect(w.score).toBeLessThanOrEqual(lowestStrength);
    }
  });

  it("ranks by the score as shown, ties by label, and leaves out areas without a score", () => {
    const list = [
      { label: "b", score: 60.04 },
      { label: "a", score: 59.96 },
      { label: "c", score: Number.NaN },
      { label: "d", score: 10 },
      { label: "e", score: 20 },
    ];
    const { strengths, weakest } = strengthsAndWeakest(list, 1);
    expect(strengths.map((a) => a.label)).toEqual(["a", "b"]);
    expect(weakest.map((a) => a.label)).toEqual(["d", "e"]);
  });
});
