import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerValueArbitrary, scoredCaseArbitrary } from "../../../test/support/arbitraries.ts";
import type { Framework } from "../framework/model.ts";
import { compileFramework } from "./compile.ts";
import { type Answer, type ScoreTable, scoreAnswers } from "./engine.ts";

/**
 * Properties the methodology promises (ARCHITECTURE.md: "the engine is a pure
 * function of (framework, answers) and is tested with properties"), checked on
 * random frameworks of a few levels with mixed indicator types.
 */

const RUNS = { numRuns: 200 };

function score(fw: Framework, answers: readonly Answer[]): ScoreTable {
  return scoreAnswers(compileFramework(fw), answers);
}

/** Node and classification cells by `period/entity/key`, so tables with other column or entity orders compare. */
function aggregateCells(table: ScoreTable) {
  const cells = new Map<string, { score: number; coverage: number; rank: number; band: number }>();
  table.periods.forEach((period, p) => {
    table.entities.forEach((entity, e) => {
      if (!table.present[p * table.entities.length + e]) return;
      table.columns.forEach((col, c) => {
        if (col.kind === "indicator") return;
        const i = (p * table.entities.length + e) * table.columns.length + c;
        cells.set(`${period}/${entity}/${col.key}`, {
          score: table.score[i]!,
          coverage: table.coverage[i]!,
          rank: table.rank[i]!,
          band: table.band[i]!,
        });
      });
    });
  });
  return cells;
}

function withIndicatorWeight(fw: Framework, code: string, weight: number): Framework {
  return { ...fw, indicators: fw.indicators.map((ind) => (ind.code === code ? { ...ind, weight } : ind)) };
}

describe("scoring properties", () => {
  it("keeps every score within [0, scoreScale] when every indicator caps", () => {
    fc.assert(
      fc.property(scoredCaseArbitrary({ capAlways: true }), ({ framework, answers }) => {
        const table = score(framework, answers);
        for (const s of table.score) {
          if (Number.isNaN(s)) continue;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(framework.scoreScale * (1 + 1e-12));
        }
      }),
      RUNS,
    );
  });

  it("never lets an indicator of weight 0 change a node or classification score", () => {
    const arb = scoredCaseArbitrary().chain(({ framework, answers }) =>
      fc.nat({ max: framework.indicators.length - 1 }).chain((k) => {
        const ind = framework.indicators[k]!;
        const replacement = fc.array(fc.option(answerValueArbitrary(ind), { nil: null }), {
          minLength: answers.length,
          maxLength: answers.length,
        });
        return replacement.map((values) => ({
          framework: withIndicatorWeight(framework, ind.code, 0),
          answers,
          code: ind.code,
          values,
        }));
      }),
    );
    fc.assert(
      fc.property(arb, ({ framework, answers, code, values }) => {
        const all = aggregateCells(score(framework, answers));
        const without = aggregateCells(
          score(
            framework,
            answers.filter((a) => a.indicator !== code),
          ),
        );
        const changed = answers.map((a, i) =>
          a.indicator === code ? { ...a, value: values[i] ?? null } : a,
        );
        const other = aggregateCells(score(framework, changed));
        for (const [key, cell] of without) expect(all.get(key), key).toEqual(cell);
        expect(other).toEqual(all);
      }),
      RUNS,
    );
  });

  it("never lowers an entity's scores when it raises a 'higher is better' value", () => {
    const arb = scoredCaseArbitrary().chain(({ framework, answers }) => {
      const raisable = answers
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => {
          const ind = framework.indicators.find((x) => x.code === a.indicator)!;
          return (
            typeof a.value === "number" &&
            ind.type !== "checklist" &&
            ind.type !== "scale" &&
            ind.scoring.direction === "higher"
          );
        });
      if (raisable.length === 0) return fc.constant(null);
      return fc
        .record({ pick: fc.constantFrom(...raisable), by: fc.double({ min: 1e-6, max: 500, noNaN: true }) })
        .map(({ pick, by }) => ({ framework, answers, index: pick.i, by }));
    });
    fc.assert(
      fc.property(arb, (c) => {
        if (!c) return;
        const before = score(c.framework, c.answers);
        const raised = c.answers.map((a, i) =>
          i === c.index ? { ...a, value: (a.value as number) + c.by } : a,
        );
        const after = score(c.framework, raised);
        const { entity, period } = c.answers[c.index]!;
        const e = before.entities.indexOf(entity);
        const p = before.periods.indexOf(period);
        const width = before.columns.length;
        before.columns.forEach((col, k) => {
          if (col.kind === "indicator" && col.key !== c.answers[c.index]!.indicator) return;
          const i = (p * before.entities.length + e) * width + k;
          const was = before.score[i]!;
          const now = after.score[i]!;
          expect(Number.isNaN(now), col.key).toBe(Number.isNaN(was));
          if (!Number.isNaN(was)) expect(now, col.key).toBeGreaterThanOrEqual(was - 1e-9);
        });
      }),
      RUNS,
    );
  });

  it("gives the same scores, ranks and bands whatever the order of nodes and indicators", () => {
    const arb = scoredCaseArbitrary().chain(({ framework, answers }) =>
      fc
        .record({
          nodes: fc.shuffledSubarray(framework.nodes, { minLength: framework.nodes.length }),
          indicators: fc.shuffledSubarray(framework.indicators, { minLength: framework.indicators.length }),
        })
        .map((order) => ({ framework, shuffled: { ...framework, ...order }, answers })),
    );
    fc.assert(
      fc.property(arb, ({ framework, shuffled, answers }) => {
        expect(aggregateCells(score(shuffled, answers))).toEqual(aggregateCells(score(framework, answers)));
      }),
      RUNS,
    );
  });

  it("scores a geometric mean at or below the arithmetic mean on the same inputs", () => {
    const as = (fw: Framework, aggregation: "arithmetic" | "geometric"): Framework => ({
      ...fw,
      nodes: fw.nodes.map((n) => ({ ...n, aggregation })),
    });
    fc.assert(
      fc.property(scoredCaseArbitrary({ capAlways: true }), ({ framework, answers }) => {
        const arithmetic = aggregateCells(score(as(framework, "arithmetic"), answers));
        const geometric = aggregateCells(score(as(framework, "geometric"), answers));
        for (const [key, a] of arithmetic) {
          const g = geometric.get(key)!;
          expect(Number.isNaN(g.score), key).toBe(Number.isNaN(a.score));
          expect(g.coverage, key).toEqual(a.coverage);
          if (!Number.isNaN(a.score)) expect(g.score, key).toBeLessThanOrEqual(a.score * (1 + 1e-12) + 1e-12);
        }
      }),
      RUNS,
    );
  });

  it("is deterministic and ignores the order of answers", () => {
    fc.assert(
      fc.property(scoredCaseArbitrary(), ({ framework, answers }) => {
        const first = score(framework, answers);
        expect(score(framework, answers)).toEqual(first);
        expect(score(framework, [...answers].reverse())).toEqual(first);
      }),
      RUNS,
    );
  });
});
