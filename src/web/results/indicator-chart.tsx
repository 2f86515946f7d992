import type { PlanIndicatorOut, PlanOut } from "../../server/api-schemas/results.ts";
import { useLanguage } from "../i18n/language.tsx";

/** Target (outlined) and actual (filled) bars per period for one indicator, with the values written under. */
export function IndicatorChart({
  indicator,
  periods,
}: {
  indicator: PlanIndicatorOut;
  periods: PlanOut["periods"];
}) {
  const { t } = useLanguage();
  const points = periods.map((p) => ({
    label: p.label,
    target: indicator.values[p.key]?.target?.value ?? null,
    actual: indicator.values[p.key]?.actual?.value ?? null,
  }));
  const max = Math.max(1, ...points.flatMap((p) => [p.target ?? 0, p.actual ?? 0]));
  const width = 40 * points.length + 10;
  const height = 64;
  const scale = (v: number) => Math.max(1, (v / max) * (height - 16));
  return (
    <svg
      className="rs-chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={`${t("rsChartTitle", { code: indicator.code })}: ${points
        .map((p) => `${p.label} ${p.target ?? "—"} / ${p.actual ?? "—"}`)
        .join("; ")}`}
    >
      {points.map((p, i) => {
        const x = 8 + i * 40;
        return (
          <g key={p.label}>
            {p.target !== null && (
              <rect
                className="rs-chart__target"
                x={x}
                y={height - 12 - scale(p.target)}
                width={14}
                height={scale(p.target)}
              />
            )}
            {p.actual !== null && (
              <rect
                className="rs-chart__actual"
                x={x + 16}
                y={height - 12 - scale(p.actual)}
                width={14}
                height={scale(p.actual)}
              />
            )}
            <text x={x + 15} y={height - 1} textAnchor="middle" className="rs-chart__label">
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
