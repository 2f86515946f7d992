import { type Achievement, bandOf, type ProgressBand } from "./achievement.ts";
import type { ProgressIndicator, ProgressNode } from "./model.ts";

export interface NodeProgress {
  nodeId: string;
  /** Rolled-up score in [0, 1]; null when nothing below is measured or the rule is `none`. */
  score: number | null;
  band: ProgressBand;
  /** Indicators at or below the node that can be measured (not narrative). */
  indicators: number;
  /** Of those, how many have a score for the period. */
  measured: number;
  /** Ids of measurable indicators at or below the node without a score, to say what is missing. */
  missing: string[];
}

/**
 * Rolls indicator scores up the tree. A node's score combines its own indicators'
 * scores and its children's rolled-up scores by the node's rule: `average` (each
 * counts once), `weighted` (by each indicator's and child node's weight) or `none`
 * (the node shows no figure; its parent then skips it). Missing values are left out,
 * never counted as zero, and the coverage says how much is missing.
 */
export function rollUp(
  nodes: readonly ProgressNode[],
  indicators: readonly ProgressIndicator[],
  scores: ReadonlyMap<string, Achievement>,
): Map<string, NodeProgress> {
  const children = new Map<string, ProgressNode[]>();
  const own = new Map<string, ProgressIndicator[]>();
  for (const n of nodes) if (n.parentId) push(children, n.parentId, n);
  for (const i of indicators) push(own, i.nodeId, i);
  const result = new Map<string, NodeProgress>();

  // Walking down from the roots only, a (corrupt) cycle of nodes is never entered.
  const visit = (node: ProgressNode): NodeProgress => {
    const parts: { score: number; weight: number }[] = [];
    let count = 0;
    const missing: string[] = [];
    for (const ind of own.get(node.id) ?? []) {
      if (ind.type === "narrative") continue;
      count++;
      const score = scores.get(ind.id)?.score ?? null;
      if (score === null) missing.push(ind.id);
      else parts.push({ score, weight: ind.weight });
    }
    for (const child of children.get(node.id) ?? []) {
      const progress = visit(child);
      count += progress.indicators;
      missing.push(...progress.missing);
      if (progress.score !== null) parts.push({ score: progress.score, weight: child.weight });
    }
    const score = node.rule === "none" ? null : combine(parts, node.rule === "weighted");
    const progress = {
      nodeId: node.id,
      score,
      band: bandOf(score),
      indicators: count,
      measured: count - missing.length,
      missing,
    };
    result.set(node.id, progress);
    return progress;
  };
  for (const root of nodes.filter((n) => n.parentId === null)) visit(root);
  return result;
}

function combine(parts: readonly { score: number; weight: number }[], weighted: boolean): number | null {
  if (!parts.length) return null;
  if (!weighted) return parts.reduce((a, p) => a + p.score, 0) / parts.length;
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (total <= 0) return null;
  return parts.reduce((a, p) => a + p.score * p.weight, 0) / total;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
