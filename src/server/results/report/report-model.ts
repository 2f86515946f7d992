import { bandOf, type LocalText } from "../../../core/index.ts";
import type { DashboardOut, PlanIndicatorOut, PlanOut } from "../../api-schemas/results.ts";

/** Words of a band, as the report says them. */
export const BAND_WORDS: Record<string, string> = {
  "on-track": "On track",
  "some-progress": "Some progress",
  "off-track": "Off track",
  "no-data": "No data",
};

/** Print colours of the bands (the dashboard's traffic lights, dark enough for white text). */
export const BAND_FILL: Record<string, string> = {
  "on-track": "#1B6E3A",
  "some-progress": "#8A5A00",
  "off-track": "#A4262C",
  "no-data": "#5F6B7A",
};

/** Text escaped for HTML and SVG: plan texts are people's input. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const text = (t: LocalText | null | undefined, lang = "en"): string =>
  t ? (t[lang] ?? t.en ?? Object.values(t)[0] ?? "") : "";

export const percent = (score: number | null | undefined): string =>
  score === null || score === undefined ? "no data" : `${Math.round(score * 100)}%`;

export const figure = (value: number | null | undefined, unit?: string | null): string =>
  value === null || value === undefined
    ? "not reported"
    : `${Number.isInteger(value) ? value : value.toFixed(2).replace(/0+$/, "").replace(/\.$/, "")}${unit ? ` ${unit}` : ""}`;

const MISSING_WORDS: Record<string, string> = {
  "no-target": "no target set for the period",
  "no-actual": "no actual reported for the period",
  "not-measurable": "narrative indicator (not measured)",
  "target-against-direction": "the target points against the indicator's direction",
};

/** One node of the report, in tree order, with its depth. */
export interface ReportNode {
  node: PlanOut["nodes"][number];
  depth: number;
  levelName: string;
  progress: DashboardOut["nodes"][number] | undefined;
  indicators: ReportIndicator[];
}

export interface ReportIndicator {
  indicator: PlanIndicatorOut;
  achievement: DashboardOut["indicators"][number] | undefined;
  baseline: string;
  target: string;
  actual: string;
  achievementText: string;
  band: string;
  comment: string | null;
  evidence: string | null;
  narrative: string | null;
}

/** What the report shows, derived once from the plan and its dashboard for the period. */
export interface PlanReport {
  plan: PlanOut;
  dashboard: DashboardOut;
  periodLabel: string;
  overall: { score: number | null; band: string; indicators: number; measured: number };
  bandCounts: Record<string, number>;
  late: { code: string; title: string; period: string }[];
  missing: { code: string; title: string; reason: string }[];
  nodes: ReportNode[];
}

/**
 * The report's content: overall progress (the roots averaged, as the dashboard's
 * summary), indicators counted by band, what is late, what is missing and why,
 * and the tree in order with each indicator's figures for the period.
 */
export function planReport(plan: PlanOut, dashboard: DashboardOut): PlanReport {
  const period = dashboard.period;
  const periodLabel = plan.periods.find((p) => p.key === period)?.label ?? period;
  const progressOf = new Map(dashboard.nodes.map((n) => [n.id, n]));
  const achievementOf = new Map(dashboard.indicators.map((i) => [i.id, i]));
  const roots = plan.nodes.filter((n) => n.parentId === null);
  const rootScores = roots
    .map((r) => progressOf.get(r.id)?.period.score)
    .filter((s): s is number => typeof s === "number");
  const overallScore = rootScores.length ? rootScores.reduce((a, b) => a + b, 0) / rootScores.length : null;
  const measurable = plan.indicators.filter((i) => i.type !== "narrative");
  const bandCounts: Record<string, number> = {
    "on-track": 0,
    "some-progress": 0,
    "off-track": 0,
    "no-data": 0,
  };
  for (const i of measurable) {
    const band = achievementOf.get(i.id)?.period.band ?? "no-data";
    bandCounts[band] = (bandCounts[band] ?? 0) + 1;
  }
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  const labelOf = (key: string) => plan.periods.find((p) => p.key === key)?.label ?? key;
  // What is late up to the report's period (as of today): a later period's gap is not this report's.
  const order = dashboard.periods;
  const upTo = order.indexOf(period);
  const late = dashboard.late
    .filter((l) => order.indexOf(l.period) <= upTo)
    .map((l) => {
      const i = byId.get(l.indicatorId);
      return { code: i?.code ?? "", title: text(i?.title), period: labelOf(l.period) };
    });
  const missing = measurable
    .map((i) => ({ i, a: achievementOf.get(i.id)?.period }))
    .filter(({ a }) => !a || a.missing)
    .map(({ i, a }) => ({
      code: i.code,
      title: text(i.title),
      reason: MISSING_WORDS[a?.missing ?? "no-actual"] ?? "no data",
    }));
  const levelName = (key: string) => text(plan.levels.find((l) => l.key === key)?.name) || key;
  const nodes: ReportNode[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const node of plan.nodes.filter((n) => n.parentId === parentId)) {
      nodes.push({
        node,
        depth,
        levelName: levelName(node.level),
        progress: progressOf.get(node.id),
        indicators: plan.indicators
          .filter((i) => i.nodeId === node.id)
          .map((indicator) => reportIndicator(indicator, achievementOf.get(indicator.id), period)),
      });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  const measured = measurable.filter((i) => achievementOf.get(i.id)?.period.score != null).length;
  return {
    plan,
    dashboard,
    periodLabel,
    overall: {
      score: overallScore,
      band: bandOf(overallScore),
      indicators: measurable.length,
      measured,
    },
    bandCounts,
    late,
    missing,
    nodes,
  };
}

function reportIndicator(
  indicator: PlanIndicatorOut,
  achievement: DashboardOut["indicators"][number] | undefined,
  period: string,
): ReportIndicator {
  const slot = indicator.values[period];
  const unit = indicator.type === "percentage" ? "%" : indicator.unit;
  const a = achievement?.period;
  return {
    indicator,
    achievement,
    baseline: figure(indicator.baselineValue, unit),
    target: figure(slot?.target?.value, unit),
    actual: figure(slot?.actual?.value, unit),
    achievementText:
      a?.ratio != null
        ? `${Math.round(a.ratio * 100)}% of the way from baseline to target`
        : `No achievement: ${MISSING_WORDS[a?.missing ?? "no-actual"] ?? "no data"}`,
    band: a?.band ?? "no-data",
    comment: slot?.actual?.comment ?? null,
    evidence: slot?.actual?.evidence ?? null,
    narrative: slot?.actual?.narrative ?? null,
  };
}
