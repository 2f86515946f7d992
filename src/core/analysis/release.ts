import { csvField } from "../publishing/downloads.ts";
import { type EarlierAnswers, type ReleaseSnapshot, releaseScoringAnswers } from "../publishing/snapshot.ts";
import type { AnswerColumns } from "../scoring/columns.ts";
import { answerColumns } from "../scoring/columns.ts";
import { compileFramework } from "../scoring/compile.ts";
import { AGGREGATIONS, type AnalysisSettings, MISSING_POLICIES, NORMALISATIONS } from "./model.ts";
import type { AnalysisResult, EntityUncertainty } from "./summary.ts";

/** Limits of a stored analysis: enough for a real audit, bounded so one run cannot hold the server. */
export const ANALYSIS_LIMITS = { minDraws: 100, maxDraws: 100_000, maxRange: 0.9 } as const;

/**
 * The answer columns of a release: its framework and the answers of its period, as the engine
 * reads them; with `earlier` (the earlier releases' answers), those the framework's
 * previous-cycle imputation reads too, as the release was scored (`releaseScoringAnswers`).
 */
export function releaseAnalysisInput(
  snapshot: ReleaseSnapshot,
  earlier: readonly EarlierAnswers[] = [],
): { columns: AnswerColumns; period: string } {
  const cf = compileFramework(snapshot.framework);
  const period = snapshot.release.period;
  const columns = answerColumns(
    cf,
    releaseScoringAnswers(
      snapshot.framework,
      period,
      snapshot.countries.map((c) => c.code),
      snapshot.answers,
      earlier,
    ),
  );
  return { columns, period };
}

/**
 * The problems of a set-up against a framework, as messages naming what to fix (empty: fine):
 * draws within the limits, ranges between 0 and the limit for nodes that exist, at least one
 * choice of each kind, no choice twice.
 */
export function checkAnalysisSettings(settings: AnalysisSettings, nodeCodes: readonly string[]): string[] {
  const problems: string[] = [];
  const { minDraws, maxDraws, maxRange } = ANALYSIS_LIMITS;
  if (!Number.isInteger(settings.draws) || settings.draws < minDraws || settings.draws > maxDraws)
    problems.push(`draws: a whole number from ${minDraws} to ${maxDraws}`);
  if (!Number.isInteger(settings.seed) || settings.seed < 0 || settings.seed > 2 ** 31 - 1)
    problems.push("seed: a whole number from 0 to 2147483647");
  const w = settings.weights;
  if (!(w.defaultRange >= 0 && w.defaultRange <= maxRange))
    problems.push(`weights.defaultRange: from 0 to ${maxRange}`);
  if (!(w.concentration > 0 && w.concentration <= 10_000))
    problems.push("weights.concentration: more than 0, at most 10000");
  const known = new Set(nodeCodes);
  for (const [code, r] of Object.entries(w.range ?? {})) {
    if (!known.has(code)) problems.push(`weights.range: no node "${code}" in the framework`);
    else if (!(r >= 0 && r <= maxRange)) problems.push(`weights.range.${code}: from 0 to ${maxRange}`);
  }
  const lists = [
    ["normalisations", settings.normalisations, NORMALISATIONS],
    ["aggregations", settings.aggregations, AGGREGATIONS],
    ["missing", settings.missing, MISSING_POLICIES],
  ] as const;
  for (const [name, list, allowed] of lists) {
    if (!list.length) problems.push(`${name}: choose at least one`);
    if (new Set(list).size !== list.length) problems.push(`${name}: a choice is listed twice`);
    const unknown = list.filter((x) => !(allowed as readonly string[]).includes(x));
    if (unknown.length)
      problems.push(`${name}: unknown ${unknown.join(", ")} (one of ${allowed.join(", ")})`);
  }
  return problems;
}

/** How robust a rank is, in words the portal uses: by the width of the 5th–95th percentile interval. */
export type Robustness = "robust" | "fairly" | "sensitive" | "unranked";

export function robustnessOf(entity: EntityUncertainty, countries: number): Robustness {
  if (!entity.nominalRank || !entity.low) return "unranked";
  const width = entity.high - entity.low;
  if (width <= 1) return "robust";
  if (width <= Math.max(2, Math.round(countries * 0.2))) return "fairly";
  return "sensitive";
}

/** A stored analysis as the public sees it (settings, result and when it ran). */
export interface PublicAnalysis {
  version: number;
  settings: AnalysisSettings;
  result: AnalysisResult;
  publishedAt: string;
}

/** The draws' summary as CSV rows: one row per country (rank interval, band shares, largest leave-one-out shift). */
export function uncertaintyRows(
  snapshot: ReleaseSnapshot,
  analysis: PublicAnalysis,
): (string | number | null)[][] {
  const bands = snapshot.framework.bands.map((b) => `share_${b.code}`);
  const head = [
    "country",
    "nominal_rank",
    "median_rank",
    "p5_rank",
    "p95_rank",
    "interval_low",
    "interval_high",
    ...bands,
    "largest_leave_one_out_shift",
    "largest_shift_item",
    "robustness",
  ];
  const n = analysis.result.entities.length;
  return [
    head,
    ...analysis.result.entities.map((e) => [
      e.entity,
      e.nominalRank || null,
      e.medianRank || null,
      e.p5 || null,
      e.p95 || null,
      e.low || null,
      e.high || null,
      ...e.bandShares.map((s) => Math.round(s * 10_000) / 10_000),
      e.largestShift,
      e.largestShiftItem,
      robustnessOf(e, n),
    ]),
  ];
}

export function uncertaintyCsv(snapshot: ReleaseSnapshot, analysis: PublicAnalysis): string {
  return `\uFEFF${uncertaintyRows(snapshot, analysis)
    .map((row) => row.map(csvField).join(","))
    .join("\r\n")}\r\n`;
}

/** The whole stored analysis (set-up, per-country intervals, Sobol indices, leave-one-out) as JSON. */
export function uncertaintyJson(snapshot: ReleaseSnapshot, analysis: PublicAnalysis): string {
  return `${JSON.stringify(
    {
      release: snapshot.release.slug,
      analysisVersion: analysis.version,
      publishedAt: analysis.publishedAt,
      settings: analysis.settings,
      evaluations: analysis.result.evaluations,
      countries: analysis.result.entities,
      sensitivity: analysis.result.factors,
      leaveOneOut: analysis.result.leaveOneOut,
    },
    null,
    2,
  )}\n`;
}
