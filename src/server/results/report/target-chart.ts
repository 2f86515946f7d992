import type { PlanIndicatorOut, PlanOut } from "../../api-schemas/results.ts";
import { esc, figure, text } from "./report-model.ts";

export interface TargetChart {
  svg: string;
  width: number;
  height: number;
  title: string;
  /** The chart's figures in words: its text alternative. */
  description: string;
}

/**
 * Target (outlined) and actual (filled) bars per period for one indicator, with
 * each value written above its bar and a legend: a self-contained SVG for print
 * (PNG in Word, inline in the PDF).
 */
export function targetChart(
  indicator: PlanIndicatorOut,
  periods: PlanOut["periods"],
  width = 620,
): TargetChart {
  const height = 200;
  const points = periods.map((p) => ({
    label: p.label,
    target: indicator.values[p.key]?.target?.value ?? null,
    actual: indicator.values[p.key]?.actual?.value ?? null,
  }));
  const max = Math.max(1, ...points.flatMap((p) => [p.target ?? 0, p.actual ?? 0]));
  const top = 36;
  const bottom = height - 28;
  const left = 16;
  const slot = (width - left * 2) / Math.max(1, points.length);
  const bar = Math.min(48, slot / 3);
  const y = (v: number) => bottom - (Math.max(0, v) / max) * (bottom - top);
  const unit = indicator.type === "percentage" ? "%" : indicator.unit;
  const title = `${indicator.code} ${text(indicator.title)}: target and actual by period`;
  const description = points
    .map((p) => `${p.label}: target ${figure(p.target, unit)}, actual ${figure(p.actual, unit)}`)
    .join("; ");
  const parts: string[] = [
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
    `<rect x="${left}" y="8" width="14" height="12" fill="#fff" stroke="#1F4E79" stroke-width="2"/>`,
    `<text x="${left + 20}" y="18" font-size="12" fill="#222">Target</text>`,
    `<rect x="${left + 80}" y="8" width="14" height="12" fill="#1F4E79"/>`,
    `<text x="${left + 100}" y="18" font-size="12" fill="#222">Actual</text>`,
    `<line x1="${left}" x2="${width - left}" y1="${bottom}" y2="${bottom}" stroke="#888"/>`,
  ];
  points.forEach((p, i) => {
    const cx = left + slot * i + slot / 2;
    const bars: [number | null, number, string][] = [
      [p.target, cx - bar - 2, `fill="#fff" stroke="#1F4E79" stroke-width="2"`],
      [p.actual, cx + 2, `fill="#1F4E79"`],
    ];
    for (const [v, x, style] of bars) {
      if (v === null) {
        parts.push(
          `<text x="${x + bar / 2}" y="${bottom - 4}" font-size="11" text-anchor="middle" fill="#666">–</text>`,
        );
        continue;
      }
      const yy = y(v);
      parts.push(
        `<rect x="${x}" y="${yy}" width="${bar}" height="${Math.max(1, bottom - yy)}" ${style}/>`,
        `<text x="${x + bar / 2}" y="${yy - 4}" font-size="11" text-anchor="middle" fill="#222">${esc(figure(v))}</text>`,
      );
    }
    parts.push(
      `<text x="${cx}" y="${height - 8}" font-size="12" text-anchor="middle" fill="#222">${esc(p.label)}</text>`,
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(`${title}. ${description}`)}" font-family="Calibri, Arial, sans-serif">${parts.join("")}</svg>`;
  return { svg, width, height, title, description };
}
