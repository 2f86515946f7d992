import { describe, expect, it } from "vitest";
import { achievementOf, bandOf, cumulativeAchievement } from "./achievement.ts";
import { breakdownBar, checkBreakdown } from "./disaggregation.ts";
import { findLate } from "./late.ts";
import type { DisaggregationCategory, PeriodValue, ProgressIndicator, ProgressNode } from "./model.ts";
import { planProgress } from "./progress.ts";

const indicator = (over: Partial<ProgressIndicator> = {}): ProgressIndicator => ({
  id: "i1",
  nodeId: "n1",
  type: "number",
  direction: "increase",
  cumulation: "sum",
  baseline: null,
  weight: 1,
  ...over,
});
const PERIODS = ["2024", "2025", "2026"];

describe("achievement against target", () => {
  it("measures progress from the baseline towards the target", () => {
    expect(achievementOf("increase", 20, 60, 40).ratio).toBe(0.5);
    expect(achievementOf("decrease", 300, 100, 150).ratio).toBe(0.75);
    expect(achievementOf("increase", null, 80, 80)).toMatchObject({ ratio: 1, score: 1, band: "on-track" });
  });

  it("caps the score at 1 and 0 but keeps the ratio", () => {
    expect(achievementOf("increase", 0, 10, 25)).toMatchObject({ ratio: 2.5, score: 1 });
    expect(achievementOf("increase", 50, 100, 20)).toMatchObject({ score: 0, band: "off-track" });
  });

  it("says why there is no figure rather than showing zero", () => {
    expect(achievementOf("increase", 0, null, 5)).toMatchObject({
      score: null,
      missing: "no-target",
      band: "no-data",
    });
    expect(achievementOf("increase", 0, 5, null)).toMatchObject({ score: null, missing: "no-actual" });
  });

  it("bands scores as traffic lights", () => {
    expect([0.95, 0.7, 0.2, null].map(bandOf)).toEqual(["on-track", "some-progress", "off-track", "no-data"]);
  });

  it("sums counts and takes the latest level for the cumulative view", () => {
    const values: PeriodValue[] = [
      { indicatorId: "i1", period: "2024", target: 10, actual: 8 },
      { indicatorId: "i1", period: "2025", target: 10, actual: null },
      { indicatorId: "i1", period: "2026", target: 20, actual: 22 },
    ];
    expect(cumulativeAchievement(indicator(), values, PERIODS, "2026").ratio).toBe(1);
    expect(cumulativeAchievement(indicator(), values, PERIODS, "2024").ratio).toBe(0.8);
    const rate = indicator({ cumulation: "latest", type: "percentage", baseline: 10 });
    expect(cumulativeAchievement(rate, values, PERIODS, "2026").ratio).toBeCloseTo(1.2);
    expect(cumulativeAchievement({ ...rate, baseline: 40 }, values, PERIODS, "2026").missing).toBe(
      "target-against-direction",
    );
  });
});

describe("roll-up and missing data", () => {
  const nodes: ProgressNode[] = [
    { id: "goal", parentId: null, rule: "average", weight: 1 },
    { id: "o1", parentId: "goal", rule: "weighted", weight: 1 },
    { id: "o2", parentId: "goal", rule: "average", weight: 1 },
    { id: "o3", parentId: "goal", rule: "none", weight: 1 },
  ];
  const indicators = [
    indicator({ id: "a", nodeId: "o1", weight: 3 }),
    indicator({ id: "b", nodeId: "o1", weight: 1 }),
    indicator({ id: "c", nodeId: "o2" }),
    indicator({ id: "d", nodeId: "o3" }),
    indicator({ id: "n", nodeId: "o2", type: "narrative" }),
  ];
  const values: PeriodValue[] = [
    { indicatorId: "a", period: "2024", target: 10, actual: 10 },
    { indicatorId: "b", period: "2024", target: 10, actual: 2 },
    { indicatorId: "c", period: "2024", target: 10, actual: null },
    { indicatorId: "d", period: "2024", target: 10, actual: 10 },
  ];

  it("weights, averages, skips `none` nodes and reports what is missing", () => {
    const progress = planProgress(nodes, indicators, values, PERIODS, "2024");
    expect(progress.nodes.get("o1")!.score).toBeCloseTo((3 * 1 + 1 * 0.2) / 4);
    expect(progress.nodes.get("o2")).toMatchObject({
      score: null,
      band: "no-data",
      indicators: 1,
      measured: 0,
      missing: ["c"],
    });
    expect(progress.nodes.get("o3")!.score).toBeNull();
    // goal averages o1 only: o2 has no data and o3 does not roll up.
    expect(progress.nodes.get("goal")).toMatchObject({ indicators: 4, measured: 3, missing: ["c"] });
    expect(progress.nodes.get("goal")!.score).toBeCloseTo(0.8);
  });
});

describe("disaggregation and lateness", () => {
  const sex: DisaggregationCategory = {
    key: "sex",
    name: { en: "Sex" },
    values: [
      { key: "girls", name: { en: "Girls" } },
      { key: "boys", name: { en: "Boys" } },
    ],
  };

  it("checks that a full breakdown adds up to the total", () => {
    expect(checkBreakdown("number", 100, { sex: { girls: 60, boys: 40 } }, [sex])).toEqual([]);
    expect(checkBreakdown("number", 100, { sex: { girls: 60, boys: 30 } }, [sex])[0]!.message).toMatch(
      /adds up to 90, not the total 100/,
    );
    expect(checkBreakdown("number", 100, { sex: { girls: 60 } }, [sex])).toEqual([]);
    expect(checkBreakdown("number", 100, { age: { a: 1 } }, [sex])[0]!.message).toMatch(
      /not a disaggregation/,
    );
    expect(checkBreakdown("percentage", 50, { sex: { girls: 60, boys: 40 } }, [sex])).toEqual([]);
  });

  it("draws a breakdown in the category's order and shows a gap to the total", () => {
    expect(breakdownBar("number", 100, { sex: { boys: 40, girls: 60 } }, sex)).toEqual({
      parts: [
        { key: "girls", value: 60 },
        { key: "boys", value: 40 },
      ],
      sum: 100,
      total: 100,
      isComplete: true,
      gap: 0,
    });
    const partial = breakdownBar("number", 100, { sex: { girls: 60 } }, sex)!;
    expect([partial.isComplete, partial.gap, partial.parts[1]!.value]).toEqual([false, 40, null]);
    expect(breakdownBar("number", 100, { sex: { girls: 70, boys: 40 } }, sex)!.gap).toBe(-10);
    expect(breakdownBar("number", 1000, { sex: { girls: 600, boys: 402 } }, sex)!.gap).toBe(0);
    expect(breakdownBar("number", null, { sex: { girls: 1, boys: 2 } }, sex)!.gap).toBeNull();
    expect(breakdownBar("percentage", 50, { sex: { girls: 60, boys: 40 } }, sex)!.gap).toBeNull();
    expect(breakdownBar("number", 100, null, sex)).toBeNull();
    expect(breakdownBar("number", 100, { age: { a: 1 } }, sex)).toBeNull();
  });

  it("lists the actuals of ended periods that have a target but no value", () => {
    const periods = PERIODS.map((key) => ({
      key,
      label: key,
      startsOn: `${key}-01-01`,
      endsOn: `${key}-12-31`,
    }));
    const values: PeriodValue[] = [
      { indicatorId: "i1", period: "2024", target: 5, actual: 5 },
      { indicatorId: "i1", period: "2025", target: 5, actual: null },
      { indicatorId: "i1", period: "2026", target: 5, actual: null },
    ];
    expect(findLate([indicator()], periods, values, "2026-03-01")).toEqual([
      { indicatorId: "i1", period: "2025" },
    ]);
  });
});
