import type { ReactNode } from "react";
import type { PageEnv } from "../context.ts";
import { DataTable } from "../parts.tsx";
import type { PortalRoute } from "../routes.ts";
import { ChartBody, ChartSvg } from "./chart-svg.tsx";
import { bandColorOf, Figure } from "./figure.tsx";
import { CHART_WIDTHS, type ChartVariant, wrapText } from "./svg-text.ts";

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  band: string | null;
  /** A reference value drawn as a tick across the bar (the regional average). */
  marker?: number | null;
}

const LINE = 17;
const BAR = 14;
const GAP = 14;
const VALUE_ROOM = 52;
/** Beyond this many rows a wide chart puts each label beside its bar, not above it (a UNCRC chart has ~30). */
const LONG = 12;
/** A long chart drawn wide is this many units across, half of them for the labels, shown at most 1:1. */
const LONG_WIDTH = 960;

function BarsSvg({
  env,
  id,
  rows,
  title,
  desc,
  variant,
}: {
  env: PageEnv;
  id: string;
  rows: BarRow[];
  title: string;
  desc: string;
  variant: ChartVariant;
}) {
  const rtl = env.dir === "rtl";
  const scale = env.fw.scoreScale;
  // A long chart drawn wide reads as a table: label and bar on one line, a third of the height.
  const isBeside = variant === "wide" && rows.length > LONG;
  const width = isBeside ? LONG_WIDTH : CHART_WIDTHS[variant];
  const labelRoom = isBeside ? width / 2 : 0;
  // The track starts a little in so the axis's first tick label is not cut.
  const inset = 8;
  const track = width - VALUE_ROOM - inset - labelRoom;
  const start = rtl ? width : 0;
  const origin = rtl ? width - inset - labelRoom : inset + labelRoom;
  const x = (v: number) => {
    const w = (Math.max(0, Math.min(scale, v)) / scale) * track;
    return rtl ? origin - w : origin + w;
  };
  const maxChars = Math.floor((isBeside ? labelRoom - 12 : width) / 7.8);
  let y = 4;
  const laid = rows.map((row) => {
    const lines = wrapText(row.label, maxChars);
    const top = y;
    if (isBeside) {
      y += Math.max(lines.length * LINE, BAR + 4) + 8;
      return { row, lines, top, barTop: top + 2 };
    }
    y += lines.length * LINE + 4 + BAR + (rows.length > LONG ? GAP / 2 : GAP);
    return { row, lines, top, barTop: top + lines.length * LINE + 4 };
  });
  const axisY = y;
  const height = axisY + 22;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * scale);
  return (
    <ChartSvg
      id={id}
      variant={variant}
      height={height}
      title={title}
      desc={desc}
      direction={env.dir}
      width={width}
      className={isBeside ? "chart__svg--long" : undefined}
    >
      <g className="chart__grid">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={axisY} />
            <text x={x(t)} y={axisY + 16} textAnchor="middle">
              {env.num(t, 0)}
            </text>
          </g>
        ))}
      </g>
      {laid.map(({ row, lines, top, barTop }) => (
        <g key={row.key} className="chart__row">
          <text className="chart__label" x={start} y={top + 13} textAnchor="start">
            {lines.map((line, i) => (
              <tspan key={line} x={start} dy={i === 0 ? 0 : LINE}>
                {line}
              </tspan>
            ))}
          </text>
          <rect
            className="chart__track"
            x={rtl ? origin - track : origin}
            y={barTop}
            width={track}
            height={BAR}
          />
          {row.value !== null && (
            <rect
              x={rtl ? x(row.value) : origin}
              y={barTop}
              width={Math.abs(x(row.value) - origin)}
              height={BAR}
              fill={bandColorOf(env, row.band)}
            />
          )}
          {row.marker !== undefined && row.marker !== null && (
            <line
              className="chart__marker"
              x1={x(row.marker)}
              x2={x(row.marker)}
              y1={barTop - 4}
              y2={barTop + BAR + 4}
            />
          )}
          <text
            className="chart__value"
            x={row.value === null ? origin : x(row.value) + (rtl ? -6 : 6)}
            y={barTop + BAR - 2}
            textAnchor="start"
          >
            {row.value === null ? env.t("noScore") : env.score(row.value)}
          </text>
        </g>
      ))}
    </ChartSvg>
  );
}

/** A one-line summary of the rows for the text alternative: "Label: 71.6 (average 60.2); …". */
export function summariseRows(env: PageEnv, rows: BarRow[]): string {
  return rows
    .map((r) => {
      const avg =
        r.marker !== undefined && r.marker !== null
          ? ` (${env.t("regionalAverageShort")} ${env.score(r.marker)})`
          : "";
      return `${r.label}: ${r.value === null ? env.t("noScore") : env.score(r.value)}${avg}`;
    })
    .join("; ");
}

/** Horizontal bars coloured by band, with an optional regional-average tick; drawn wide and narrow. */
export function BarChart(props: { env: PageEnv; id: string; rows: BarRow[]; title: string; desc: string }) {
  return <ChartBody draw={(variant) => <BarsSvg {...props} variant={variant} />} />;
}

/** The data table of a bar chart. */
export function BarTable({ env, rows, head }: { env: PageEnv; rows: BarRow[]; head: string }) {
  const withMarker = rows.some((r) => r.marker !== undefined);
  return (
    <DataTable
      head={[head, { num: env.t("score") }, env.t("band"), withMarker && { num: env.t("regionalAverage") }]}
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{r.label}</th>
          <td className="num">{env.score(r.value)}</td>
          <td>{env.text(env.band(r.band)?.label) || "–"}</td>
          {withMarker && <td className="num">{env.score(r.marker)}</td>}
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * A bar chart in its figure: the caption, the chart with its text alternative
 * (`desc` gets the rows' summary), an optional legend, notes as children, the
 * numbers as a table when `head` names its first column, and the embed snippet.
 */
export function BarFigure({
  env,
  id,
  svgId,
  title,
  rows,
  desc,
  head,
  legend,
  embed,
  wide,
  children,
}: {
  env: PageEnv;
  id: string;
  svgId: string;
  title: string;
  rows: BarRow[];
  desc: (summary: string) => string;
  head?: string;
  legend?: ReactNode;
  embed?: PortalRoute;
  wide?: boolean;
  children?: ReactNode;
}) {
  return (
    <Figure
      env={env}
      id={id}
      title={title}
      wide={wide}
      legend={legend}
      table={head === undefined ? undefined : <BarTable env={env} rows={rows} head={head} />}
      embed={embed}
    >
      <BarChart env={env} id={svgId} rows={rows} title={title} desc={desc(summariseRows(env, rows))} />
      {children}
    </Figure>
  );
}
