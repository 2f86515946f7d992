import { scoreColumns } from "./column-engine.ts";
import { answerColumns, sortPeriods } from "./columns.ts";
import type { CompiledFramework } from "./compile.ts";
import { roundTo } from "./rank.ts";
import type { Answer, ScoreTable } from "./score-table.ts";

export { type Answer, type ColumnKind, cellIndex, type ScoreColumn, type ScoreTable } from "./score-table.ts";

/**
 * Scores answers against a compiled framework: indicators, every node, every
 * classification value, coverage, bands and ranks. Pure and deterministic.
 * The answers are first laid out as columns (one typed array per indicator,
 * `answerColumns`), then scored by `scoreColumns`, one pass per node.
 */
export function scoreAnswers(cf: CompiledFramework, answers: Iterable<Answer>): ScoreTable {
  return scoreColumns(cf, answerColumns(cf, answers));
}

export { roundTo, sortPeriods };
