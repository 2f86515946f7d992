import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSyntheticAnswers, buildSyntheticFramework } from "../../../bench/fixtures/synthetic.ts";
import { scoredCaseArbitrary } from "../../../test/support/arbitraries.ts";
import { compileFramework } from "./compile.ts";
import { type Answer, cellIndex, type ScoreTable, scoreAnswers } from "./engine.ts";
import { scoreAnswersByRow } from "./row-engine.ts";

/** Number of cells whose values differ (Object.is: NaN equals NaN, 0 differs from -0). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) count++;
  return count;
}

function expectSameTable(columnar: ScoreTable, byRow: ScoreTable): void {
  expect(columnar.entities).toEqual(byRow.entities);
  expect(columnar.periods).toEqual(byRow.periods);
  expect(columnar.columns).toEqual(byRow.columns);
  expect(differences(columnar.present, byRow.present)).toBe(0);
  expect(differences(columnar.score, byRow.score)).toBe(0);
  expect(differences(columnar.coverage, byRow.coverage)).toBe(0);
  expect(differences(columnar.rank, byRow.rank)).toBe(0);
  expect(differences(columnar.band, byRow.band)).toBe(0);
  expect(columnar.skipped).toEqual(byRow.skipped);
}

/** Answers with gaps (an entity missing from a period), repeats, unknown indicators and invalid values. */
const messyCase = scoredCaseArbitrary({ maxEntities: 7, maxPeriods: 3 }).chain(({ framework, answers }) =>
  fc
    .record({
      kept: fc.shuffledSubarray(answers, { minLength: 1 }),
      extra: fc.array(
        fc.record({
          entity: fc.constantFrom("E1", "E2", "E9"),
          period: fc.constantFrom("2020", "2021", "2035"),
          indicator: fc.constantFrom(...framework.indicators.map((i) => i.code), "unknown"),
          value: fc.oneof(
            fc.constantFrom<Answer["value"]>("yes", "na", "maybe", "", null, -3, 0),
            fc.double(),
          ),
        }),
        { maxLength: 6 },
      ),
    })
    .map(({ kept, extra }) => ({ framework, answers: [...kept, ...extra] as Answer[] })),
);

describe("columnar scoring engine", () => {
  it("gives bit-identical tables to the row-by-row engine on random frameworks and answers", () => {
    fc.assert(
      fc.property(messyCase, ({ framework, answers }) => {
        const cf = compileFramework(framework);
        expectSameTable(scoreAnswers(cf, answers), scoreAnswersByRow(cf, answers));
      }),
      { numRuns: 400 },
    );
  });

  it("gives bit-identical tables on the benchmark's CPI-sized data (80 indicators × 60 countries × 3 cycles)", () => {
    const fw = buildSyntheticFramework({ indicators: 80 });
    const answers = buildSyntheticAnswers(fw, { countries: 60, cycles: 3 });
    const cf = compileFramework(fw);
    const table = scoreAnswers(cf, answers);
    expectSameTable(table, scoreAnswersByRow(cf, answers));
    // The comparison can fail: a table with one changed score is told apart.
    const altered = { ...table, score: Float64Array.from(table.score) };
    altered.score[altered.score.length - 1] = 0.5;
    expect(differences(altered.score, table.score)).toBe(1);
  });
});

describe("harmonic mean, weighted median and minimum", () => {
  /** One root over three checklist indicators answered yes / partially / no (1, 0.5, 0), weights 1, 1, 2. */
  const rootScore = (
    aggregation: "harmonic" | "median" | "minimum",
    values: string[],
    weights = [1, 1, 2],
  ) => {
    const fw = {
      code: "agg",
      version: "1",
      title: { en: "Aggregation" },
      defaultLanguage: "en",
      languages: ["en"],
      scoreScale: 1,
      precision: 4,
      bands: [],
      classifications: [],
      nodes: [
        {
          code: "root",
          parent: null,
          label: { en: "Root" },
          weight: 1,
          aggregation,
          missing: "reweight",
          minCoverage: 0,
        },
      ],
      indicators: values.map((_, i) => ({
        code: `q${i}`,
        node: "root",
        type: "checklist",
        weight: weights[i],
        text: { en: `Q${i}` },
        scoring: { yes: 1, partially: 0.5, no: 0 },
      })),
    } as unknown as Parameters<typeof compileFramework>[0];
    const cf = compileFramework(fw);
    const answers = values.map((value, i) => ({ entity: "E", period: "2025", indicator: `q${i}`, value }));
    const columnar = scoreAnswers(cf, answers);
    const byRow = scoreAnswersByRow(cf, answers);
    expectSameTable(columnar, byRow);
    const root = columnar.columns.findIndex((c) => c.kind === "node" && c.key === "root");
    return columnar.score[cellIndex(columnar, 0, 0, root)]!;
  };

  it("computes them as derived by hand", () => {
    // Harmonic: (1 + 1) / (1/1 + 1/0.5) = 2/3; a zero child makes it 0.
    expect(rootScore("harmonic", ["yes", "partially"], [1, 1])).toBeCloseTo(2 / 3, 12);
    expect(rootScore("harmonic", ["yes", "partially", "no"])).toBe(0);
    // Weighted median of 0 (w 2), 0.5 (w 1), 1 (w 1): half the weight (2) is reached exactly at 0, so (0 + 0.5) / 2.
    expect(rootScore("median", ["yes", "partially", "no"])).toBe(0.25);
    // With weights 1, 1, 1 the usual median, 0.5; with the "no" weighing 3, the median is 0.
    expect(rootScore("median", ["yes", "partially", "no"], [1, 1, 1])).toBe(0.5);
    expect(rootScore("median", ["yes", "partially", "no"], [1, 1, 3])).toBe(0);
    expect(rootScore("median", ["yes", "no"], [1, 1])).toBe(0.5);
    // Minimum: the weakest child decides, whatever the weights.
    expect(rootScore("minimum", ["yes", "partially"], [5, 1])).toBe(0.5);
  });
});
