import { crosswalkOrigins } from "../framework/crosswalk.ts";
import type { CrosswalkChange, Framework, LocalText } from "../framework/model.ts";
import { sortPeriods } from "../scoring/columns.ts";
import { compileFramework } from "../scoring/compile.ts";
import { type Answer, scoreAnswers } from "../scoring/engine.ts";
import {
  countImputed,
  imputedTargets,
  keepPeriods,
  previousCycleAnswers,
  usesPreviousCycle,
} from "../scoring/imputed.ts";
import type { AnswerValue } from "../scoring/normalise.ts";
import { roundTo } from "../scoring/rank.ts";
import { toScoreRows } from "../scoring/rows.ts";
import { regionalAverages, scoreChange } from "../scoring/summary.ts";

/**
 * A release: the immutable public snapshot of one cycle of an index. Everything
 * a public page, download or API answer shows comes from a snapshot and nothing
 * else, so what was not published cannot leak. A snapshot is plain JSON.
 */
export const RELEASE_FORMAT = "childmark-release/1";

/**
 * The notes a first release gets when its publisher writes none. They are stored
 * in English; the portal recognises them and shows them in the page's language.
 */
export function defaultReleaseNotes(period: string): string {
  return `First release of ${period}.`;
}

/** Public evidence of an answer: sources only (no uploader, no internal note, no file content). */
export interface PublicEvidence {
  kind: "citation" | "url" | "legal" | "file";
  citation: string | null;
  url: string | null;
  legalReference: string | null;
  sourceDate: string | null;
  /** For an uploaded document: its (sanitised) name, cited as a source. */
  fileName: string | null;
}

export interface ReleaseAnswer {
  country: string;
  indicator: string;
  /** As stored: a number, a checklist/scale code, or "na" (not applicable). */
  value: AnswerValue | null;
  /** Why the indicator does not apply, when the value is "na". */
  justification: string | null;
  evidence: PublicEvidence[];
}

export interface ReleaseCountry {
  /** ISO 3166-1 alpha-2 (Kosovo: XK). */
  code: string;
  /** Country name per language, e.g. { en: "Moldova", fr: "Moldavie", ar: "مولدوفا" }. */
  name: LocalText;
}

/** One published score. */
export interface ReleaseScore {
  country: string;
  /** Node or indicator code, or `classification:value` (e.g. `dimension:services`). */
  item: string;
  kind: "indicator" | "node" | "classification";
  /** Rounded to the framework's precision; null when there is no score. */
  score: number | null;
  /** Band code, null when unbanded. */
  band: string | null;
  /** Competition rank among the release's countries. */
  rank: number | null;
  /** Share of the weight below this item that had data, 0–1. */
  coverage: number | null;
  /** Change since the comparison release (same country and item), rounded like the score. */
  change: number | null;
  /** Set (true) on an indicator whose value was imputed by the framework's missing-data rule, not answered. */
  imputed?: true;
}

export interface RegionalAverage {
  item: string;
  kind: ReleaseScore["kind"];
  /** Mean over the release's countries that have a score, rounded like scores; null when none. */
  average: number | null;
}

/** The overall (root) and top-level section scores of one earlier or current release, for trends. */
export interface TrendPoint {
  release: string;
  period: string;
  publishedAt: string;
  scores: { country: string; item: string; score: number | null; band: string | null }[];
}

export interface ReleaseMeta {
  /** Permalink key, e.g. `cpi-demo-2025-v2`. */
  slug: string;
  frameworkCode: string;
  frameworkVersion: string;
  /** 1 for the first release of a cycle, 2 for its first correction… */
  version: number;
  period: string;
  cycleName: LocalText;
  /** ISO date-time. */
  publishedAt: string;
  /** The changelog entry of this release (why it was published or corrected). */
  notes: string;
  /** The release of the same cycle this one corrects, if any. */
  supersedes: { slug: string; version: number; publishedAt: string } | null;
  /** The latest release of an earlier period, against which `change` is computed. */
  comparison: { slug: string; period: string } | null;
  /** Demo data: shown as such on every page. */
  isDemo: boolean;
}

export interface ReleaseSnapshot {
  format: typeof RELEASE_FORMAT;
  release: ReleaseMeta;
  framework: Framework;
  countries: ReleaseCountry[];
  answers: ReleaseAnswer[];
  scores: ReleaseScore[];
  regional: RegionalAverage[];
  /** Earlier periods (from the comparison's trend) then this release; one point per period. */
  trend: TrendPoint[];
  /**
   * Present when the comparison release used another framework version: how this version's
   * items were matched to its codes (by the framework's crosswalk), for change and trend.
   */
  crosswalk?: ReleaseCrosswalk;
  /**
   * Areas below the country (regions, districts …) of the release's countries that had validated
   * area assessments, with their scores: each assessed area scored like a country, each area above
   * them rolled up from the areas below. Absent in releases without area assessments.
   */
  areas?: ReleaseArea[];
}

/** One area below a country in a release (see `ReleaseSnapshot.areas`). */
export interface ReleaseArea {
  /** The country's code. */
  country: string;
  /** The area's code, unique in its country (e.g. `MD-CU`). */
  code: string;
  /** The code of the area above it; null for a first-level area. */
  parent: string | null;
  /** 1 = just below the country. */
  level: number;
  name: LocalText;
  /**
   * `assessed`: scored from its own validated assessment; `rolled-up`: the mean of the areas
   * directly below it that have a score (it had no assessment of its own).
   */
  source: "assessed" | "rolled-up";
  /** Root and node scores (no indicators, no classifications), rounded like the country's. */
  scores: { item: string; score: number | null; band: string | null; rank: number | null }[];
  /** For a rolled-up area: how many areas below it had a score. */
  from?: number;
}

/** The matching of a release's items to the comparison's framework version. */
export interface ReleaseCrosswalk {
  fromVersion: string;
  toVersion: string;
  /** Items whose code or measure differs from the comparison's: their code there (null: none) and why. */
  items: { item: string; previous: string | null; change: CrosswalkChange | null }[];
}

export interface BuildReleaseInput {
  release: Omit<ReleaseMeta, "comparison">;
  framework: Framework;
  countries: ReleaseCountry[];
  answers: ReleaseAnswer[];
  /** The latest release of an earlier period of the same framework, if any. */
  comparison: ReleaseSnapshot | null;
  /**
   * The published answers of earlier periods (the latest release of each), read by the "country's
   * previous cycle" imputation; needed only when a node of the framework uses it.
   */
  earlier?: EarlierAnswers[];
}

/** The published answers of one earlier period, in the codes of its framework version. */
export interface EarlierAnswers {
  period: string;
  frameworkVersion: string;
  answers: readonly Pick<ReleaseAnswer, "country" | "indicator" | "value">[];
}

/**
 * The answers a release is scored from: its period's published answers and, when the framework
 * imputes from the previous cycle, its countries' answers of the earlier periods (each period
 * keeps its own goalposts and ranks; keep only the release's period of the scored table).
 */
export function releaseScoringAnswers(
  fw: Framework,
  period: string,
  countries: readonly string[],
  answers: readonly Pick<ReleaseAnswer, "country" | "indicator" | "value">[],
  earlier: readonly EarlierAnswers[] = [],
): Answer[] {
  const published = new Set(countries);
  const asAnswers = (list: EarlierAnswers["answers"], at: string): Answer[] =>
    list
      .filter((a) => a.value !== null)
      .map((a) => ({ entity: a.country, period: at, indicator: a.indicator, value: a.value }));
  const carried = usesPreviousCycle(fw)
    ? earlier
        .filter((e) => e.period !== period && sortPeriods([e.period, period])[0] === e.period)
        .flatMap((e) =>
          previousCycleAnswers(
            fw,
            e.frameworkVersion,
            asAnswers(
              e.answers.filter((a) => published.has(a.country)),
              e.period,
            ),
          ),
        )
    : [];
  return [...carried, ...asAnswers(answers, period)];
}

/** Items whose scores a trend keeps: the root and its direct children. */
function trendItems(fw: Framework): Set<string> {
  const root = fw.nodes.find((n) => n.parent === null)!.code;
  return new Set([root, ...fw.nodes.filter((n) => n.parent === root).map((n) => n.code)]);
}

/**
 * Builds a release snapshot: scores the published answers with the core engine
 * (goalposts taken "from the data" use the published countries only), adds
 * regional averages, change since the comparison release and the trend.
 * Pure and deterministic: the same input gives the same snapshot.
 */
export function buildReleaseSnapshot(input: BuildReleaseInput): ReleaseSnapshot {
  const { framework: fw, release, comparison } = input;
  const countries = [...input.countries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const answers = [...input.answers].sort(
    (a, b) =>
      (a.country < b.country ? -1 : a.country > b.country ? 1 : 0) ||
      (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0),
  );
  const table = keepPeriods(
    scoreAnswers(
      compileFramework(fw),
      releaseScoringAnswers(
        fw,
        release.period,
        countries.map((c) => c.code),
        answers,
        input.earlier,
      ),
    ),
    [release.period],
  );
  const before = new Map<string, number | null>();
  if (comparison) for (const s of comparison.scores) before.set(`${s.country}\u0000${s.item}`, s.score);
  const fromVersion = comparison?.release.frameworkVersion ?? fw.version;
  const origin = crosswalkOrigins(fw, fromVersion);
  const scores: ReleaseScore[] = [];
  for (const row of toScoreRows(table, fw)) {
    const previous = origin(row.node).previous;
    const prev = previous === null ? null : before.get(`${row.entity}\u0000${previous}`);
    scores.push({
      country: row.entity,
      item: row.node,
      kind: row.kind,
      score: row.score,
      band: row.band,
      rank: row.rank,
      coverage: row.coverage,
      change: scoreChange(row.score, prev ?? null, fw.precision),
      ...(row.imputed ? { imputed: true as const } : {}),
    });
  }
  const averages = regionalAverages(table);
  const regional: RegionalAverage[] = table.columns.map((column, c) => {
    const value = table.periods.length ? averages[c]! : Number.NaN;
    return {
      item: column.key,
      kind: column.kind,
      average: Number.isNaN(value) ? null : roundTo(value, fw.precision),
    };
  });
  const keep = trendItems(fw);
  const point: TrendPoint = {
    release: release.slug,
    period: release.period,
    publishedAt: release.publishedAt,
    scores: scores
      .filter((s) => keep.has(s.item))
      .map(({ country, item, score, band }) => ({ country, item, score, band })),
  };
  const crosswalk = comparison && fromVersion !== fw.version ? releaseCrosswalk(fw, fromVersion) : undefined;
  const earlier = (comparison?.trend ?? []).filter((p) => p.period !== release.period);
  const trend = [...(crosswalk ? earlier.map((p) => renameTrendPoint(p, fw, fromVersion)) : earlier), point];
  return {
    format: RELEASE_FORMAT,
    release: {
      ...release,
      comparison: comparison ? { slug: comparison.release.slug, period: comparison.release.period } : null,
    },
    framework: fw,
    countries,
    answers,
    scores,
    regional,
    trend,
    ...(crosswalk ? { crosswalk } : {}),
  };
}

/** Fast lookups over a snapshot, for pages and downloads. */
export interface ReleaseIndex {
  snapshot: ReleaseSnapshot;
  score(country: string, item: string): ReleaseScore | undefined;
  answer(country: string, indicator: string): ReleaseAnswer | undefined;
  regional(item: string): number | null;
}

export function indexRelease(snapshot: ReleaseSnapshot): ReleaseIndex {
  const scores = new Map(snapshot.scores.map((s) => [`${s.country}\u0000${s.item}`, s]));
  const answers = new Map(snapshot.answers.map((a) => [`${a.country}\u0000${a.indicator}`, a]));
  const regional = new Map(snapshot.regional.map((r) => [r.item, r.average]));
  return {
    snapshot,
    score: (country, item) => scores.get(`${country}\u0000${item}`),
    answer: (country, indicator) => answers.get(`${country}\u0000${indicator}`),
    regional: (item) => regional.get(item) ?? null,
  };
}

/**
 * How many imputed indicator values each published score counts (see `countImputed`): 1 on an
 * imputed indicator, on a node or classification value those below it; from the indicators'
 * flags, so a release published before nodes carried the count gives it too.
 */
export function releaseImputedCounts(snapshot: ReleaseSnapshot): (country: string, item: string) => number {
  const byCountry = new Map<string, string[]>();
  for (const s of snapshot.scores) {
    if (!s.imputed) continue;
    const list = byCountry.get(s.country) ?? [];
    list.push(s.item);
    byCountry.set(s.country, list);
  }
  if (!byCountry.size) return () => 0;
  const targets = imputedTargets(snapshot.framework);
  const counts = new Map([...byCountry].map(([country, items]) => [country, countImputed(targets, items)]));
  return (country, item) => counts.get(country)?.get(item) ?? 0;
}

/** The items of `fw` that a crosswalk from `fromVersion` matches to another code, or marks as changed. */
function releaseCrosswalk(fw: Framework, fromVersion: string): ReleaseCrosswalk {
  const origin = crosswalkOrigins(fw, fromVersion);
  const items = [...fw.nodes.map((n) => n.code), ...fw.indicators.map((i) => i.code)]
    .map((item) => ({ item, ...origin(item) }))
    .filter((x) => x.previous !== x.item || x.change !== null);
  return { fromVersion, toVersion: fw.version, items };
}

/**
 * An earlier trend point under this version's codes: an item keeps the history of its single
 * counterpart (same code, renamed, moved, rescored); a split or new item starts afresh, and old
 * items with no counterpart drop out.
 */
function renameTrendPoint(point: TrendPoint, fw: Framework, fromVersion: string): TrendPoint {
  const origin = crosswalkOrigins(fw, fromVersion);
  const byPrevious = new Map<string, string>();
  for (const item of [...fw.nodes.map((n) => n.code), ...fw.indicators.map((i) => i.code)]) {
    const o = origin(item);
    if (o.previous !== null && o.change !== "split") byPrevious.set(o.previous, item);
  }
  return {
    ...point,
    scores: point.scores.flatMap((x) => {
      const item = byPrevious.get(x.item);
      return item === undefined ? [] : [{ ...x, item }];
    }),
  };
}
