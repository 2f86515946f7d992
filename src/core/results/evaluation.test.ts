import { describe, expect, it } from "vitest";
import { DEFAULT_EVALUATION_SCALE, ratingShare } from "./evaluation.ts";

describe("ratingShare", () => {
  it("places a rating on its own scale from 0 to 1, and nowhere when unrated or off the scale", () => {
    expect(DEFAULT_EVALUATION_SCALE.map((p) => ratingShare(DEFAULT_EVALUATION_SCALE, p.value))).toEqual([
      0,
      1 / 3,
      2 / 3,
      1,
    ]);
    const threePoints = [0, 5, 10].map((value) => ({ value, label: { en: String(value) } }));
    expect(ratingShare(threePoints, 5)).toBe(0.5);
    expect(ratingShare(threePoints, 7)).toBeNull();
    expect(ratingShare(threePoints, null)).toBeNull();
    expect(ratingShare([], 1)).toBeNull();
  });
});
