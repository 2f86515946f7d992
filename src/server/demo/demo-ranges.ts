/**
 * Plausible ranges of the statistical indicators of the demo framework, from
 * the best to the worst value a country of the region might report, and the
 * decimals to report. They only make demo values look realistic: they are not
 * data about any country, and scoring never reads them (the framework's
 * goalposts do that).
 */
export interface DemoRange {
  best: number;
  worst: number;
  decimals: number;
}

export const DEMO_RANGES: Readonly<Record<string, DemoRange>> = {
  "cv.01": { best: 8, worst: 260, decimals: 0 },
  "cv.02": { best: 60, worst: 520, decimals: 0 },
  "cv.03": { best: 92, worst: 25, decimals: 1 },
  "cv.04": { best: 12, worst: 55, decimals: 1 },
  "cv.05": { best: 45, worst: 260, decimals: 0 },
  "cv.06": { best: 65, worst: 12, decimals: 1 },
  "cv.07": { best: 99.8, worst: 88, decimals: 1 },
  "cv.08": { best: 14, worst: 42, decimals: 1 },
  "cv.09": { best: 90, worst: 25, decimals: 1 },
  "cv.10": { best: 95, worst: 35, decimals: 1 },
  "cv.11": { best: 1, worst: 16, decimals: 1 },
  "cv.12": { best: 35, worst: 75, decimals: 1 },
  "cv.13": { best: 85, worst: 20, decimals: 1 },
  "cv.14": { best: 0.8, worst: 12, decimals: 1 },
  "cv.15": { best: 1.5, worst: 16, decimals: 1 },
  "cv.16": { best: 6, worst: 85, decimals: 1 },
  "cv.17": { best: 70, worst: 8, decimals: 1 },
  "cv.18": { best: 25, worst: 190, decimals: 0 },
  "cv.19": { best: 0.2, worst: 2.4, decimals: 2 },
  "cv.20": { best: 98, worst: 30, decimals: 1 },
  "cv.21": { best: 85, worst: 20, decimals: 1 },
  "cv.22": { best: 25, worst: 2, decimals: 1 },
  "cv.23": { best: 4, worst: 38, decimals: 1 },
  "cv.24": { best: 12, worst: 42, decimals: 1 },
  "ge.06": { best: 2.6, worst: 0.5, decimals: 2 },
  "ge.07": { best: 97, worst: 45, decimals: 1 },
  "a25.03": { best: 96, worst: 40, decimals: 1 },
  "sw.01": { best: 95, worst: 15, decimals: 1 },
  "sw.02": { best: 22, worst: 110, decimals: 0 },
  "sw.03": { best: 100, worst: 45, decimals: 1 },
  "sw.04": { best: 90, worst: 30, decimals: 1 },
  "sw.05": { best: 115, worst: 55, decimals: 1 },
  "sw.06": { best: 5, worst: 30, decimals: 1 },
};

/**
 * Indicators a country answers "not applicable" in the demo: Kosovo cannot
 * become a party to UN or Council of Europe treaties, so the ratification
 * questions do not apply to it.
 */
export const DEMO_NOT_APPLICABLE: Readonly<Record<string, readonly string[]>> = {
  XK: ["ge.26", "ge.27", "a21.02", "a34.02"],
};

/** Indicators that some countries, drawn at random, answer "not applicable" (no such cases in the period). */
export const DEMO_SOMETIMES_NOT_APPLICABLE: readonly string[] = ["a21.03", "a22.01", "a22.04"];
