import { crosswalkOrigins, isMethodologyChange } from "../framework/crosswalk.ts";
import type { Framework } from "../framework/model.ts";
import { resolveIndicatorRules } from "./node-rules.ts";
import type { Answer, ScoreTable } from "./score-table.ts";

/**
 * For each indicator, the score items that count its value: the indicator itself, every node
 * above it and every classification value (`classification:value`) it has. A node or an
 * indicator of weight 0 counts for nothing above it, as in the engine.
 */
export function imputedTargets(fw: Framework): Map<string, string[]> {
  const nodes = new Map(fw.nodes.map((node) => [node.code, node]));
  const out = new Map<string, string[]>();
  for (const ind of fw.indicators) {
    const targets = [ind.code];
    let counts = ind.weight > 0;
    for (let node = nodes.get(ind.node), steps = 0; counts && node && steps <= fw.nodes.length; steps++) {
      targets.push(node.code);
      counts = node.weight > 0 || node.parent === null;
      node = node.parent === null ? undefined : nodes.get(node.parent);
    }
    if (ind.weight > 0) {
      for (const [classification, values] of Object.entries(ind.classifications))
        for (const value of values) targets.push(`${classification}:${value}`);
    }
    out.set(ind.code, targets);
  }
  return out;
}

/**
 * How many imputed indicator values each score item of one country (in one period) counts:
 * 1 on an imputed indicator, on a node or classification value the number of imputed
 * indicators below it. Items not in the map count none.
 */
export function countImputed(
  targets: ReadonlyMap<string, readonly string[]>,
  imputedIndicators: Iterable<string>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const indicator of imputedIndicators)
    for (const item of targets.get(indicator) ?? []) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** True when a node of the framework replaces missing answers by the country's previous cycle. */
export function usesPreviousCycle(fw: Framework): boolean {
  return resolveIndicatorRules(fw, fw.indicators).some((r) => r.imputation === "previous");
}

/**
 * Answers of an earlier cycle, carried into the scoring of a later one so that the "country's
 * previous cycle" imputation can read them when that cycle is scored on its own: only the
 * indicators under that policy, their codes translated through the framework's crosswalk from
 * `fromVersion` (an indicator new, merged, split or rescored since then has no previous value).
 */
export function previousCycleAnswers(
  fw: Framework,
  fromVersion: string,
  answers: Iterable<Answer>,
): Answer[] {
  const rules = resolveIndicatorRules(fw, fw.indicators);
  const origin = crosswalkOrigins(fw, fromVersion);
  const byOldCode = new Map<string, string>();
  fw.indicators.forEach((ind, i) => {
    if (rules[i]!.imputation !== "previous") return;
    const { previous, change } = origin(ind.code);
    if (previous !== null && !isMethodologyChange(change)) byOldCode.set(previous, ind.code);
  });
  const out: Answer[] = [];
  for (const a of answers) {
    const code = byOldCode.get(a.indicator);
    if (code !== undefined) out.push({ ...a, indicator: code });
  }
  return out;
}

/**
 * The table restricted to some of its periods (in the table's order): the periods read only so
 * that the previous-cycle imputation could reach them are dropped before anything is derived
 * from the table (change since the previous period, averages), which would otherwise count them.
 */
export function keepPeriods(table: ScoreTable, periods: readonly string[]): ScoreTable {
  const wanted = new Set(periods);
  const kept = table.periods.map((p, i) => [p, i] as const).filter(([p]) => wanted.has(p));
  if (kept.length === table.periods.length) return table;
  const E = table.entities.length;
  const block = E * table.columns.length;
  const pick = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, size: number): T => {
    const out = new (a.constructor as new (n: number) => T)(kept.length * size);
    kept.forEach(([, p], k) => {
      out.set(a.subarray(p * size, (p + 1) * size), k * size);
    });
    return out;
  };
  return {
    ...table,
    periods: kept.map(([p]) => p),
    score: pick(table.score, block),
    coverage: pick(table.coverage, block),
    rank: pick(table.rank, block),
    band: pick(table.band, block),
    imputed: pick(table.imputed, block),
    present: pick(table.present, E),
    skipped: table.skipped.filter((s) => wanted.has(s.answer.period)),
  };
}
