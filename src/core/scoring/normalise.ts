import type { Indicator } from "../framework/model.ts";

/** The value of an answer: a number, a checklist or scale choice code, or `na`. */
export type AnswerValue = number | string;

/** Marks an answer that is excluded from scoring (checklist "not applicable"). */
export const NOT_APPLICABLE = "na";

/**
 * The canonical form of a checklist answer (`yes`, `partially`, `no`, `na` or
 * anything else), trimmed and lower-cased; "" for non-text values.
 */
export function toChecklistKey(value: AnswerValue): string {
  // Fast path: most answers are already canonical, so skip allocating new strings.
  if (value === "yes" || value === "no" || value === "partially" || value === NOT_APPLICABLE) return value;
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

/**
 * Turns an answer into a number ready for normalisation: the checklist or
 * scale score, or the (log-transformed) numeric value. NaN means no usable value.
 */
export function toRawScore(ind: Indicator, value: AnswerValue): number {
  switch (ind.type) {
    case "checklist": {
      const key = toChecklistKey(value);
      if (key === "yes" || key === "partially" || key === "no") return ind.scoring[key];
      return Number.NaN;
    }
    case "scale": {
      const choice = ind.scoring.choices.find((c) => c.code === String(value).trim());
      return choice ? choice.score : Number.NaN;
    }
    default: {
      const num = typeof value === "number" ? value : Number(String(value).trim() || Number.NaN);
      if (!Number.isFinite(num)) return Number.NaN;
      if (ind.scoring.log) return num > 0 ? Math.log(num) : Number.NaN;
      return num;
    }
  }
}

/** True for indicators whose raw values are normalised between goalposts. */
export function isNumeric(ind: Indicator): ind is Extract<Indicator, { type: "number" | "percentage" }> {
  return ind.type === "number" || ind.type === "percentage";
}

/**
 * Normalises a raw numeric value between goalposts `lo` and `hi` (already
 * log-transformed when the rule asks for it) to 0–1, reversing for
 * "lower is better" and capping when asked. Equal goalposts (every entity has
 * the same value, or data fell on the far side of a fixed goalpost) act as a
 * threshold: a value on the good side of it, or at it, gives 1, the other side 0.
 */
export function normalise(raw: number, lo: number, hi: number, lowerIsBetter: boolean, cap: boolean): number {
  if (hi === lo) {
    // Without this, "lower is better" turned a tie between all entities into 0 for everyone.
    return (lowerIsBetter ? raw <= lo : raw >= lo) ? 1 : 0;
  }
  let t = (raw - lo) / (hi - lo);
  if (lowerIsBetter) t = 1 - t;
  if (cap) t = Math.min(1, Math.max(0, t));
  return t;
}

/**
 * Applies an indicator's goalposts: fixed numbers, with `data` replaced by the
 * period's min or max. A data goalpost never crosses a fixed one: with
 * `min: 9, max: "data"` and every value below 9, the goalposts become [9, 9]
 * (everyone scores 0) rather than an inverted range that scored them as the best.
 * `fixed`: goalposts that replace the indicator's own (set on a node above it).
 */
export function goalposts(
  ind: Extract<Indicator, { type: "number" | "percentage" }>,
  dataMin: number,
  dataMax: number,
  fixed: { min: number | "data"; max: number | "data" } = ind.scoring,
): [number, number] {
  const { min, max } = fixed;
  const { log } = ind.scoring;
  const fix = (g: number) => (log ? Math.log(g) : g);
  if (min === "data" && max === "data") return [dataMin, dataMax];
  if (min === "data") {
    const hi = fix(max as number);
    return [Math.min(dataMin, hi), hi];
  }
  const lo = fix(min);
  if (max === "data") return [lo, Math.max(dataMax, lo)];
  return [lo, fix(max)];
}
