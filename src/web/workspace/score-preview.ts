import { type CompiledFramework, type Framework, scoreAnswers } from "../../core/index.ts";
import type { AnswerContent } from "./answer-saver.ts";

/** The preview of one assessment's scores: overall and per top-level section. */
export interface ScorePreview {
  overall: number;
  /** Index into the framework's bands, -1 when none. */
  band: number;
  sections: { code: string; score: number }[];
}

/**
 * Scores this country's current answers with the engine the server uses. Data
 * goalposts come from this one country only, so the page says it is a preview.
 */
export function previewScores(
  fw: Framework,
  compiled: CompiledFramework,
  country: string,
  period: string,
  answers: Iterable<[string, AnswerContent]>,
): ScorePreview {
  const list = [];
  for (const [indicator, { value }] of answers) {
    if (value !== null && value !== "") list.push({ entity: country, period, indicator, value });
  }
  const table = scoreAnswers(compiled, list);
  const width = table.columns.length;
  const column = new Map(table.columns.map((c, i) => [`${c.kind}:${c.key}`, i]));
  const at = (key: string) => {
    const i = column.get(key);
    return i === undefined || table.entities.length === 0 ? Number.NaN : table.score[i]!;
  };
  const root = fw.nodes.find((n) => n.parent === null)!;
  const rootColumn = column.get(`node:${root.code}`) ?? -1;
  return {
    overall: at(`node:${root.code}`),
    band: table.entities.length > 0 && rootColumn >= 0 && width > 0 ? table.band[rootColumn]! : -1,
    sections: fw.nodes
      .filter((n) => n.parent === root.code)
      .map((n) => ({ code: n.code, score: at(`node:${n.code}`) })),
  };
}
