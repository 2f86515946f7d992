import type { Framework, LocalText } from "../framework/model.ts";
import type { ReleaseArea } from "../publishing/snapshot.ts";
import { compileFramework } from "../scoring/compile.ts";
import { type Answer, scoreAnswers } from "../scoring/engine.ts";
import { findBand, roundTo } from "../scoring/rank.ts";
import { toScoreRows } from "../scoring/rows.ts";

/**
 * Scores of the areas below one country, compared as the countries of a region are: each area
 * with an assessment of its own is scored from its answers with the core engine (goalposts taken
 * "from the data" use these areas only); each area above them without an assessment of its own
 * gets, per item, the mean of the areas directly below it that have a score ("rolled up"). Ranks
 * compare the areas of one level. Pure: the server and a release call it alike.
 */
export interface AreaScoringInput {
  framework: Framework;
  country: string;
  period: string;
  /** The country's areas, any order (see `buildAreaTree`). */
  areas: readonly { code: string; parent: string | null; level: number; name: LocalText }[];
  /** The answers of the assessed areas: `entity` is the area's code; `period` is ignored. */
  answers: readonly Answer[];
}

/**
 * The scored areas (root and node items, no indicators), depth first as the tree lists them;
 * areas with no score of their own and none below them are left out.
 */
export function scoreAreas(input: AreaScoringInput): ReleaseArea[] {
  const { framework: fw, country, period } = input;
  const known = new Map(input.areas.map((a) => [a.code, a]));
  const items = fw.nodes.map((n) => n.code);
  const scores = new Map<string, Map<string, number | null>>();
  const assessed = new Set<string>();
  const answers = input.answers.filter((a) => known.has(a.entity)).map((a) => ({ ...a, period }));
  if (answers.length) {
    const table = scoreAnswers(compileFramework(fw), answers);
    for (const row of toScoreRows(table, fw)) {
      if (row.kind !== "node") continue;
      const own = scores.get(row.entity) ?? new Map<string, number | null>();
      scores.set(row.entity, own);
      own.set(row.node, row.score);
      assessed.add(row.entity);
    }
  }

  // Roll up, deepest level first, so that a region's score can come from its districts' roll-ups.
  const byLevel = [...known.values()].sort((a, b) => b.level - a.level);
  const from = new Map<string, number>();
  for (const area of byLevel) {
    if (assessed.has(area.code)) continue;
    const below = [...known.values()].filter((a) => a.parent === area.code && scores.has(a.code));
    if (!below.length) continue;
    const rolled = new Map<string, number | null>();
    for (const item of items) {
      const values = below.map((a) => scores.get(a.code)!.get(item)).filter((v): v is number => v != null);
      rolled.set(
        item,
        values.length ? roundTo(values.reduce((s, v) => s + v, 0) / values.length, fw.precision) : null,
      );
    }
    scores.set(area.code, rolled);
    from.set(area.code, below.length);
  }

  const ranks = rankWithinLevels(
    [...scores.keys()].map((code) => known.get(code)!),
    scores,
    items,
  );
  const out: ReleaseArea[] = [];
  for (const area of depthFirst([...known.values()])) {
    const own = scores.get(area.code);
    if (!own) continue;
    out.push({
      country,
      code: area.code,
      parent: area.parent,
      level: area.level,
      name: area.name,
      source: assessed.has(area.code) ? "assessed" : "rolled-up",
      scores: items.map((item) => {
        const score = own.get(item) ?? null;
        const band = score === null ? -1 : findBand(fw.bands, score);
        return {
          item,
          score,
          band: band >= 0 ? fw.bands[band]!.code : null,
          rank: ranks.get(`${area.code}\u0000${item}`) ?? null,
        };
      }),
      ...(from.has(area.code) ? { from: from.get(area.code)! } : {}),
    });
  }
  return out;
}

/** Competition ranks (1, 2, 2, 4), highest score first, among the areas of the same level. */
function rankWithinLevels(
  areas: readonly { code: string; level: number }[],
  scores: ReadonlyMap<string, ReadonlyMap<string, number | null>>,
  items: readonly string[],
): Map<string, number> {
  const ranks = new Map<string, number>();
  const levels = new Set(areas.map((a) => a.level));
  for (const level of levels) {
    const peers = areas.filter((a) => a.level === level);
    for (const item of items) {
      const scored = peers
        .map((a) => ({ code: a.code, score: scores.get(a.code)?.get(item) }))
        .filter((a): a is { code: string; score: number } => a.score != null);
      for (const a of scored) {
        ranks.set(`${a.code}\u0000${item}`, 1 + scored.filter((b) => b.score > a.score).length);
      }
    }
  }
  return ranks;
}

/** The areas in tree order: each first-level area, then the areas below it, codes in order. */
function depthFirst<T extends { code: string; parent: string | null }>(areas: readonly T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const a of [...areas].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))) {
    const parent = a.parent !== null && areas.some((b) => b.code === a.parent) ? a.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const walk = (parent: string | null): T[] =>
    (children.get(parent) ?? []).flatMap((a) => [a, ...walk(a.code)]);
  return walk(null);
}
