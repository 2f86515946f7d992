import { stringify } from "csv-stringify/sync";
import type { Framework, ScoreRow, ScoreTable } from "../../core/index.ts";
import { neutraliseFormula, regionalAverages, roundTo, toScoreRows } from "../../core/index.ts";

export const SCORE_CSV_COLUMNS = [
  "entity",
  "period",
  "node",
  "score",
  "band",
  "rank",
  "coverage",
  "imputed",
] as const;

/**
 * Scores as CSV: one row per entity, period and node (classification values as `classification:value`);
 * `imputed` is 1 on an indicator filled in by the missing-data rule, on a node how many such values it counts.
 */
export function scoresToCsv(table: ScoreTable, fw: Framework): string {
  const rows: (string | number)[][] = [];
  for (const row of toScoreRows(table, fw)) {
    // Scores are numbers written with the framework's precision; the texts are neutralised.
    rows.push([
      neutraliseFormula(row.entity),
      neutraliseFormula(row.period),
      neutraliseFormula(row.node),
      row.score === null ? "" : row.score.toFixed(fw.precision),
      neutraliseFormula(row.band ?? ""),
      row.rank ?? "",
      row.coverage ?? "",
      row.imputedCount,
    ]);
  }
  return stringify(rows, { header: true, columns: [...SCORE_CSV_COLUMNS] });
}

/** Scores as JSON: the rows, plus regional averages per period and node. */
export function scoresToJson(table: ScoreTable, fw: Framework) {
  const rows: ScoreRow[] = [...toScoreRows(table, fw)];
  const averages = regionalAverages(table);
  const width = table.columns.length;
  const regional = table.periods.flatMap((period, p) =>
    table.columns.flatMap((column, c) => {
      const value = averages[p * width + c]!;
      return Number.isNaN(value) || column.kind === "indicator"
        ? []
        : [{ period, node: column.key, average: roundTo(value, fw.precision) }];
    }),
  );
  return {
    framework: { code: fw.code, version: fw.version },
    entities: table.entities,
    periods: table.periods,
    rows,
    averages: regional,
    skipped: table.skipped.map((s) => ({ ...s.answer, reason: s.reason })),
  };
}
