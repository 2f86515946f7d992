import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completionPercent } from "./completion.ts";

describe("completionPercent", () => {
  it("rounds once: 154 of 158 is 97, not 98 by way of 97.5", () => {
    expect(completionPercent(154, 158)).toBe(97);
    expect(completionPercent(0, 0)).toBe(0);
    expect(completionPercent(158, 158)).toBe(100);
  });

  it("is a whole number between 0 and 100 that never falls when one more is answered", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (total, n) => {
        const answered = Math.min(n, total - 1);
        const p = completionPercent(answered, total);
        expect(Number.isInteger(p) && p >= 0 && p <= 100).toBe(true);
        expect(completionPercent(answered + 1, total)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});
