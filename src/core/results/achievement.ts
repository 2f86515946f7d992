import type { Cumulation, Direction, PeriodValue, ProgressIndicator } from "./model.ts";

/** Traffic-light bands of achievement; `no-data` is said plainly rather than shown as zero. */
export const PROGRESS_BANDS = ["on-track", "some-progress", "off-track", "no-data"] as const;
export type ProgressBand = (typeof PROGRESS_BANDS)[number];

/** Achievement at or above this is on track; at or above SOME_PROGRESS, some progress. */
export const ON_TRACK = 0.9;
export const SOME_PROGRESS = 0.6;

/** Why there is no achievement for a value, so the page can say it in words. */
export type MissingReason = "no-target" | "no-actual" | "not-measurable" | "target-against-direction";

export interface Achievement {
  /** Progress from the baseline to the target: 1 = target met; may exceed 1 or be negative. */
  ratio: number | null;
  /** The ratio held within [0, 1]: what rolls up, so one over-achiever cannot hide a failure. */
  score: number | null;
  band: ProgressBand;
  missing: MissingReason | null;
}

const none = (missing: MissingReason): Achievement => ({
  ratio: null,
  score: null,
  band: "no-data",
  missing,
});

/** The band of a score in [0, 1], or `no-data` for null. */
export function bandOf(score: number | null): ProgressBand {
  if (score === null || Number.isNaN(score)) return "no-data";
  if (score >= ON_TRACK) return "on-track";
  if (score >= SOME_PROGRESS) return "some-progress";
  return "off-track";
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * How far `actual` went from `baseline` towards `target` in the indicator's direction.
 * Without a usable baseline (absent, or equal to the target) the ratio is actual / target
 * (target / actual when lower is better). `maintain` is met when the actual stays at or
 * above the target. A target behind the baseline (lower when higher is better) is
 * reported as `target-against-direction`.
 */
export function achievementOf(
  direction: Direction,
  baseline: number | null,
  target: number | null,
  actual: number | null,
): Achievement {
  if (target === null) return none("no-target");
  if (actual === null) return none("no-actual");
  let ratio: number;
  if (direction === "maintain") ratio = target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  else if (baseline !== null && baseline !== target) {
    // A target on the wrong side of the baseline contradicts the direction: say so, do not guess.
    if (target > baseline !== (direction === "increase")) return none("target-against-direction");
    ratio =
      direction === "increase"
        ? (actual - baseline) / (target - baseline)
        : (baseline - actual) / (baseline - target);
  } else if (direction === "increase") ratio = target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  else ratio = actual <= target ? 1 : actual === 0 ? 1 : target / actual;
  if (!Number.isFinite(ratio)) return none("not-measurable");
  const score = clamp01(ratio);
  return { ratio, score, band: bandOf(score), missing: null };
}

/** Achievement of one indicator in one period. Narrative indicators have none. */
export function periodAchievement(indicator: ProgressIndicator, value: PeriodValue | undefined): Achievement {
  if (indicator.type === "narrative") return none("not-measurable");
  return achievementOf(indicator.direction, indicator.baseline, value?.target ?? null, value?.actual ?? null);
}

/**
 * Cumulative achievement up to and including `upTo` (periods in plan order):
 * `sum` compares the sum of actuals with the sum of targets of the periods that have
 * both; `latest` compares the latest actual with the latest target. Periods whose
 * actual is missing are left out of a sum rather than counted as zero.
 */
export function cumulativeAchievement(
  indicator: ProgressIndicator,
  values: readonly PeriodValue[],
  periodOrder: readonly string[],
  upTo: string,
): Achievement {
  if (indicator.type === "narrative") return none("not-measurable");
  const end = periodOrder.indexOf(upTo);
  const byPeriod = new Map(values.map((v) => [v.period, v]));
  const within = periodOrder.slice(0, end + 1).map((p) => byPeriod.get(p));
  return cumulate(indicator.cumulation, indicator, within);
}

function cumulate(
  cumulation: Cumulation,
  indicator: ProgressIndicator,
  within: readonly (PeriodValue | undefined)[],
): Achievement {
  const targeted = within.filter((v): v is PeriodValue => v?.target != null);
  if (!targeted.length) return none("no-target");
  const measured = targeted.filter((v) => v.actual !== null);
  if (!measured.length) return none("no-actual");
  if (cumulation === "latest") {
    const last = measured[measured.length - 1]!;
    return achievementOf(indicator.direction, indicator.baseline, last.target, last.actual);
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  // A baseline is a level, not a yearly flow: sums are compared without it.
  return achievementOf(
    indicator.direction,
    null,
    sum(measured.map((v) => v.target!)),
    sum(measured.map((v) => v.actual!)),
  );
}
