import type { PrintChart } from "./report-model.ts";

/*
 * Charts drawn for print: each SVG is written at the size it is printed (its width and height
 * equal its viewBox), so a label's font size is its printed size. Labels are 9 pt, never less
 * than MIN_LABEL_PT; the portal's screen charts scale with the page and are not used here.
 */

/** The smallest label a printed chart may carry, in points. */
export const MIN_LABEL_PT = 8;
const LABEL_PT = 9;
const PX_PER_PT = 96 / 72;
const LINE = Math.ceil(LABEL_PT * PX_PER_PT * 1.35);
/** Average advance of a character at LABEL_PT, in px: generous, so wrapped labels never overflow. */
const CHAR = LABEL_PT * PX_PER_PT * 0.56;
const INK = "#1f2933";
const MUTED = "#52606d";
const GRID = "#d9dee3";

export interface PrintBar {
  label: string;
  value: number | null;
  color: string;
  /** A reference drawn across the bar (the regional average). */
  marker?: number | null;
}

interface ChartFrame {
  width: number;
  dir: "ltr" | "rtl";
  title: string;
  /** Formats a score as the report shows it. */
  format: (value: number) => string;
  /** Formats a tick of the scale (no decimals). */
  tick: (value: number) => string;
  /** Top of the score scale (100 for the CPI). */
  scale: number;
}

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** Splits a label into at most `max` lines of `room` px, the last cut with an ellipsis. */
export function wrapLabel(label: string, room: number, max = 2): string[] {
  const perLine = Math.max(4, Math.floor(room / CHAR));
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines.map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l));
  const kept = lines.slice(0, max);
  const last = kept[max - 1]!;
  kept[max - 1] = `${last.slice(0, Math.max(1, perLine - 1))}…`;
  return kept;
}

/** Mirrors x positions and anchors for right-to-left documents (the SVG itself is laid out left to right). */
function mirror(width: number, dir: "ltr" | "rtl") {
  const rtl = dir === "rtl";
  return {
    x: (x: number) => (rtl ? width - x : x),
    /** `start` in the reading direction. */
    anchor: (a: "start" | "end" | "middle") => (!rtl || a === "middle" ? a : a === "start" ? "end" : "start"),
    span: (a: number, b: number) => ({ x: rtl ? width - b : a, w: b - a }),
  };
}

function text(x: number, y: number, content: string, anchor: string, extra = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-size="${LABEL_PT}pt" fill="${INK}"${extra}>${escapeXml(content)}</text>`;
}

function svgOf(frame: ChartFrame, height: number, body: string[], description: string): PrintChart {
  const { width, title } = frame;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="print-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" direction="ltr" font-family="'Liberation Sans', Arial, 'DejaVu Sans', sans-serif"><title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>${body.join("")}</svg>`;
  return { svg, width, height, title, description };
}

/**
 * Horizontal bars on the score scale, one per row, labelled in the reading direction's start
 * column, with the value after each bar and an optional marker (the regional average).
 */
export function printBarChart(
  frame: ChartFrame,
  rows: readonly PrintBar[],
  options: { markerLabel?: string; noData: string },
): PrintChart {
  const { width, format, scale } = frame;
  const m = mirror(width, frame.dir);
  const labelRoom = Math.round(width * 0.36);
  const plotStart = labelRoom + 12;
  const valueRoom = 56;
  const plotEnd = width - valueRoom;
  const plot = plotEnd - plotStart;
  const at = (v: number) => plotStart + (Math.max(0, Math.min(scale, v)) / scale) * plot;
  const body: string[] = [];
  let y = 6;
  const labelled = rows.map((r) => ({ ...r, lines: wrapLabel(r.label, labelRoom) }));
  const top = y;
  for (const r of labelled) {
    const rowHeight = Math.max(LINE * r.lines.length, 22) + 8;
    const mid = y + rowHeight / 2;
    r.lines.forEach((line, i) => {
      const ly = mid - ((r.lines.length - 1) * LINE) / 2 + i * LINE + LABEL_PT * 0.45;
      body.push(text(m.x(labelRoom), ly, line, m.anchor("end")));
    });
    const barTop = mid - 9;
    if (r.value === null) {
      body.push(text(m.x(plotStart + 4), mid + 4, options.noData, m.anchor("start"), ` fill="${MUTED}"`));
    } else {
      const span = m.span(plotStart, at(r.value));
      body.push(
        `<rect x="${span.x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${Math.max(1, span.w).toFixed(1)}" height="18" fill="${r.color}" stroke="${INK}" stroke-width="0.4"/>`,
      );
      body.push(
        text(m.x(at(r.value) + 6), mid + 4, format(r.value), m.anchor("start"), ' font-weight="bold"'),
      );
    }
    if (typeof r.marker === "number") {
      const x = m.x(at(r.marker));
      body.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${(barTop - 4).toFixed(1)}" y2="${(barTop + 22).toFixed(1)}" stroke="${INK}" stroke-width="2.5"/>`,
      );
    }
    y += rowHeight;
  }
  // The scale: gridlines and tick labels under the bars.
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((s) => s * scale);
  for (const t of ticks) {
    const x = m.x(at(t));
    body.unshift(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top}" y2="${y}" stroke="${GRID}" stroke-width="1"/>`,
    );
    body.push(text(x, y + LINE, frame.tick(t), "middle", ` fill="${MUTED}"`));
  }
  y += LINE + 6;
  if (options.markerLabel && rows.some((r) => typeof r.marker === "number")) {
    const x = m.x(plotStart);
    body.push(
      `<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 16}" stroke="${INK}" stroke-width="2.5"/>`,
      text(m.x(plotStart + 10), y + 12, options.markerLabel, m.anchor("start")),
    );
    y += 22;
  }
  const description = rows
    .map((r) => `${r.label}: ${r.value === null ? options.noData : format(r.value)}`)
    .join("; ");
  return svgOf(frame, Math.ceil(y + 4), body, description);
}

export interface PrintTrendPoint {
  period: string;
  value: number | null;
  average: number | null;
}

/** A country's overall score and the regional average over the releases of the trend. */
export function printTrendChart(
  frame: ChartFrame,
  points: readonly PrintTrendPoint[],
  labels: { country: string; average: string },
): PrintChart {
  const { width, format, scale } = frame;
  const m = mirror(width, frame.dir);
  const height = 250;
  const left = 56;
  const right = 40;
  const top = 20;
  const bottom = 76;
  const n = points.length;
  // Points sit inside the plot, so the first and last value labels clear the axis.
  const inner = 36;
  const px = (i: number) =>
    m.x(
      n === 1
        ? (left + width - right) / 2
        : left + inner + (i * (width - left - right - 2 * inner)) / (n - 1),
    );
  const py = (v: number) => top + (1 - v / scale) * (height - top - bottom);
  const body: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1].map((s) => s * scale)) {
    body.push(
      `<line x1="${m.x(left - 8)}" x2="${m.x(width - right + 8)}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="${GRID}"/>`,
      text(m.x(left - 12), py(t) + 4, frame.tick(t), m.anchor("end"), ` fill="${MUTED}"`),
    );
  }
  const line = (pick: (p: PrintTrendPoint) => number | null, style: string) => {
    const pts = points
      .map((p, i) => ({ v: pick(p), i }))
      .filter((p): p is { v: number; i: number } => p.v !== null);
    if (pts.length > 1)
      body.push(
        `<path d="${pts.map((p, k) => `${k ? "L" : "M"}${px(p.i).toFixed(1)},${py(p.v).toFixed(1)}`).join("")}" fill="none" ${style}/>`,
      );
    return pts;
  };
  line((p) => p.average, `stroke="${MUTED}" stroke-width="2" stroke-dasharray="6 4"`);
  for (const p of line((p) => p.value, `stroke="#1d4e89" stroke-width="3"`)) {
    body.push(
      `<circle cx="${px(p.i).toFixed(1)}" cy="${py(p.v).toFixed(1)}" r="4.5" fill="#1d4e89"/>`,
      text(px(p.i), py(p.v) - 10, format(p.v), "middle", ' font-weight="bold"'),
    );
  }
  points.forEach((p, i) => {
    body.push(text(px(i), height - bottom + 20, p.period, "middle"));
  });
  const legendY = height - 22;
  body.push(
    `<line x1="${m.x(left)}" x2="${m.x(left + 28)}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="#1d4e89" stroke-width="3"/>`,
    text(m.x(left + 36), legendY, labels.country, m.anchor("start")),
    `<line x1="${m.x(left + 250)}" x2="${m.x(left + 278)}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${MUTED}" stroke-width="2" stroke-dasharray="6 4"/>`,
    text(m.x(left + 286), legendY, labels.average, m.anchor("start")),
  );
  const description = points
    .map(
      (p) =>
        `${p.period}: ${p.value === null ? "–" : format(p.value)} (${labels.average}: ${p.average === null ? "–" : format(p.average)})`,
    )
    .join("; ");
  return svgOf(frame, height, body, description);
}
