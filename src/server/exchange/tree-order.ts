import type { Framework, Indicator, LocalText } from "../../core/index.ts";

export interface OrderedIndicator {
  indicator: Indicator;
  /** Labels of the nodes from below the root down to the indicator's node. */
  path: string[];
}

/** A text in `language`, else in the framework's default language, else any. */
export function pickText(text: LocalText | undefined, language: string, fallback: string): string {
  if (!text) return "";
  return text[language] ?? text[fallback] ?? Object.values(text)[0] ?? "";
}

/**
 * The indicators in the order of the framework tree (depth first, siblings in
 * file order), each with its section path in `language`. Indicators whose node
 * is missing come last, so none is ever left out of an export.
 */
export function orderIndicators(fw: Framework, language: string): OrderedIndicator[] {
  const children = new Map<string | null, string[]>();
  for (const node of fw.nodes) {
    const parent = node.parent ?? null;
    children.set(parent, [...(children.get(parent) ?? []), node.code]);
  }
  const byNode = new Map<string, Indicator[]>();
  for (const ind of fw.indicators) byNode.set(ind.node, [...(byNode.get(ind.node) ?? []), ind]);
  const labels = new Map(fw.nodes.map((n) => [n.code, pickText(n.label, language, fw.defaultLanguage)]));
  // A single root is the index itself: naming it on every row says nothing.
  const roots = children.get(null) ?? [];
  const skipRoot = roots.length === 1;

  const out: OrderedIndicator[] = [];
  const seen = new Set<string>();
  const visit = (code: string, path: string[]) => {
    if (seen.has(code)) return;
    seen.add(code);
    for (const indicator of byNode.get(code) ?? []) out.push({ indicator, path });
    for (const child of children.get(code) ?? []) visit(child, [...path, labels.get(child) ?? child]);
  };
  for (const root of roots) visit(root, skipRoot ? [] : [labels.get(root) ?? root]);
  const placed = new Set(out.map((o) => o.indicator.code));
  for (const indicator of fw.indicators) if (!placed.has(indicator.code)) out.push({ indicator, path: [] });
  return out;
}
