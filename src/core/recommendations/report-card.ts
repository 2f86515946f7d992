/**
 * Report-card grades of implementation, in the spirit of national children's rights report cards.
 *
 * The rule: each recommendation of a theme earns 1 when the coalition's latest status is
 * `implemented`, ½ when `partially_implemented`, 0 otherwise (not started, in progress, regressed,
 * or never assessed: what is not shown to be done is not counted as done). The theme's score is the
 * average, and its grade: A ≥ 80 %, B ≥ 60 %, C ≥ 40 %, D ≥ 20 %, F below.
 */
export const GRADE_RULE =
  "Per theme: implemented = 1, partially implemented = ½, anything else (including never assessed) = 0; the average gives A ≥ 80 %, B ≥ 60 %, C ≥ 40 %, D ≥ 20 %, F below.";

export type Grade = "A" | "B" | "C" | "D" | "F";

const THRESHOLDS: readonly [number, Grade][] = [
  [0.8, "A"],
  [0.6, "B"],
  [0.4, "C"],
  [0.2, "D"],
];

/** The points a status earns towards the score. */
export function pointsOf(status: string | null): number {
  if (status === "implemented") return 1;
  if (status === "partially_implemented") return 0.5;
  return 0;
}

export interface ThemeGrade {
  theme: string;
  total: number;
  implemented: number;
  partiallyImplemented: number;
  /** 0–1, rounded to three decimals. */
  score: number;
  grade: Grade;
}

/** Grades one theme from the latest statuses of its recommendations (null = never assessed). */
export function gradeTheme(theme: string, statuses: readonly (string | null)[]): ThemeGrade {
  const points = statuses.reduce((sum, s) => sum + pointsOf(s), 0);
  const score = statuses.length === 0 ? 0 : points / statuses.length;
  return {
    theme,
    total: statuses.length,
    implemented: statuses.filter((s) => s === "implemented").length,
    partiallyImplemented: statuses.filter((s) => s === "partially_implemented").length,
    score: Math.round(score * 1000) / 1000,
    grade: THRESHOLDS.find(([min]) => score >= min - 1e-9)?.[1] ?? "F",
  };
}
