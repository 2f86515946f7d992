import fc from "fast-check";
import type { Answer, ScoreTable } from "../../src/core/index.ts";
import {
  type Framework,
  type FrameworkInput,
  type Indicator,
  validateFramework,
} from "../../src/core/index.ts";

/**
 * Test builders and fast-check arbitraries for frameworks and answers,
 * shared by every test of the engine (and of anything that scores).
 */

type NodeInput = FrameworkInput["nodes"][number];
type IndicatorInput = FrameworkInput["indicators"][number];

/**
 * Builds a framework from the parts a test cares about, filling the rest
 * (code, title, English only, score scale 100, precision 1) and validating it;
 * throws with every issue when it is not valid.
 */
export function buildFramework(
  parts: Partial<FrameworkInput> & Pick<FrameworkInput, "nodes" | "indicators">,
): Framework {
  const result = validateFramework({
    code: "test",
    version: "1",
    title: { en: "Test index" },
    defaultLanguage: "en",
    languages: ["en"],
    ...parts,
  });
  if (!result.ok) throw new Error(`invalid test framework: ${JSON.stringify(result.issues)}`);
  return result.framework;
}

/** A node in English only. */
export function buildNode(code: string, parent: string | null, extra: Partial<NodeInput> = {}): NodeInput {
  return { code, parent, label: { en: code }, ...extra };
}

/** An indicator in English only; `rest` carries its type and scoring. */
export function buildIndicator(
  code: string,
  node: string,
  rest: Omit<IndicatorInput, "code" | "node" | "text"> & Partial<Pick<IndicatorInput, "text">>,
): IndicatorInput {
  return { code, node, text: { en: code }, ...rest } as IndicatorInput;
}

/** Answers for one entity and period from an `{ indicator: value }` map. */
export function buildAnswers(
  entity: string,
  period: string,
  values: Record<string, Answer["value"]>,
): Answer[] {
  return Object.entries(values).map(([indicator, value]) => ({ entity, period, indicator, value }));
}

export const DIMENSION_VALUES = ["laws", "services", "budget"] as const;

export interface FrameworkArbitraryOptions {
  /** Every numeric indicator caps its values to the goalposts (default: random). */
  capAlways?: boolean;
  /** Allow weights of 0 on nodes and indicators (default true). */
  zeroWeights?: boolean;
  maxNodes?: number;
  maxIndicators?: number;
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });

function weightArbitrary(zero: boolean) {
  return zero ? fc.constantFrom(0, 0.5, 1, 1, 2, 3) : fc.constantFrom(0.5, 1, 1, 2, 3);
}

function nodeSpecArbitrary(zero: boolean) {
  return fc.record({
    parentPick: fc.nat(),
    weight: weightArbitrary(zero),
    aggregation: fc.constantFrom(
      "arithmetic" as const,
      "geometric" as const,
      "harmonic" as const,
      "median" as const,
      "minimum" as const,
    ),
    missing: fc.constantFrom("reweight" as const, "zero" as const),
    minCoverage: fc.oneof(fc.constant(0), fc.constantFrom(0.25, 0.5, 1)),
  });
}

function numericScoringArbitrary(capAlways: boolean) {
  const goalposts = fc.oneof(
    fc
      .record({ lo: fc.integer({ min: 1, max: 50 }), span: fc.integer({ min: 1, max: 100 }) })
      .map(({ lo, span }) => ({
        min: lo as number | "data",
        max: (lo + span) as number | "data",
      })),
    fc.constant({ min: "data" as const, max: "data" as const }),
    fc.integer({ min: 1, max: 50 }).map((lo) => ({ min: lo as number | "data", max: "data" as const })),
  );
  return fc.record({
    goalposts,
    direction: fc.constantFrom("higher" as const, "lower" as const),
    log: fc.boolean(),
    cap: capAlways ? fc.constant(true) : fc.boolean(),
  });
}

function indicatorSpecArbitrary(
  options: Required<Pick<FrameworkArbitraryOptions, "capAlways" | "zeroWeights">>,
) {
  const scoring = fc.oneof(
    fc.record({
      type: fc.constant("checklist" as const),
      scoring: fc.option(fc.record({ yes: unit, partially: unit, no: unit }), { nil: undefined }),
    }),
    fc.record({ type: fc.constant("number" as const), numeric: numericScoringArbitrary(options.capAlways) }),
    fc.record({
      type: fc.constant("percentage" as const),
      numeric: numericScoringArbitrary(options.capAlways),
    }),
    fc.record({
      type: fc.constant("scale" as const),
      choices: fc.array(unit, { minLength: 2, maxLength: 4 }),
    }),
  );
  return fc.record({
    nodePick: fc.nat(),
    weight: weightArbitrary(options.zeroWeights),
    dimensions: fc.subarray([...DIMENSION_VALUES]),
    scoring,
  });
}

type IndicatorSpec = ReturnType<typeof indicatorSpecArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function toIndicatorInput(spec: IndicatorSpec, code: string, node: string): IndicatorInput {
  const classifications: Record<string, string[]> = spec.dimensions.length
    ? { dimension: spec.dimensions }
    : {};
  const base = {
    code,
    node,
    text: { en: code },
    weight: spec.weight,
    classifications,
  };
  const s = spec.scoring;
  if (s.type === "checklist")
    return s.scoring ? { ...base, type: "checklist", scoring: s.scoring } : { ...base, type: "checklist" };
  if (s.type === "scale") {
    const choices = s.choices.map((score, j) => ({ code: `c${j}`, label: { en: `Choice ${j}` }, score }));
    return { ...base, type: "scale", scoring: { choices } };
  }
  const { goalposts, direction, log, cap } = s.numeric;
  const scoring = { ...goalposts, direction, log, cap };
  return s.type === "number"
    ? { ...base, type: "number", scoring }
    : { ...base, type: "percentage", scoring };
}

/**
 * Random valid frameworks: a root and up to `maxNodes` more nodes in a random
 * tree (so a few levels deep), with mixed checklist (custom values), number,
 * percentage (fixed or data goalposts, either direction, log, cap) and scale
 * indicators, random weights and aggregation rules, and a `dimension`
 * classification with three values.
 */
export function frameworkArbitrary(options: FrameworkArbitraryOptions = {}): fc.Arbitrary<Framework> {
  const opts = { capAlways: options.capAlways ?? false, zeroWeights: options.zeroWeights ?? true };
  return fc
    .record({
      root: nodeSpecArbitrary(false),
      nodes: fc.array(nodeSpecArbitrary(opts.zeroWeights), { maxLength: options.maxNodes ?? 5 }),
      indicators: fc.array(indicatorSpecArbitrary(opts), {
        minLength: 1,
        maxLength: options.maxIndicators ?? 10,
      }),
      precision: fc.constantFrom(0, 1, 2),
      scoreScale: fc.constantFrom(1, 100),
    })
    .map(({ root, nodes, indicators, precision, scoreScale }) => {
      const codes = ["root", ...nodes.map((_, i) => `n${i + 1}`)];
      const nodeInputs: NodeInput[] = [root, ...nodes].map((spec, i) => ({
        code: codes[i]!,
        parent: i === 0 ? null : codes[spec.parentPick % i]!,
        label: { en: codes[i]! },
        weight: i === 0 ? 1 : spec.weight,
        aggregation: spec.aggregation,
        missing: spec.missing,
        minCoverage: spec.minCoverage,
      }));
      const indicatorInputs = indicators.map((spec, i) =>
        toIndicatorInput(spec, `i${i + 1}`, codes[spec.nodePick % codes.length]!),
      );
      return buildFramework({
        scoreScale,
        precision,
        bands: [
          { code: "low", label: { en: "Low" }, min: 0, max: scoreScale / 2 },
          { code: "high", label: { en: "High" }, min: scoreScale / 2, max: scoreScale },
        ],
        classifications: [
          {
            code: "dimension",
            label: { en: "Dimension" },
            values: DIMENSION_VALUES.map((v) => ({ code: v, label: { en: v } })),
          },
        ],
        nodes: nodeInputs,
        indicators: indicatorInputs,
      });
    });
}

/** A valid answer value for an indicator: checklist and scale codes (incl. `na`), numbers also beyond the goalposts. */
export function answerValueArbitrary(ind: Indicator): fc.Arbitrary<string | number> {
  switch (ind.type) {
    case "checklist":
      return fc.constantFrom("yes", "partially", "no", "na");
    case "scale":
      return fc.constantFrom(...ind.scoring.choices.map((c) => c.code));
    default:
      // Positive so that log-transformed indicators always have a usable value.
      return fc.double({ min: 0.5, max: 200, noNaN: true });
  }
}

/**
 * Random answers for a framework: every entity (`E1`…) and period (`2020`…)
 * answers each indicator at most once, about one answer in five left blank.
 */
export function answersArbitrary(
  fw: Framework,
  options: { maxEntities?: number; maxPeriods?: number } = {},
): fc.Arbitrary<Answer[]> {
  const cell = (ind: Indicator) =>
    fc
      .option(answerValueArbitrary(ind), { nil: null, freq: 4 })
      .map((value) => ({ indicator: ind.code, value }));
  const entityAnswers = fc.tuple(...fw.indicators.map(cell));
  return fc
    .record({
      entities: fc.integer({ min: 1, max: options.maxEntities ?? 4 }),
      periods: fc.integer({ min: 1, max: options.maxPeriods ?? 2 }),
    })
    .chain(({ entities, periods }) =>
      fc.array(entityAnswers, { minLength: entities * periods, maxLength: entities * periods }).map((grid) =>
        grid.flatMap((cells, k) =>
          cells.map((c) => ({
            entity: `E${(k % entities) + 1}`,
            period: String(2020 + Math.floor(k / entities)),
            indicator: c.indicator,
            value: c.value,
          })),
        ),
      ),
    );
}

/** A framework together with answers for it. */
export function scoredCaseArbitrary(
  options: FrameworkArbitraryOptions & { maxEntities?: number; maxPeriods?: number } = {},
): fc.Arbitrary<{ framework: Framework; answers: Answer[] }> {
  return frameworkArbitrary(options).chain((framework) =>
    answersArbitrary(framework, options).map((answers) => ({ framework, answers })),
  );
}

/** Reads one cell of a score table by entity, period and column key (score in displayed units, NaN when none). */
export function readCell(table: ScoreTable, entity: string, period: string, key: string) {
  const e = table.entities.indexOf(entity);
  const p = table.periods.indexOf(period);
  const c = table.columns.findIndex((col) => col.key === key);
  if (e < 0 || p < 0 || c < 0) throw new Error(`no cell ${entity}/${period}/${key} in the table`);
  const i = (p * table.entities.length + e) * table.columns.length + c;
  return {
    score: table.score[i]!,
    coverage: table.coverage[i]!,
    rank: table.rank[i]!,
    band: table.band[i]!,
    imputed: table.imputed[i] === 1,
  };
}
