import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import {
  compileFramework,
  keepPeriods,
  type ReleaseSnapshot,
  releaseScoringAnswers,
  scoreAnswers,
  toScoreRows,
} from "../../src/core/index.ts";
import { sdmxId } from "../../src/core/publishing/downloads.ts";

/** Scores keyed `"{country} {item}"`. */
export type ScoreMap = Map<string, number | null>;

/**
 * The engine's scores for a release: the snapshot's public answers scored
 * again from scratch with the core engine (compileFramework, scoreAnswers,
 * toScoreRows), optionally kept for some countries only. Every country is
 * always scored: goalposts taken from the data depend on all of them. When a
 * node imputes from the country's previous cycle, `earlier` gives the public
 * answers of earlier releases (their JSON downloads), as publishing reads them.
 */
export function engineScores(
  snapshot: ReleaseSnapshot,
  countries?: string[],
  earlier: readonly ReleaseSnapshot[] = [],
): ScoreMap {
  const { period } = snapshot.release;
  const table = keepPeriods(
    scoreAnswers(
      compileFramework(snapshot.framework),
      releaseScoringAnswers(
        snapshot.framework,
        period,
        snapshot.countries.map((c) => c.code),
        snapshot.answers,
        earlier.map((e) => ({
          period: e.release.period,
          frameworkVersion: e.framework.version,
          answers: e.answers,
        })),
      ),
    ),
    [period],
  );
  return new Map(
    [...toScoreRows(table, snapshot.framework)]
      .filter((r) => !countries || countries.includes(r.entity))
      .map((r) => [`${r.entity} ${r.node}`, r.score]),
  );
}

const num = (v: string) => (v === "" ? null : Number(v));

/** Scores of a scores CSV download (columns country, item, …, score). */
export function csvScores(text: string): ScoreMap {
  const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [`${r.country} ${r.item}`, num(r.score!)]));
}

/** Scores of an SDMX-CSV download (REF_AREA, INDICATOR as an SDMX id, OBS_VALUE). */
export function sdmxScores(text: string, snapshot: ReleaseSnapshot): ScoreMap {
  const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  const items = new Map(snapshot.framework.nodes.map((n) => [sdmxId(n.code), n.code]));
  for (const s of snapshot.scores) items.set(sdmxId(s.item), s.item);
  return new Map(rows.map((r) => [`${r.REF_AREA} ${items.get(r.INDICATOR!)}`, num(r.OBS_VALUE!)]));
}

/** Scores of an XLSX download's "Scores" sheet (country in column 1, item in 3, score in 6). */
export async function xlsxScores(body: Buffer): Promise<ScoreMap> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.getWorksheet("Scores");
  if (!sheet) throw new Error(`no "Scores" sheet; sheets: ${book.worksheets.map((s) => s.name).join(", ")}`);
  const scores: ScoreMap = new Map();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.getCell(6).value;
    scores.set(`${row.getCell(1).value} ${row.getCell(3).value}`, v === null || v === "" ? null : Number(v));
  });
  return scores;
}
