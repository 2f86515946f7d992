import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoredCaseArbitrary } from "../../../test/support/arbitraries.ts";
import type { Framework, Indicator } from "../framework/model.ts";
import { compileFramework } from "./compile.ts";
import { type Answer, scoreAnswers } from "./engine.ts";
import { roundTo } from "./rank.ts";

/**
 * An oracle for the optimised engine: the methodology restated as plainly as
 * possible (recursion over the tree, lenses by filtering indicators on their
 * classification, no typed arrays, no precomputation). The engine must give
 * the very same numbers, so speed-ups cannot change a published score.
 */

const NA = Symbol("not applicable");
type Raw = number | typeof NA;
type Result = { score: number; coverage: number; excluded: boolean };

function parseAnswer(ind: Indicator, value: string | number): Raw | undefined {
  if (ind.type === "checklist") {
    const key = typeof value === "string" ? value.trim().toLowerCase() : "";
    if (key === "na") return NA;
    return key === "yes" || key === "partially" || key === "no" ? ind.scoring[key] : undefined;
  }
  if (ind.type === "scale") return ind.scoring.choices.find((c) => c.code === String(value).trim())?.score;
  const num = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(num)) return undefined;
  if (!ind.scoring.log) return num;
  return num > 0 ? Math.log(num) : undefined;
}

function normalised(ind: Indicator, raw: number, all: number[]): number {
  if (ind.type === "checklist" || ind.type === "scale") return raw;
  const { min, max, direction, log, cap } = ind.scoring;
  const fixed = (g: number) => (log ? Math.log(g) : g);
  let lo = min === "data" ? Math.min(...all) : fixed(min);
  let hi = max === "data" ? Math.max(...all) : fixed(max);
  if (min === "data" && max !== "data") lo = Math.min(lo, hi);
  if (max === "data" && min !== "data") hi = Math.max(hi, lo);
  if (hi === lo) return (direction === "lower" ? raw <= lo : raw >= lo) ? 1 : 0;
  let t = (raw - lo) / (hi - lo);
  if (direction === "lower") t = 1 - t;
  return cap ? Math.min(1, Math.max(0, t)) : t;
}

/** Scores by the book: `period/entity/column` → score (displayed units) and coverage. */
function referenceScores(fw: Framework, answers: readonly Answer[]) {
  const byCode = new Map(fw.indicators.map((ind) => [ind.code, ind]));
  const raw = new Map<string, Map<string, Map<string, Raw>>>(); // period → entity → indicator → value
  for (const a of answers) {
    const ind = byCode.get(a.indicator);
    if (!ind) continue;
    const entities = raw.get(a.period) ?? new Map<string, Map<string, Raw>>();
    raw.set(a.period, entities);
    const values = entities.get(a.entity) ?? new Map<string, Raw>();
    entities.set(a.entity, values);
    const v = a.value === null || a.value === "" ? undefined : parseAnswer(ind, a.value);
    if (v !== undefined) values.set(ind.code, v);
  }
  const out = new Map<string, { score: number; coverage: number }>();
  const put = (key: string, r: Result) =>
    out.set(key, { score: r.score * fw.scoreScale, coverage: r.excluded ? Number.NaN : r.coverage });
  for (const [period, entities] of raw) {
    const column = (code: string) =>
      [...entities.values()].map((v) => v.get(code)).filter((v): v is number => typeof v === "number");
    for (const [entity, values] of entities) {
      const indicatorResult = (ind: Indicator): Result => {
        const v = values.get(ind.code);
        if (v === NA) return { score: Number.NaN, coverage: 0, excluded: true };
        if (v === undefined) return { score: Number.NaN, coverage: 0, excluded: false };
        return { score: normalised(ind, v, column(ind.code)), coverage: 1, excluded: false };
      };
      const nodeResult = (code: string, inLens: (ind: Indicator) => boolean): Result => {
        const node = fw.nodes.find((n) => n.code === code)!;
        const children = [
          ...fw.nodes
            .filter((n) => n.parent === code)
            .map((n) => ({ code: n.code, weight: n.weight, node: true })),
          ...fw.indicators
            .filter((i) => i.node === code)
            .map((i) => ({ code: i.code, weight: i.weight, node: false })),
        ].sort((a, b) => (a.code < b.code ? -1 : 1));
        let total = 0;
        let covered = 0;
        let scored = 0;
        let sum = 0;
        let hasZero = false;
        const scores: { s: number; w: number }[] = [];
        for (const child of children) {
          if (child.weight <= 0) continue;
          if (!child.node && !inLens(byCode.get(child.code)!)) continue;
          const r = child.node ? nodeResult(child.code, inLens) : indicatorResult(byCode.get(child.code)!);
          if (r.excluded) continue;
          total += child.weight;
          covered += child.weight * r.coverage;
          let s = r.score;
          if (Number.isNaN(s)) {
            if (node.missing !== "zero") continue;
            s = 0;
          }
          scored += child.weight;
          scores.push({ s, w: child.weight });
          if (node.aggregation === "arithmetic") sum += child.weight * s;
          else if (node.aggregation === "harmonic") {
            if (s <= 0) hasZero = true;
            else sum += child.weight / s;
          } else if (s <= 0) hasZero = true;
          else sum += child.weight * Math.log(s);
        }
        if (total === 0) return { score: Number.NaN, coverage: 0, excluded: true };
        const coverage = covered / total;
        if (scored === 0 || coverage === 0 || coverage < node.minCoverage) {
          return { score: Number.NaN, coverage, excluded: false };
        }
        // Weighted median: the score where half the weight is reached (between two scores when exactly).
        const median = () => {
          const sorted = [...scores].sort((a, b) => a.s - b.s);
          const weight = sorted.reduce((t, x) => t + x.w, 0);
          let seen = 0;
          for (let i = 0; i < sorted.length; i++) {
            seen += sorted[i]!.w;
            if (Math.abs(seen - weight / 2) <= 1e-12 * weight && i + 1 < sorted.length)
              return (sorted[i]!.s + sorted[i + 1]!.s) / 2;
            if (seen > weight / 2) return sorted[i]!.s;
          }
          return sorted[sorted.length - 1]!.s;
        };
        const mean =
          node.aggregation === "arithmetic"
            ? sum / scored
            : node.aggregation === "harmonic"
              ? hasZero
                ? 0
                : scored / sum
              : node.aggregation === "minimum"
                ? Math.min(...scores.map((x) => x.s))
                : node.aggregation === "median"
                  ? median()
                  : hasZero
                    ? 0
                    : Math.exp(sum / scored);
        return { score: mean, coverage, excluded: false };
      };
      const at = (key: string) => `${period}/${entity}/${key}`;
      for (const ind of fw.indicators) put(at(ind.code), indicatorResult(ind));
      for (const node of fw.nodes)
        put(
          at(node.code),
          nodeResult(node.code, () => true),
        );
      const root = fw.nodes.find((n) => n.parent === null)!.code;
      for (const cls of fw.classifications) {
        for (const value of cls.values) {
          const inLens = (ind: Indicator) => ind.classifications[cls.code]?.includes(value.code) ?? false;
          put(at(`${cls.code}:${value.code}`), nodeResult(root, inLens));
        }
      }
    }
  }
  return out;
}

/** Competition ranks of node and classification columns, by the book. */
function referenceRanks(fw: Framework, scores: Map<string, { score: number }>) {
  const groups = new Map<string, { key: string; rounded: number }[]>();
  for (const [key, { score }] of scores) {
    const [period, , column] = key.split("/") as [string, string, string];
    if (Number.isNaN(score) || fw.indicators.some((i) => i.code === column)) continue;
    const group = groups.get(`${period}/${column}`) ?? [];
    group.push({ key, rounded: roundTo(score, fw.precision) });
    groups.set(`${period}/${column}`, group);
  }
  const ranks = new Map<string, number>();
  for (const group of groups.values()) {
    for (const cell of group) ranks.set(cell.key, 1 + group.filter((o) => o.rounded > cell.rounded).length);
  }
  return ranks;
}

describe("scoring engine against a plain reference implementation", () => {
  it("gives the very same scores, coverage and ranks on random frameworks and answers", () => {
    fc.assert(
      fc.property(scoredCaseArbitrary({ maxEntities: 5, maxPeriods: 3 }), ({ framework, answers }) => {
        const table = scoreAnswers(compileFramework(framework), answers);
        const expected = referenceScores(framework, answers);
        const ranks = referenceRanks(framework, expected);
        let compared = 0;
        table.periods.forEach((period, p) => {
          table.entities.forEach((entity, e) => {
            if (!table.present[p * table.entities.length + e]) return;
            table.columns.forEach((col, c) => {
              const key = `${period}/${entity}/${col.key}`;
              const i = (p * table.entities.length + e) * table.columns.length + c;
              const want = expected.get(key);
              expect(want, key).toBeDefined();
              expect(table.score[i], key).toBe(want!.score);
              expect(table.coverage[i], key).toBe(want!.coverage);
              expect(table.rank[i], key).toBe(ranks.get(key) ?? 0);
              compared++;
            });
          });
        });
        expect(compared).toBe(expected.size);
      }),
      { numRuns: 300 },
    );
  });
});
