import type { RowProblem } from "./map-row.ts";

const LINES_SHOWN = 5;
const EXAMPLES_SHOWN = 3;

/**
 * Row problems grouped by kind, largest group first, each as one line that says how many rows,
 * which lines first, then the first few messages in full:
 * "412 rows: unknown position — lines 3, 8, 19, 22, 40 …", "  line 3, column Response: …".
 */
export function groupProblems(problems: readonly RowProblem[]): string[] {
  const byKind = new Map<string, RowProblem[]>();
  for (const p of problems) {
    const list = byKind.get(p.kind) ?? [];
    list.push(p);
    byKind.set(p.kind, list);
  }
  const groups = [...byKind.entries()].sort((a, b) => b[1].length - a[1].length);
  return groups.flatMap(([kind, list]) => {
    const lines = [...new Set(list.map((p) => p.line))];
    const more = lines.length > LINES_SHOWN ? " …" : "";
    const rows = lines.length === 1 ? "1 row" : `${lines.length} rows`;
    return [
      `${rows}: ${kind} — line${lines.length === 1 ? "" : "s"} ${lines.slice(0, LINES_SHOWN).join(", ")}${more}`,
      ...list.slice(0, EXAMPLES_SHOWN).map((p) => `  ${p.message}`),
    ];
  });
}
