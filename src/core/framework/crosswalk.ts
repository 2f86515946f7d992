import type { CrosswalkChange, Framework } from "./model.ts";

/** Where an item of this framework stood in an earlier version, for comparisons across the two. */
export interface ItemOrigin {
  /** The item's code in the earlier version; null when it has no single counterpart (new or merged). */
  previous: string | null;
  /** Set when the framework changed the measure (split, merged, rescored): a change is partly methodology. */
  change: CrosswalkChange | null;
}

const METHOD_CHANGES: ReadonlySet<CrosswalkChange> = new Set(["split", "merged", "rescored"]);

/** True when a crosswalk change alters what an item measures (not only its code or place). */
export function isMethodologyChange(change: CrosswalkChange | null): boolean {
  return change !== null && METHOD_CHANGES.has(change);
}

/**
 * The origin of every item of `fw` in framework version `fromVersion`, read from the
 * framework's crosswalk for that version: an item named as `to` takes the entry's `from` (none
 * when several old items were merged into it); an item not named keeps its code, unless that
 * code was mapped elsewhere or removed in the crosswalk (then it is new). The same version, or
 * a version without a crosswalk: every item keeps its code.
 */
export function crosswalkOrigins(fw: Framework, fromVersion: string): (item: string) => ItemOrigin {
  const walk =
    fromVersion === fw.version ? undefined : fw.crosswalks?.find((c) => c.fromVersion === fromVersion);
  if (!walk) return (item) => ({ previous: item, change: null });
  const byTarget = new Map<string, { from: string; change: CrosswalkChange }[]>();
  const mappedAway = new Set<string>();
  for (const entry of walk.entries) {
    if (entry.to !== entry.from) mappedAway.add(entry.from);
    if (entry.to === null) continue;
    const list = byTarget.get(entry.to) ?? [];
    list.push({ from: entry.from, change: entry.change });
    byTarget.set(entry.to, list);
  }
  return (item) => {
    const sources = byTarget.get(item);
    if (!sources) return { previous: mappedAway.has(item) ? null : item, change: null };
    const change = sources.find((s) => isMethodologyChange(s.change))?.change ?? sources[0]!.change;
    return { previous: sources.length === 1 ? sources[0]!.from : null, change };
  };
}

/** Problems of a framework's crosswalks, as messages with their paths (empty: fine). */
export function crosswalkIssues(fw: Framework): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const items = new Set([...fw.nodes.map((n) => n.code), ...fw.indicators.map((i) => i.code)]);
  const versions = new Set<string>();
  (fw.crosswalks ?? []).forEach((walk, w) => {
    if (walk.fromVersion === fw.version)
      issues.push({
        path: ["crosswalks", w, "fromVersion"],
        message: "a crosswalk maps an earlier version, not this one",
      });
    if (versions.has(walk.fromVersion))
      issues.push({
        path: ["crosswalks", w, "fromVersion"],
        message: `a second crosswalk from version "${walk.fromVersion}"`,
      });
    versions.add(walk.fromVersion);
    const seen = new Set<string>();
    walk.entries.forEach((entry, e) => {
      const at = ["crosswalks", w, "entries", e];
      if (entry.change === "removed" && entry.to !== null)
        issues.push({ path: [...at, "to"], message: `"removed" needs "to": null (found "${entry.to}")` });
      if (entry.change !== "removed" && entry.to === null)
        issues.push({ path: [...at, "to"], message: `"${entry.change}" needs the code it became in "to"` });
      if (entry.to !== null && !items.has(entry.to))
        issues.push({ path: [...at, "to"], message: `no node or indicator "${entry.to}" in this version` });
      const key = `${entry.from}\u0000${entry.to}`;
      if (seen.has(key))
        issues.push({ path: at, message: `"${entry.from}" → "${entry.to}" is listed twice` });
      seen.add(key);
    });
  });
  return issues;
}
