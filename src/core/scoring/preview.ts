import type { Framework } from "../framework/model.ts";
import { countImputed, imputedTargets } from "./imputed.ts";
import { cellIndex, type ScoreTable } from "./score-table.ts";

/** One score item of the preview: its unrounded score and coverage (null: none) and the imputed values it counts. */
export interface PreviewItem {
  code: string;
  score: number | null;
  /** Share (0–1) of the weight below the item that had data; null when not applicable. */
  coverage: number | null;
  /** Imputed indicator values this score counts (as `imputedCount` of the stored scores). */
  imputedCount: number;
}

/** The live score of one country in one period: overall and per top-level section, with what was imputed. */
export interface ScorePreview {
  overall: PreviewItem;
  /** Index into the framework's bands, -1 when none. */
  band: number;
  sections: PreviewItem[];
  /** Indicators left unanswered whose value a node's missing-data policy filled in. */
  imputed: string[];
}

/**
 * The preview of one entity and period read from a scored table (the same table the stored
 * scores come from, so the figures agree); an entity or period not in the table has no score.
 */
export function scorePreview(fw: Framework, table: ScoreTable, entity: string, period: string): ScorePreview {
  const e = table.entities.indexOf(entity);
  const p = table.periods.indexOf(period);
  const found = e >= 0 && p >= 0 && table.present[p * table.entities.length + e] === 1;
  const column = new Map(table.columns.map((c, i) => [`${c.kind}:${c.key}`, i]));
  const imputed: string[] = [];
  if (found) {
    table.columns.forEach((c, i) => {
      if (c.kind === "indicator" && table.imputed[cellIndex(table, p, e, i)] === 1) imputed.push(c.key);
    });
  }
  const counts = countImputed(imputedTargets(fw), imputed);
  const item = (code: string): PreviewItem => {
    const i = column.get(`node:${code}`);
    if (!found || i === undefined) return { code, score: null, coverage: null, imputedCount: 0 };
    const at = cellIndex(table, p, e, i);
    const score = table.score[at]!;
    const coverage = table.coverage[at]!;
    return {
      code,
      score: Number.isNaN(score) ? null : score,
      coverage: Number.isNaN(coverage) ? null : coverage,
      imputedCount: counts.get(code) ?? 0,
    };
  };
  const root = fw.nodes.find((n) => n.parent === null)!;
  const rootColumn = column.get(`node:${root.code}`);
  return {
    overall: item(root.code),
    band: found && rootColumn !== undefined ? table.band[cellIndex(table, p, e, rootColumn)]! : -1,
    sections: fw.nodes.filter((n) => n.parent === root.code).map((n) => item(n.code)),
    imputed,
  };
}
