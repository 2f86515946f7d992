import type { Band } from "../../core/index.ts";

/** Band colours when a framework gives none: a calm red–amber–blue–green scale. */
const FALLBACK = ["#b03a2e", "#c27c0e", "#2874a6", "#1e8449", "#6c3483", "#117a65"];
export const NO_DATA_COLOR = "#d5d8dc";

/** The colour of a band (its own, else one of a fixed scale by its position). */
export function bandColor(bands: Band[], code: string | null | undefined): string {
  if (!code) return NO_DATA_COLOR;
  const at = bands.findIndex((b) => b.code === code);
  if (at < 0) return NO_DATA_COLOR;
  return bands[at]!.color ?? FALLBACK[at % FALLBACK.length]!;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on a background colour (WCAG contrast). */
export function textOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#111111" : "#ffffff";
}

/** A light tint of a colour (mixed with white), for large coloured areas behind text. */
export function tint(hex: string, share: number): string {
  const mix = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16);
    return Math.round(c * share + 255 * (1 - share))
      .toString(16)
      .padStart(2, "0");
  };
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}
