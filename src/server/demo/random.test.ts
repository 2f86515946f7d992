import { describe, expect, it } from "vitest";
import { createRandom, hashText, noiseFor, randomFor } from "./random.ts";

describe("seeded random draws for the demo", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it("draws in [0, 1), roughly uniformly", () => {
    const next = createRandom(hashText("uniform"));
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it("keys draws by their parts, not by call order", () => {
    const x = randomFor("seed", "MD", "a19.01")();
    randomFor("seed", "RO", "a19.01")();
    expect(randomFor("seed", "MD", "a19.01")()).toBe(x);
    expect(randomFor("seed", "MD", "a19.02")()).not.toBe(x);
  });

  it("keeps noise within three standard deviations", () => {
    for (let i = 0; i < 1000; i++) expect(Math.abs(noiseFor(0.1, "n", String(i)))).toBeLessThanOrEqual(0.3);
  });
});
