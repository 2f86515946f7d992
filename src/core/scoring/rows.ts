import type { Framework } from "../framework/model.ts";
import { cellIndex, type ScoreTable } from "./engine.ts";
import { countImputed, imputedTargets } from "./imputed.ts";
import { roundTo } from "./rank.ts";
import { previousScore, scoreChange } from "./summary.ts";

/** One published score: an entity's score for a node, indicator or classification value in a period. */
export interface ScoreRow {
  entity: string;
  period: string;
  /** Node or indicator code, or `classification:value`. */
  node: string;
  kind: "indicator" | "node" | "classification";
  /** Rounded to the framework's precision; null when there is no score. */
  score: number | null;
  band: string | null;
  rank: number | null;
  /** Share of the weight below this item that had data, 0–1, to 4 decimals. */
  coverage: number | null;
  /** Change since the entity's previous period, rounded like the score. */
  change: number | null;
  /** True on an indicator whose value was imputed by a node's missing-data policy, not answered. */
  imputed: boolean;
  /** Imputed indicator values this score counts: 1 on an imputed indicator, on a node or classification value those below it. */
  imputedCount: number;
}

/** Lists the table as rows, one per entity, period and column, in a stable order. */
export function* toScoreRows(table: ScoreTable, fw: Framework): Generator<ScoreRow> {
  const { precision, bands } = fw;
  const targets = imputedTargets(fw);
  const none = new Map<string, number>();
  for (let p = 0; p < table.periods.length; p++) {
    for (let e = 0; e < table.entities.length; e++) {
      if (!table.present[p * table.entities.length + e]) continue;
      const imputed: string[] = [];
      for (let c = 0; c < table.columns.length; c++)
        if (table.imputed[cellIndex(table, p, e, c)] === 1) imputed.push(table.columns[c]!.key);
      const counts = imputed.length ? countImputed(targets, imputed) : none;
      for (let c = 0; c < table.columns.length; c++) {
        const i = cellIndex(table, p, e, c);
        const s = table.score[i]!;
        const cov = table.coverage[i]!;
        const change = scoreChange(s, previousScore(table, p, e, c), precision);
        const band = table.band[i]!;
        yield {
          entity: table.entities[e]!,
          period: table.periods[p]!,
          node: table.columns[c]!.key,
          kind: table.columns[c]!.kind,
          score: Number.isNaN(s) ? null : roundTo(s, precision),
          band: band >= 0 ? bands[band]!.code : null,
          rank: table.rank[i]! || null,
          coverage: Number.isNaN(cov) ? null : roundTo(cov, 4),
          change,
          imputed: table.imputed[i] === 1,
          imputedCount: counts.get(table.columns[c]!.key) ?? 0,
        };
      }
    }
  }
}
