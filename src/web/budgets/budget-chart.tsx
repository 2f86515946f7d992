import type { DerivedSeriesOut } from "../../server/api-schemas/budgets.ts";
import { useLanguage } from "../i18n/language.tsx";
import { directionOf } from "../i18n/messages.ts";
import { formatMoney } from "./format.ts";

type Years = DerivedSeriesOut["years"];

/**
 * Years run from the reading side: left to right in English and French, right to left in
 * Arabic (the SVG's coordinates are mirrored, its text is not).
 */
function placeYears(step: number, width: number, rtl: boolean, pad = 16) {
  return (i: number) => (rtl ? width - pad - (i + 1) * step : pad + i * step);
}

/** The chart's numbers as a table, for those who cannot see the chart (and to copy them). */
function ChartTable({
  years,
  rows,
  unit,
}: {
  years: Years;
  rows: { label: string; value: (y: Years[number]) => number | null }[];
  unit: string | null;
}) {
  const { t, lang } = useLanguage();
  return (
    <details className="bg-chart-data">
      <summary>{t("bgChartData")}</summary>
      <div className="bg-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("bgFiscalYear")}</th>
              {rows.map((r) => (
                <th key={r.label} scope="col" className="num">
                  {r.label} {unit && <span className="bg-muted">({unit})</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.fiscalYear}</th>
                {rows.map((r) => (
                  <td key={r.label} className="num">
                    {formatMoney(r.value(y), lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Allocated (outlined) and executed (filled) bars per fiscal year, with a legend and the numbers as a table. */
export function BudgetChart({
  series,
  title,
  unit = null,
  years: shownYears,
}: {
  series: DerivedSeriesOut;
  title?: string;
  unit?: string | null;
  /** The years to draw (a sector's chart uses the country's years, so the charts line up). */
  years?: Years;
}) {
  const { t, lang } = useLanguage();
  const rtl = directionOf(lang) === "rtl";
  const heading = title ?? t("bgChartTitle");
  const years = shownYears
    ? shownYears.map((y) => series.years.find((s) => s.year === y.year) ?? { ...y, amounts: emptyAmounts })
    : series.years;
  const max = Math.max(1, ...years.flatMap((y) => [y.amounts.allocated ?? 0, y.amounts.executed ?? 0]));
  const step = 96;
  const width = Math.max(240, step * years.length + 32);
  const height = 220;
  const plot = height - 40;
  const scale = (v: number) => Math.max(1, (v / max) * plot);
  const xOf = placeYears(step, width, rtl);
  const label = years
    .map(
      (y) =>
        `${y.fiscalYear}: ${t("bgAllocated")} ${formatMoney(y.amounts.allocated, lang)}, ${t("bgExecuted")} ${formatMoney(y.amounts.executed, lang)}`,
    )
    .join("; ");
  return (
    <figure className="bg-chart">
      <figcaption>
        {heading}{" "}
        <span className="bg-legend">
          <span className="bg-swatch bg-swatch--allocated" aria-hidden="true" /> {t("bgAllocated")}
          <span className="bg-swatch bg-swatch--executed" aria-hidden="true" /> {t("bgExecuted")}
        </span>
      </figcaption>
      <div className="bg-scroll">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-label={`${heading}${unit ? ` (${unit})` : ""}: ${label}`}
        >
          <line x1={8} x2={width - 8} y1={plot + 8} y2={plot + 8} className="bg-axis" />
          {years.map((y, i) => {
            const x = xOf(i) + (step - 48) / 2;
            // The allocated bar comes first in the reading direction.
            const [first, second] = rtl ? [x + 24, x] : [x, x + 24];
            return (
              <g key={y.year}>
                {y.amounts.allocated !== null && (
                  <rect
                    className="bg-bar--allocated"
                    x={first}
                    y={plot + 8 - scale(y.amounts.allocated)}
                    width={22}
                    height={scale(y.amounts.allocated)}
                  />
                )}
                {y.amounts.executed !== null && (
                  <rect
                    className="bg-bar--executed"
                    x={second}
                    y={plot + 8 - scale(y.amounts.executed)}
                    width={22}
                    height={scale(y.amounts.executed)}
                  />
                )}
                <text x={x + 23} y={height - 12} textAnchor="middle" direction="ltr" className="bg-tick">
                  {y.fiscalYear}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <ChartTable
        years={years}
        unit={unit}
        rows={[
          { label: t("bgAllocated"), value: (y) => y.amounts.allocated },
          { label: t("bgExecuted"), value: (y) => y.amounts.executed },
        ]}
      />
    </figure>
  );
}

const emptyAmounts = { proposed: null, allocated: null, revised: null, executed: null };

/** Allocated (line) and executed (dashed) per child over the years, values written at the points. */
export function PerChildChart({ series, unit }: { series: DerivedSeriesOut; unit: string | null }) {
  const { t, lang } = useLanguage();
  const rtl = directionOf(lang) === "rtl";
  const years = series.years;
  const values = years.flatMap((y) => [y.figures.perChildAllocated ?? 0, y.figures.perChildExecuted ?? 0]);
  const max = Math.max(1, ...values) * 1.15;
  const step = 96;
  const width = Math.max(240, step * years.length + 32);
  const height = 200;
  const top = 24;
  const plot = height - 40 - top;
  const xOf = (i: number) => placeYears(step, width, rtl)(i) + step / 2;
  const yOf = (v: number) => top + plot - (v / max) * plot;
  const path = (pick: (y: Years[number]) => number | null) =>
    years
      .map((y, i) => ({ v: pick(y), i }))
      .filter((p): p is { v: number; i: number } => p.v !== null)
      .map((p, k) => `${k === 0 ? "M" : "L"}${xOf(p.i).toFixed(1)},${yOf(p.v).toFixed(1)}`)
      .join("");
  const heading = t("bgChartPerChildTitle");
  const label = years
    .map(
      (y) =>
        `${y.fiscalYear}: ${t("bgAllocated")} ${formatMoney(y.figures.perChildAllocated, lang)}, ${t("bgExecuted")} ${formatMoney(y.figures.perChildExecuted, lang)}`,
    )
    .join("; ");
  if (!years.some((y) => y.figures.perChildAllocated !== null || y.figures.perChildExecuted !== null))
    return null;
  return (
    <figure className="bg-chart">
      <figcaption>
        {heading}{" "}
        <span className="bg-legend">
          <span className="bg-swatch bg-swatch--line" aria-hidden="true" /> {t("bgAllocated")}
          <span className="bg-swatch bg-swatch--dashed" aria-hidden="true" /> {t("bgExecuted")}
        </span>
      </figcaption>
      <div className="bg-scroll">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-label={`${heading}${unit ? ` (${unit})` : ""}: ${label}`}
        >
          <line x1={8} x2={width - 8} y1={top + plot} y2={top + plot} className="bg-axis" />
          <path className="bg-line--allocated" d={path((y) => y.figures.perChildAllocated)} />
          <path className="bg-line--executed" d={path((y) => y.figures.perChildExecuted)} />
          {years.map((y, i) => (
            <g key={y.year}>
              {y.figures.perChildAllocated !== null && (
                <>
                  <circle className="bg-dot" cx={xOf(i)} cy={yOf(y.figures.perChildAllocated)} r={4} />
                  <text
                    x={xOf(i)}
                    y={yOf(y.figures.perChildAllocated) - 9}
                    textAnchor="middle"
                    direction="ltr"
                    className="bg-tick"
                  >
                    {formatMoney(y.figures.perChildAllocated, lang)}
                  </text>
                </>
              )}
              <text x={xOf(i)} y={height - 12} textAnchor="middle" direction="ltr" className="bg-tick">
                {y.fiscalYear}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <ChartTable
        years={years}
        unit={unit}
        rows={[
          { label: t("bgFigure_perChildAllocated"), value: (y) => y.figures.perChildAllocated },
          { label: t("bgFigure_perChildExecuted"), value: (y) => y.figures.perChildExecuted },
        ]}
      />
    </figure>
  );
}
