import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { achievementOf } from "./achievement.ts";
import {
  DIRECTIONS,
  type PeriodValue,
  type ProgressIndicator,
  type ProgressNode,
  ROLL_UP_RULES,
} from "./model.ts";
import { planProgress } from "./progress.ts";

const RUNS = { numRuns: 300 };
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** A random plan: a tree of up to 12 nodes, up to 20 indicators, values in 3 periods. */
const planArbitrary = fc
  .record({
    nodeCount: fc.integer({ min: 1, max: 12 }),
    parents: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    rules: fc.array(fc.constantFrom(...ROLL_UP_RULES), { minLength: 12, maxLength: 12 }),
    weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }),
    indicators: fc.array(
      fc.record({
        node: fc.nat(),
        direction: fc.constantFrom(...DIRECTIONS),
        baseline: maybe(fc.integer({ min: 0, max: 100 })),
        weight: fc.integer({ min: 0, max: 5 }),
        values: fc.array(
          fc.record({
            target: maybe(fc.integer({ min: 0, max: 200 })),
            actual: maybe(fc.integer({ min: 0, max: 200 })),
          }),
          {
            minLength: 3,
            maxLength: 3,
          },
        ),
      }),
      { maxLength: 20 },
    ),
  })
  .map(({ nodeCount, parents, rules, weights, indicators }) => {
    const nodes: ProgressNode[] = Array.from({ length: nodeCount }, (_, i) => ({
      id: `n${i}`,
      parentId: i === 0 ? null : `n${parents[i]! % i}`,
      rule: rules[i]!,
      weight: weights[i]!,
    }));
    const inds: ProgressIndicator[] = indicators.map((ind, i) => ({
      id: `i${i}`,
      nodeId: `n${ind.node % nodeCount}`,
      type: "number",
      direction: ind.direction,
      cumulation: "sum",
      baseline: ind.baseline,
      weight: ind.weight,
    }));
    const values: PeriodValue[] = indicators.flatMap((ind, i) =>
      ind.values.map((v, p) => ({ indicatorId: `i${i}`, period: PERIODS[p]!, ...v })),
    );
    return { nodes, indicators: inds, values };
  });
const PERIODS = ["p1", "p2", "p3"];

describe("progress properties", () => {
  it("keeps every score within [0, 1] and bands it consistently", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DIRECTIONS),
        maybe(finite),
        maybe(finite),
        maybe(finite),
        (d, b, t, a) => {
          const result = achievementOf(d, b, t, a);
          if (result.score === null) expect(result.band).toBe("no-data");
          else {
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(1);
            expect(result.missing).toBeNull();
          }
        },
      ),
      RUNS,
    );
  });

  it("never lowers achievement when the actual moves in the indicator's direction", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("increase", "decrease" as const),
        maybe(fc.integer({ min: 0, max: 100 })),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 50 }),
        (d, b, t, a, step) => {
          const better = d === "increase" ? a + step : Math.max(0, a - step);
          const before = achievementOf(d, b, t, a);
          const after = achievementOf(d, b, t, better);
          // Only the target and baseline decide whether there is a figure, not the actual.
          expect(after.missing).toBe(before.missing);
          if (before.score !== null) expect(after.score!).toBeGreaterThanOrEqual(before.score);
        },
      ),
      RUNS,
    );
  });

  it("rolls up to a score between the lowest and highest score below, never counting missing data as zero", () => {
    fc.assert(
      fc.property(planArbitrary, fc.constantFrom(...PERIODS), ({ nodes, indicators, values }, period) => {
        const progress = planProgress(nodes, indicators, values, PERIODS, period);
        const scores = [...progress.indicators.values()].map((a) => a.period.score).filter((s) => s !== null);
        for (const node of progress.nodes.values()) {
          expect(node.measured + node.missing.length).toBe(node.indicators);
          if (node.score === null) continue;
          expect(node.score).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
          expect(node.score).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
        }
        // Removing every unmeasured indicator changes no node's score.
        const measured = indicators.filter((i) => progress.indicators.get(i.id)!.period.score !== null);
        const without = planProgress(nodes, measured, values, PERIODS, period);
        for (const [id, node] of progress.nodes) expect(without.nodes.get(id)!.score).toBe(node.score);
      }),
      RUNS,
    );
  });

  it("does not depend on the order of nodes, indicators or values", () => {
    fc.assert(
      fc.property(planArbitrary, ({ nodes, indicators, values }) => {
        const a = planProgress(nodes, indicators, values, PERIODS, "p3");
        const b = planProgress(
          [...nodes].reverse(),
          [...indicators].reverse(),
          [...values].reverse(),
          PERIODS,
          "p3",
        );
        for (const [id, node] of a.nodes) {
          const other = b.nodes.get(id)!;
          if (node.score === null) expect(other.score).toBeNull();
          else expect(other.score).toBeCloseTo(node.score, 9);
          expect(other.measured).toBe(node.measured);
        }
      }),
      RUNS,
    );
  });

  it("gives the same score with `weighted` as with `average` when every weight is equal", () => {
    fc.assert(
      fc.property(planArbitrary, ({ nodes, indicators, values }) => {
        const equal = <T extends { weight: number }>(xs: T[]) => xs.map((x) => ({ ...x, weight: 2 }));
        const asRule = (rule: "average" | "weighted") => equal(nodes).map((n) => ({ ...n, rule }));
        const a = planProgress(asRule("average"), equal(indicators), values, PERIODS, "p2");
        const w = planProgress(asRule("weighted"), equal(indicators), values, PERIODS, "p2");
        for (const [id, node] of a.nodes) {
          if (node.score === null) expect(w.nodes.get(id)!.score).toBeNull();
          else expect(w.nodes.get(id)!.score).toBeCloseTo(node.score, 9);
        }
      }),
      RUNS,
    );
  });
});
