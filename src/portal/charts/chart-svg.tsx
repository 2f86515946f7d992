import type { ReactNode } from "react";
import { CHART_WIDTHS, type ChartVariant } from "./svg-text.ts";

/**
 * The frame of a chart drawn at one of its widths: the SVG, labelled by its
 * title and description (ids `{id}-{variant}-t` and `-d`, one pair per width).
 */
export function ChartSvg({
  id,
  variant,
  height,
  title,
  desc,
  direction,
  width = CHART_WIDTHS[variant],
  className,
  children,
}: {
  id: string;
  variant: ChartVariant;
  height: number;
  /** Units across, when the chart is drawn wider than its variant's usual width (a long bar chart). */
  width?: number;
  /** A modifier class of the SVG (its CSS sets how wide it may be shown). */
  className?: string;
  title: string;
  desc: string;
  /** The text direction inside the SVG, when the chart mirrors itself for right-to-left pages. */
  direction?: "ltr" | "rtl";
  children: ReactNode;
}) {
  const tid = `${id}-${variant}-t`;
  const did = `${id}-${variant}-d`;
  return (
    <svg
      className={`chart__svg chart__svg--${variant}${className ? ` ${className}` : ""}`}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${tid} ${did}`}
      direction={direction}
    >
      <title id={tid}>{title}</title>
      <desc id={did}>{desc}</desc>
      {children}
    </svg>
  );
}

/** A chart drawn wide and narrow, side by side in the markup; CSS shows the one that fits. */
export function ChartBody({ draw }: { draw: (variant: ChartVariant) => ReactNode }) {
  return (
    <div className="chart__body">
      {draw("wide")}
      {draw("narrow")}
    </div>
  );
}
