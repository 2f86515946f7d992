import {
  type FrameworkNode,
  type Indicator,
  type ReleaseScore,
  strengthsAndWeakest,
} from "../../core/index.ts";
import type { PageEnv } from "../context.ts";

/** The sections: the root's direct children, in framework order. */
export function sectionNodes(env: PageEnv): FrameworkNode[] {
  return env.fw.nodes.filter((n) => n.parent === env.rootNode);
}

/** Children of a node, in framework order. */
export function childNodes(env: PageEnv, code: string): FrameworkNode[] {
  return env.fw.nodes.filter((n) => n.parent === code);
}

/** Indicators directly under a node, or under any of its descendants when `deep`. */
export function indicatorsUnder(env: PageEnv, code: string, deep = false): Indicator[] {
  if (!deep) return env.fw.indicators.filter((i) => i.node === code);
  const codes = new Set([code]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of env.fw.nodes)
      if (n.parent && codes.has(n.parent) && !codes.has(n.code)) {
        codes.add(n.code);
        grew = true;
      }
  }
  return env.fw.indicators.filter((i) => codes.has(i.node));
}

/** The items of one classification (`dimension:services`…) that have at least one score in the release. */
export function classificationItems(env: PageEnv, classification: string): { item: string; label: string }[] {
  const cls = env.fw.classifications.find((c) => c.code === classification);
  if (!cls) return [];
  const scored = new Set(env.snap.scores.filter((s) => s.kind === "classification").map((s) => s.item));
  return cls.values
    .map((v) => ({ item: `${cls.code}:${v.code}`, label: env.text(v.label) }))
    .filter((x) => scored.has(x.item));
}

/** Countries by overall rank (unranked last, then by name). */
export function rankedCountries(
  env: PageEnv,
): { code: string; name: string; row: ReleaseScore | undefined }[] {
  return env.snap.countries
    .map((c) => ({ code: c.code, name: env.countryName(c.code), row: env.idx.score(c.code, env.rootNode) }))
    .sort(
      (a, b) =>
        (a.row?.rank ?? Number.POSITIVE_INFINITY) - (b.row?.rank ?? Number.POSITIVE_INFINITY) ||
        a.name.localeCompare(b.name, env.lang),
    );
}

export interface GapFigures {
  policy: number | null;
  implementation: number | null;
  gap: number | null;
}

function mean(values: (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === "number");
  return present.length ? present.reduce((s, v) => s + v, 0) / present.length : null;
}

function round(value: number | null, precision: number): number | null {
  if (value === null) return null;
  const f = 10 ** precision;
  return Math.round(value * f) / f;
}

/**
 * The law-and-policy versus implementation gap of a country (framework.gap):
 * the mean score of the policy values minus the mean score of the
 * implementation values; null when the framework defines none or data lacks.
 */
export function gapOf(env: PageEnv, country: string): GapFigures | null {
  const gap = env.fw.gap;
  if (!gap) return null;
  const scoreOf = (v: string) => env.idx.score(country, `${gap.classification}:${v}`)?.score;
  const policy = mean(gap.policy.map(scoreOf));
  const implementation = mean(gap.implementation.map(scoreOf));
  const p = env.fw.precision;
  return {
    policy: round(policy, p),
    implementation: round(implementation, p),
    gap: policy === null || implementation === null ? null : round(policy - implementation, p),
  };
}

/** The regional (mean over countries) gap, for the marker next to a country's. */
export function regionalGap(env: PageEnv): GapFigures | null {
  const gap = env.fw.gap;
  if (!gap) return null;
  const avg = (values: string[]) => mean(values.map((v) => env.idx.regional(`${gap.classification}:${v}`)));
  const policy = avg(gap.policy);
  const implementation = avg(gap.implementation);
  const p = env.fw.precision;
  return {
    policy: round(policy, p),
    implementation: round(implementation, p),
    gap: policy === null || implementation === null ? null : round(policy - implementation, p),
  };
}

/** An area a country profile may name as a strength or weakness: a bar of one of its charts. */
export interface CountryArea {
  code: string;
  label: string;
  /** The chart it is a bar of: "Section", or the classification's name ("UNCRC article"). */
  context: string;
  score: number;
  band: string | null;
}

/**
 * A country's strengths and weakest areas, from the bars of the profile's own charts (the
 * sections and each classification's values) so that an area carries the very figure its chart
 * shows; chosen by `strengthsAndWeakest`, the one rule every page and report follows.
 */
export function countryAreas(
  env: PageEnv,
  country: string,
): { strengths: CountryArea[]; weakest: CountryArea[] } {
  const items = [
    ...sectionNodes(env).map((n) => ({ item: n.code, label: env.text(n.label), context: env.t("section") })),
    ...env.fw.classifications.flatMap((c) =>
      classificationItems(env, c.code).map((x) => ({ ...x, context: env.text(c.label) })),
    ),
  ];
  const areas = items.flatMap((x): CountryArea[] => {
    const row = env.idx.score(country, x.item);
    return typeof row?.score === "number"
      ? [{ code: x.item, label: x.label, context: x.context, score: row.score, band: row.band }]
      : [];
  });
  return strengthsAndWeakest(areas, env.fw.precision, 5, env.lang);
}

/** Overall changes since the comparison release: largest improvements and declines (at most `n` each). */
export function largestChanges(env: PageEnv, n = 3) {
  const rows = env.snap.countries
    .map((c) => ({ code: c.code, name: env.countryName(c.code), row: env.idx.score(c.code, env.rootNode) }))
    .filter((x) => typeof x.row?.change === "number")
    .map((x) => ({ code: x.code, name: x.name, change: x.row!.change!, score: x.row!.score }));
  return {
    improvements: rows
      .filter((r) => r.change > 0)
      .sort((a, b) => b.change - a.change)
      .slice(0, n),
    declines: rows
      .filter((r) => r.change < 0)
      .sort((a, b) => a.change - b.change)
      .slice(0, n),
  };
}

/** How many countries sit in each band (overall score), in band order, plus those without a band. */
export function bandCounts(env: PageEnv): { code: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const c of env.snap.countries) {
    const band = env.idx.score(c.code, env.rootNode)?.band ?? null;
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  const out: { code: string | null; count: number }[] = env.fw.bands.map((b) => ({
    code: b.code,
    count: counts.get(b.code) ?? 0,
  }));
  if (counts.get(null)) out.push({ code: null, count: counts.get(null)! });
  return out;
}

/** Answer counts of a country: answered (a value, not "not applicable"), not applicable, total indicators. */
export function answerCounts(env: PageEnv, country: string) {
  let answered = 0;
  let na = 0;
  for (const a of env.snap.answers) {
    if (a.country !== country || a.value === null) continue;
    if (a.value === "na") na++;
    else answered++;
  }
  // Indicators without an answer whose value the framework's missing-data rule filled in.
  const imputed = env.fw.indicators.filter((ind) => isImputed(env, country, ind.code)).length;
  return { answered, na, imputed, total: env.fw.indicators.length };
}

/** True when a country's value of an indicator was imputed (not answered) in this release. */
export function isImputed(env: PageEnv, country: string, indicator: string): boolean {
  return env.idx.score(country, indicator)?.imputed === true;
}

/** The chain of nodes from the root's child down to a node (for "part of" lines). */
export function nodePath(env: PageEnv, code: string): FrameworkNode[] {
  const byCode = new Map(env.fw.nodes.map((n) => [n.code, n]));
  const out: FrameworkNode[] = [];
  for (let n = byCode.get(code); n && n.parent !== null; n = byCode.get(n.parent)) out.unshift(n);
  return out;
}

/** The band a displayed score falls in (lower bound included; the highest band includes its upper bound). */
export function bandOfValue(env: PageEnv, value: number | null): string | null {
  if (value === null) return null;
  const bands = env.fw.bands;
  return (
    bands.find((b, i) => value >= b.min && (value < b.max || (i === bands.length - 1 && value <= b.max)))
      ?.code ?? null
  );
}
