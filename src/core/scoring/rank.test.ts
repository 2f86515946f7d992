import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
  readCell,
} from "../../../test/support/arbitraries.ts";
import type { Band } from "../framework/model.ts";
import { compileFramework } from "./compile.ts";
import { type Answer, scoreAnswers } from "./engine.ts";
import { findBand, roundTo } from "./rank.ts";

const BANDS: Band[] = [
  { code: "low", label: { en: "Low" }, min: 0, max: 50 },
  { code: "mid", label: { en: "Mid" }, min: 50, max: 80 },
  { code: "high", label: { en: "High" }, min: 80, max: 100 },
];

/** One percentage indicator `p` straight under the root, so the root scores the value itself. */
function scoreValues(values: Record<string, number>, precision: number) {
  const fw = buildFramework({
    precision,
    bands: BANDS,
    nodes: [buildNode("root", null)],
    indicators: [buildIndicator("p", "root", { type: "percentage" })],
  });
  const answers: Answer[] = Object.entries(values).flatMap(([entity, p]) =>
    buildAnswers(entity, "2024", { p }),
  );
  return scoreAnswers(compileFramework(fw), answers);
}

describe("roundTo", () => {
  it("rounds half away from zero on the exact decimal value", () => {
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(roundTo(2.5, 0)).toBe(3);
    // 2.675 and 1.005 are stored just below the tie
    expect(roundTo(2.675, 2)).toBe(2.67);
    expect(roundTo(1.005, 2)).toBe(1);
    expect(roundTo(80.44999, 1)).toBe(80.4);
    expect(roundTo(0.7014999, 3)).toBe(0.701);
  });
});

describe("competition ranks", () => {
  it("ranks 1, 2, 2, 4 on scores rounded to the published precision", () => {
    // 80.4 and 79.6 both round to 80 at precision 0
    const table = scoreValues({ A: 90, B: 80.4, C: 79.6, D: 70 }, 0);
    expect(["A", "B", "C", "D"].map((e) => readCell(table, e, "2024", "root").rank)).toEqual([1, 2, 2, 4]);
    // at precision 1 they differ
    const finer = scoreValues({ A: 90, B: 80.4, C: 79.6, D: 70 }, 1);
    expect(["A", "B", "C", "D"].map((e) => readCell(finer, e, "2024", "root").rank)).toEqual([1, 2, 3, 4]);
  });

  it("leaves indicators and cells without a score unranked", () => {
    const fw = buildFramework({
      nodes: [buildNode("root", null, { minCoverage: 1 })],
      indicators: [
        buildIndicator("p", "root", { type: "percentage" }),
        buildIndicator("q", "root", { type: "percentage" }),
      ],
    });
    const table = scoreAnswers(compileFramework(fw), [
      ...buildAnswers("A", "1", { p: 10, q: 10 }),
      ...buildAnswers("B", "1", { p: 90 }),
    ]);
    expect(readCell(table, "A", "1", "root").rank).toBe(1);
    expect(readCell(table, "B", "1", "root").rank).toBe(0);
    expect(readCell(table, "B", "1", "p").rank).toBe(0);
  });
});

describe("bands", () => {
  it("uses min inclusive, max exclusive, and includes the maximum in the top band", () => {
    expect(findBand(BANDS, 0)).toBe(0);
    expect(findBand(BANDS, 49.9)).toBe(0);
    expect(findBand(BANDS, 50)).toBe(1);
    expect(findBand(BANDS, 79.9)).toBe(1);
    expect(findBand(BANDS, 80)).toBe(2);
    expect(findBand(BANDS, 100)).toBe(2);
    expect(findBand(BANDS, 100.1)).toBe(-1);
    expect(findBand(BANDS, -0.1)).toBe(-1);
    expect(findBand([...BANDS].reverse(), 100)).toBe(0);
  });

  it("assigns bands from the rounded score", () => {
    const table = scoreValues({ A: 49.96, B: 49.94, C: 100, D: 0 }, 1);
    const band = (e: string) => readCell(table, e, "2024", "root").band;
    expect(band("A")).toBe(1); // 49.96 is published as 50.0
    expect(band("B")).toBe(0);
    expect(band("C")).toBe(2);
    expect(band("D")).toBe(0);
  });
});
