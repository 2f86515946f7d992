import { roundScore, textSimilarity, tfIdfSpace } from "./similarity.ts";

/** A recommendation as the synergy grouping reads it. */
export interface SynergyInput {
  id: string;
  /** The mechanism that made it (`crc`, `upr`, a regional body…). */
  mechanism: string;
  text: string;
  articles: readonly string[];
  themes: readonly string[];
}

/** Recommendations of several mechanisms that ask for the same thing: a suggestion to confirm. */
export interface SynergyGroup {
  /** The recommendations, ordered by mechanism then id. */
  ids: string[];
  mechanisms: string[];
  /** UNCRC articles every pair that joined the group shared (union over the pairs). */
  articles: string[];
  themes: string[];
  /** The weakest text similarity (TF-IDF cosine, 0–1) among the pairs that joined the group. */
  score: number;
}

/** Text similarity (0–1) from which two recommendations sharing an article or theme are grouped. */
export const SYNERGY_THRESHOLD = 0.25;

/**
 * Suggests synergies: recommendations of different mechanisms that speak to the same issue —
 * they share a UNCRC article or a theme, and their texts are similar (the recommendations
 * module's TF-IDF cosine, `tfIdfSpace`, at least `threshold`). Pairs are joined into groups
 * (a CRC observation, a UPR recommendation and a regional body's conclusion on corporal
 * punishment make one group). Two recommendations of one mechanism are never paired directly;
 * groups of one mechanism only are left out. A person confirms a group before it is used.
 */
export function groupSynergies(
  recommendations: readonly SynergyInput[],
  threshold = SYNERGY_THRESHOLD,
): SynergyGroup[] {
  const byId = new Map(recommendations.map((r) => [r.id, r]));
  const parent = new Map(recommendations.map((r) => [r.id, r.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const links: { a: string; b: string; score: number; articles: string[]; themes: string[] }[] = [];
  // TF-IDF over the recommendations themselves, computed once: every pair is then one cosine.
  const vectors = tfIdfSpace(recommendations.map((r) => r.text)).vectors;
  recommendations.forEach((r, i) => {
    recommendations.forEach((other, j) => {
      if (other.id <= r.id || other.mechanism === r.mechanism) return;
      const articles = r.articles.filter((a) => other.articles.includes(a));
      const themes = r.themes.filter((t) => other.themes.includes(t));
      if (!articles.length && !themes.length) return;
      const score = roundScore(textSimilarity(vectors[i]!, vectors[j]!));
      if (score <= 0 || score < threshold) return;
      links.push({ a: r.id, b: other.id, score, articles, themes });
      parent.set(find(r.id), find(other.id));
    });
  });
  const groups = new Map<
    string,
    { ids: Set<string>; score: number; articles: Set<string>; themes: Set<string> }
  >();
  for (const link of links) {
    const root = find(link.a);
    const group = groups.get(root) ?? { ids: new Set(), score: 1, articles: new Set(), themes: new Set() };
    group.ids.add(link.a).add(link.b);
    group.score = Math.min(group.score, link.score);
    for (const a of link.articles) group.articles.add(a);
    for (const t of link.themes) group.themes.add(t);
    groups.set(root, group);
  }
  return [...groups.values()]
    .map((g) => {
      const ids = [...g.ids].sort(
        (x, y) => byId.get(x)!.mechanism.localeCompare(byId.get(y)!.mechanism) || x.localeCompare(y),
      );
      return {
        ids,
        mechanisms: [...new Set(ids.map((id) => byId.get(id)!.mechanism))].sort(),
        articles: [...g.articles].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)),
        themes: [...g.themes].sort(),
        score: g.score,
      };
    })
    .filter((g) => g.mechanisms.length > 1)
    .sort((a, b) => b.ids.length - a.ids.length || b.score - a.score || a.ids[0]!.localeCompare(b.ids[0]!));
}

/** The key of a set of recommendations: their ids, sorted, comma-joined (a dismissal is kept by it). */
export function synergyKey(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(",");
}

/**
 * The suggestions still open for a person to decide: the groups of `groupSynergies` among the
 * recommendations not already in a confirmed group (`confirmed`: their ids), less those whose
 * exact set of recommendations was dismissed (`dismissed`: their `synergyKey`s). A dismissed
 * group that gains a new member (a later review says the same) is suggested again.
 */
export function openSynergies(
  recommendations: readonly SynergyInput[],
  decided: { confirmed: ReadonlySet<string>; dismissed: ReadonlySet<string> },
  threshold = SYNERGY_THRESHOLD,
): SynergyGroup[] {
  return groupSynergies(
    recommendations.filter((r) => !decided.confirmed.has(r.id)),
    threshold,
  ).filter((g) => !decided.dismissed.has(synergyKey(g.ids)));
}

/**
 * The status of a group tracked once: the members' common latest status, or null when they differ
 * (set apart before the group was confirmed) or when one has none.
 */
export function commonStatus<S extends string>(statuses: readonly (S | null)[]): S | null {
  const [first] = statuses;
  return first && statuses.every((s) => s === first) ? first : null;
}
