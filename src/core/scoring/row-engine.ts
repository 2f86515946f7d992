import { aggregateTree, createItemState } from "./aggregate.ts";
import { sortPeriods } from "./columns.ts";
import type { CompiledFramework } from "./compile.ts";
import { hasOnlyOwnRules } from "./node-rules.ts";
import { goalposts, isNumeric, normalise } from "./normalise.ts";
import { assignBands, rankColumns } from "./rank.ts";
import { collectRawValues, NOT_APPLICABLE_MARK } from "./raw-values.ts";
import type { Answer, ScoreColumn, ScoreTable } from "./score-table.ts";

/**
 * The engine as it was before the columnar one: one row of raw values per
 * entity and period, the whole tree aggregated row by row. Kept as an oracle:
 * `column-engine.test.ts` checks that both give bit-identical tables, and
 * `bench/engine.bench.ts` prints both timings. It knows only the indicators' own rules: node
 * normalisations, goalposts and imputation are the columnar engine's alone.
 */
export function scoreAnswersByRow(cf: CompiledFramework, answers: Iterable<Answer>): ScoreTable {
  if (!hasOnlyOwnRules(cf.rules)) throw new Error("the row engine does not apply node normalisation rules");
  const n = cf.indicators.length;
  const itemCount = n + cf.nodeCodes.length;
  const skipped: ScoreTable["skipped"] = [];

  const raw = collectRawValues(cf, answers, skipped);
  const periods = sortPeriods([...raw.rows.keys()]);
  const entitySet = new Set<string>();
  for (const byEntity of raw.rows.values()) for (const e of byEntity.keys()) entitySet.add(e);
  const entities = [...entitySet].sort();
  const entityIndex = new Map(entities.map((e, i) => [e, i]));

  const columns: ScoreColumn[] = [
    ...cf.indicators.map((ind) => ({ key: ind.code, kind: "indicator" as const })),
    ...cf.nodeCodes.map((code) => ({ key: code, kind: "node" as const })),
    ...cf.lenses.map((lens) => ({ key: lens.key, kind: "classification" as const })),
  ];
  const width = columns.length;
  const cells = periods.length * entities.length * width;
  const table: ScoreTable = {
    entities,
    periods,
    columns,
    score: new Float64Array(cells).fill(Number.NaN),
    coverage: new Float64Array(cells).fill(Number.NaN),
    rank: new Int32Array(cells),
    band: new Int16Array(cells).fill(-1),
    present: new Uint8Array(periods.length * entities.length),
    imputed: new Uint8Array(cells),
    skipped,
  };

  const scale = cf.framework.scoreScale;
  const state = createItemState(itemCount);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const rootSlot = n + cf.rootNode;

  periods.forEach((period, p) => {
    const byEntity = raw.rows.get(period)!;
    computeGoalposts(cf, raw.values, byEntity, lo, hi);
    // Local alias, see collectRawValues.
    const aggregate = aggregateTree;
    for (const [entity, row] of byEntity) {
      const e = entityIndex.get(entity)!;
      table.present[p * entities.length + e] = 1;
      fillIndicators(cf, raw.values, row * n, lo, hi, state);
      aggregate(cf, state);
      const base = (p * entities.length + e) * width;
      const { score, coverage, excluded } = state;
      const outScore = table.score;
      const outCoverage = table.coverage;
      for (let item = 0; item < itemCount; item++) {
        outScore[base + item] = score[item]! * scale;
        outCoverage[base + item] = excluded[item] ? Number.NaN : coverage[item]!;
      }
      cf.lenses.forEach((lens, l) => {
        aggregate(cf, state, lens);
        table.score[base + itemCount + l] = state.score[rootSlot]! * scale;
        table.coverage[base + itemCount + l] = state.excluded[rootSlot]
          ? Number.NaN
          : state.coverage[rootSlot]!;
      });
    }
  });

  const precision = cf.framework.precision;
  rankColumns(table, precision);
  assignBands(table, cf.framework.bands, precision);
  return table;
}

function computeGoalposts(
  cf: CompiledFramework,
  values: Float64Array,
  byEntity: Map<string, number>,
  lo: Float64Array,
  hi: Float64Array,
): void {
  const n = cf.indicators.length;
  cf.indicators.forEach((ind, i) => {
    if (!isNumeric(ind)) return;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    if (ind.scoring.min === "data" || ind.scoring.max === "data") {
      for (const row of byEntity.values()) {
        const v = values[row * n + i]!;
        if (Number.isNaN(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    const [a, b] = goalposts(ind, min, max);
    lo[i] = a;
    hi[i] = b;
  });
}

function fillIndicators(
  cf: CompiledFramework,
  values: Float64Array,
  base: number,
  lo: Float64Array,
  hi: Float64Array,
  state: ItemState,
): void {
  const { indicators } = cf;
  const scale = normalise; // local alias, see collectRawValues
  const numeric = isNumeric;
  const notApplicable = NOT_APPLICABLE_MARK;
  for (let i = 0; i < indicators.length; i++) {
    const ind = indicators[i]!;
    const v = values[base + i]!;
    state.excluded[i] = v === notApplicable ? 1 : 0;
    if (Number.isNaN(v) || v === notApplicable) {
      state.score[i] = Number.NaN;
      state.coverage[i] = 0;
      continue;
    }
    state.coverage[i] = 1;
    state.score[i] = numeric(ind)
      ? scale(v, lo[i]!, hi[i]!, ind.scoring.direction === "lower", ind.scoring.cap)
      : v;
  }
}

type ItemState = ReturnType<typeof createItemState>;
