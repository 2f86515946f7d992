import type { PageEnv } from "../context.ts";
import { ChartBody, ChartSvg } from "./chart-svg.tsx";
import { CHART_WIDTHS, type ChartVariant } from "./svg-text.ts";

export interface TrendSeries {
  period: string;
  value: number | null;
  average: number | null;
}

/** The overall score of a country and the regional average at each release of the trend. */
export function trendSeries(env: PageEnv, country: string, item = env.rootNode): TrendSeries[] {
  const round = (v: number) => Math.round(v * 10 ** env.fw.precision) / 10 ** env.fw.precision;
  return env.snap.trend.map((point) => {
    const mine = point.scores.find((s) => s.country === country && s.item === item);
    const all = point.scores
      .filter((s) => s.item === item && typeof s.score === "number")
      .map((s) => s.score!);
    return {
      period: point.period,
      value: mine?.score ?? null,
      average: all.length ? round(all.reduce((a, b) => a + b, 0) / all.length) : null,
    };
  });
}

const HEIGHT = 220;
const TOP = 24;
const BOTTOM = 30;

function TrendSvg({
  env,
  id,
  series,
  title,
  desc,
  variant,
}: {
  env: PageEnv;
  id: string;
  series: TrendSeries[];
  title: string;
  desc: string;
  variant: ChartVariant;
}) {
  const width = CHART_WIDTHS[variant];
  const left = 40;
  const right = 24;
  const scale = env.fw.scoreScale;
  const n = series.length;
  // Points sit inside the plot so the first and last value labels clear the axis.
  const inner = 28;
  const px = (i: number) =>
    n === 1 ? (left + width - right) / 2 : left + inner + (i * (width - left - right - 2 * inner)) / (n - 1);
  const py = (v: number) => TOP + (1 - v / scale) * (HEIGHT - TOP - BOTTOM);
  const line = (pick: (s: TrendSeries) => number | null) =>
    series
      .map((s, i) => ({ v: pick(s), i }))
      .filter((p): p is { v: number; i: number } => p.v !== null)
      .map((p, k) => `${k === 0 ? "M" : "L"}${px(p.i).toFixed(1)},${py(p.v).toFixed(1)}`)
      .join("");
  return (
    <ChartSvg id={id} variant={variant} height={HEIGHT} title={title} desc={desc}>
      <g className="chart__grid">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={width - right} y1={py(f * scale)} y2={py(f * scale)} />
            <text x={left - 6} y={py(f * scale) + 4} textAnchor="end" direction="ltr">
              {env.num(f * scale, 0)}
            </text>
          </g>
        ))}
        {series.map((s, i) => (
          <text key={s.period} x={px(i)} y={HEIGHT - 8} textAnchor="middle" direction="ltr">
            {s.period}
          </text>
        ))}
      </g>
      <path className="trend__average" d={line((s) => s.average)} />
      <path className="trend__line" d={line((s) => s.value)} />
      {series.map((s, i) =>
        s.value === null ? null : (
          <g key={s.period}>
            <circle className="trend__dot" cx={px(i)} cy={py(s.value)} r={4.5} />
            <text className="chart__value" x={px(i)} y={py(s.value) - 10} textAnchor="middle" direction="ltr">
              {env.score(s.value)}
            </text>
          </g>
        ),
      )}
    </ChartSvg>
  );
}

/** A small line chart of a score across releases, with the regional average dashed. */
export function TrendChart(props: {
  env: PageEnv;
  id: string;
  series: TrendSeries[];
  title: string;
  desc: string;
}) {
  return <ChartBody draw={(variant) => <TrendSvg {...props} variant={variant} />} />;
}

/** Legend of the trend chart: the country's line and the dashed regional average. */
export function TrendLegend({ env, country }: { env: PageEnv; country: string }) {
  return (
    <ul className="legend">
      <li>
        <span className="swatch swatch--line" aria-hidden="true" />
        {country}
      </li>
      <li>
        <span className="swatch swatch--dashed" aria-hidden="true" />
        {env.t("regionalAverage")}
      </li>
    </ul>
  );
}
