import { stringify } from "csv-stringify/sync";
import type { ConsultationAggregate } from "../../core/index.ts";
import { neutraliseFormula } from "../../core/index.ts";

/**
 * The aggregate results as CSV rows: question, breakdown, group, answer, children. Built from the
 * suppressed aggregate only, so the file cannot show more than the page.
 */
export function resultsCsv(results: ConsultationAggregate): string {
  const rows: (string | number)[][] = [
    ["question", "breakdown", "group", "answer", "children", "group size"],
  ];
  for (const q of results.questions) {
    if (!q.total) continue;
    const groups = [
      { dimension: "all", key: "all", tally: q.total },
      ...q.breakdowns.flatMap((b) => b.groups.map((g) => ({ dimension: b.dimension, key: g.key, tally: g }))),
    ];
    for (const g of groups) {
      const entries = Object.entries(g.tally.counts);
      if (!entries.length) rows.push([q.code, g.dimension, g.key, "", "", g.tally.n]);
      for (const [answer, n] of entries) rows.push([q.code, g.dimension, g.key, answer, n, g.tally.n]);
    }
  }
  return stringify(rows.map((r) => r.map((c) => (typeof c === "string" ? neutraliseFormula(c) : c))));
}
