import type { DerivedYear } from "../../core/index.ts";
import type { PageEnv } from "../context.ts";
import { ChartBody, ChartSvg } from "./chart-svg.tsx";
import { CHART_WIDTHS, type ChartVariant } from "./svg-text.ts";

/*
 * Charts of public investment over the years: allocated (outlined) against executed (filled)
 * bars, and allocated per child as a line. Years run in the reading direction (right to left
 * in Arabic); numbers stay left to right. The numbers are in a table beside each chart.
 */

const HEIGHT = 210;
const TOP = 26;
const BOTTOM = 30;
const SIDE = 12;

/** The x of year i's slot (its start) and the slot's width, from the reading side. */
function slots(env: PageEnv, count: number, variant: ChartVariant) {
  const width = CHART_WIDTHS[variant];
  const step = (width - 2 * SIDE) / Math.max(1, count);
  const at = (i: number) => (env.dir === "rtl" ? width - SIDE - (i + 1) * step : SIDE + i * step);
  return { width, step, at };
}

/** A short form of a large amount for a label inside a chart (1.2 bn, 350 m, 12 k). */
export function shortAmount(env: PageEnv, value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${env.num(value / 1e9, 1)} bn`;
  if (abs >= 1e6) return `${env.num(value / 1e6, 1)} m`;
  if (abs >= 1e4) return `${env.num(value / 1e3, 0)} k`;
  return env.num(value, abs < 100 ? 2 : 0);
}

/** What each chart over fiscal years draws: the years, and its title and description for screen readers. */
interface YearChartProps {
  env: PageEnv;
  id: string;
  years: readonly DerivedYear[];
  title: string;
  desc: string;
  variant: ChartVariant;
}

function BarsSvg({ env, id, years, title, desc, variant }: YearChartProps) {
  const { width, step, at } = slots(env, years.length, variant);
  const max = Math.max(1, ...years.flatMap((y) => [y.amounts.allocated ?? 0, y.amounts.executed ?? 0]));
  const plot = HEIGHT - TOP - BOTTOM;
  const h = (v: number) => Math.max(1, (v / max) * plot);
  const bar = Math.min(24, (step - 10) / 2);
  return (
    <ChartSvg id={id} variant={variant} height={HEIGHT} title={title} desc={desc}>
      <line className="budget-axis" x1={SIDE} x2={width - SIDE} y1={TOP + plot} y2={TOP + plot} />
      {years.map((y, i) => {
        const centre = at(i) + step / 2;
        // The allocated bar comes first in the reading direction.
        const [a, e] = env.dir === "rtl" ? [centre + 1, centre - bar - 1] : [centre - bar - 1, centre + 1];
        const { allocated, executed } = y.amounts;
        return (
          <g key={y.year}>
            {allocated !== null && (
              <rect
                className="budget-bar--allocated"
                x={a}
                y={TOP + plot - h(allocated)}
                width={bar}
                height={h(allocated)}
              />
            )}
            {executed !== null && (
              <rect
                className="budget-bar--executed"
                x={e}
                y={TOP + plot - h(executed)}
                width={bar}
                height={h(executed)}
              />
            )}
            {allocated !== null && (
              <text
                className="budget-tick"
                x={centre}
                y={TOP + plot - h(allocated) - 6}
                textAnchor="middle"
                direction="ltr"
              >
                {shortAmount(env, allocated)}
              </text>
            )}
            <text className="budget-tick" x={centre} y={HEIGHT - 10} textAnchor="middle" direction="ltr">
              {y.fiscalYear}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

function PerChildSvg({ env, id, years, title, desc, variant }: YearChartProps) {
  const { width, step, at } = slots(env, years.length, variant);
  const max = Math.max(1, ...years.map((y) => y.figures.perChildAllocated ?? 0)) * 1.1;
  const plot = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => at(i) + step / 2;
  const y = (v: number) => TOP + plot - (v / max) * plot;
  const points = years
    .map((yr, i) => ({ v: yr.figures.perChildAllocated, i }))
    .filter((p): p is { v: number; i: number } => p.v !== null);
  const d = points.map((p, k) => `${k === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join("");
  return (
    <ChartSvg id={id} variant={variant} height={HEIGHT} title={title} desc={desc}>
      <line className="budget-axis" x1={SIDE} x2={width - SIDE} y1={TOP + plot} y2={TOP + plot} />
      <path className="trend__line" d={d} />
      {points.map((p) => (
        <g key={p.i}>
          <circle className="trend__dot" cx={x(p.i)} cy={y(p.v)} r={4.5} />
          <text className="budget-tick" x={x(p.i)} y={y(p.v) - 10} textAnchor="middle" direction="ltr">
            {shortAmount(env, p.v)}
          </text>
        </g>
      ))}
      {years.map((yr, i) => (
        <text
          key={yr.year}
          className="budget-tick"
          x={x(i)}
          y={HEIGHT - 10}
          textAnchor="middle"
          direction="ltr"
        >
          {yr.fiscalYear}
        </text>
      ))}
    </ChartSvg>
  );
}

/** Allocated against executed over the years, drawn wide and narrow (CSS shows the one that fits). */
export function BudgetBars(props: {
  env: PageEnv;
  id: string;
  years: readonly DerivedYear[];
  title: string;
  desc: string;
}) {
  return <ChartBody draw={(variant) => <BarsSvg {...props} variant={variant} />} />;
}

/** Allocated per child over the years. */
export function PerChildLine(props: {
  env: PageEnv;
  id: string;
  years: readonly DerivedYear[];
  title: string;
  desc: string;
}) {
  return <ChartBody draw={(variant) => <PerChildSvg {...props} variant={variant} />} />;
}
