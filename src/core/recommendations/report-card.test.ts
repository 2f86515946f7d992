import { describe, expect, it } from "vitest";
import { gradeTheme, pointsOf } from "./report-card.ts";

describe("report-card grades", () => {
  it("counts implemented as 1, partially as ½, anything else as 0", () => {
    expect([
      pointsOf("implemented"),
      pointsOf("partially_implemented"),
      pointsOf("regressed"),
      pointsOf(null),
    ]).toEqual([1, 0.5, 0, 0]);
  });

  it("grades at the documented thresholds", () => {
    const grade = (done: number, of: number) =>
      gradeTheme("t", [...Array(done).fill("implemented"), ...Array(of - done).fill(null)]).grade;
    expect([
      grade(8, 10),
      grade(7, 10),
      grade(6, 10),
      grade(4, 10),
      grade(2, 10),
      grade(1, 10),
      grade(0, 0),
    ]).toEqual(["A", "B", "B", "C", "D", "F", "F"]);
    expect(gradeTheme("Education", ["implemented", "partially_implemented", "regressed", null])).toEqual({
      theme: "Education",
      total: 4,
      implemented: 1,
      partiallyImplemented: 1,
      score: 0.375,
      grade: "D",
    });
  });
});
