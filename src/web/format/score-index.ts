import type { ScoreRow } from "../api/endpoints.ts";

/** Score rows indexed for table cells: country → node (or `classification:value`) → row. */
export type ScoreIndex = Map<string, Map<string, ScoreRow>>;

/** Groups rows of one period by country and node; later rows of the same key replace earlier ones. */
export function indexScoresByCountry(rows: ScoreRow[]): ScoreIndex {
  const index: ScoreIndex = new Map();
  for (const row of rows) {
    let byNode = index.get(row.country);
    if (!byNode) {
      byNode = new Map();
      index.set(row.country, byNode);
    }
    byNode.set(row.node, row);
  }
  return index;
}

/** Groups one country's rows by node, then period. */
export function indexScoresByNode(rows: ScoreRow[]): Map<string, Map<string, ScoreRow>> {
  const index = new Map<string, Map<string, ScoreRow>>();
  for (const row of rows) {
    let byPeriod = index.get(row.node);
    if (!byPeriod) {
      byPeriod = new Map();
      index.set(row.node, byPeriod);
    }
    byPeriod.set(row.period, row);
  }
  return index;
}
