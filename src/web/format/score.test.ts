import { describe, expect, it } from "vitest";
import { findBand, formatChange, formatCoverage, formatScore, scoreFraction } from "./score.ts";

describe("score formatting", () => {
  it("writes scores with the framework's precision and the reader's decimal separator", () => {
    expect(formatScore(72.5, 1, "en")).toBe("72.5");
    expect(formatScore(72.5, 1, "fr")).toBe("72,5");
    expect(formatScore(0.8456, 3, "en")).toBe("0.846");
    expect(formatScore(64, 0, "en")).toBe("64");
  });

  it("never shows a missing score as zero", () => {
    expect(formatScore(null, 1, "en")).toBe("–");
    expect(formatCoverage(null, "en")).toBe("–");
    expect(formatChange(null, 1, "en")).toBeNull();
  });

  it("signs changes and names their direction", () => {
    expect(formatChange(2.5, 1, "en")).toEqual({ text: "+2.5", direction: "up" });
    expect(formatChange(-1, 0, "en")).toEqual({ text: "-1", direction: "down" });
    expect(formatChange(0, 1, "en")).toEqual({ text: "0.0", direction: "same" });
  });

  it("shows coverage as a percentage", () => {
    expect(formatCoverage(0.875, "en")).toBe("88%");
  });

  it("finds bands and gives colourless bands a default colour", () => {
    const bands = [
      { code: "weak", label: { en: "Weak" }, min: 0, max: 50 },
      { code: "strong", label: { en: "Strong" }, min: 50, max: 100, color: "#123456" },
    ];
    expect(findBand(bands, "strong")?.colour).toBe("#123456");
    expect(findBand(bands, "weak")?.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(findBand(bands, "nope")).toBeNull();
    expect(findBand(bands, null)).toBeNull();
  });

  it("clamps bar lengths to the scale", () => {
    expect(scoreFraction(50, 100)).toBe(0.5);
    expect(scoreFraction(120, 100)).toBe(1);
    expect(scoreFraction(null, 100)).toBe(0);
  });
});
