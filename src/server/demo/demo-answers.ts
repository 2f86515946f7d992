import { type Answer, type Framework, type Indicator, roundTo } from "../../core/index.ts";
import { DEMO_COUNTRIES, DEMO_CYCLES } from "./demo-countries.ts";
import { buildDemoProfiles, type DemoProfile } from "./demo-profiles.ts";
import {
  DEMO_NOT_APPLICABLE,
  DEMO_RANGES,
  DEMO_SOMETIMES_NOT_APPLICABLE,
  type DemoRange,
} from "./demo-ranges.ts";
import { noiseFor, randomFor, uniformFor } from "./random.ts";

export type { DemoCountry, DemoCycle } from "./demo-countries.ts";
export { DEMO_COUNTRIES, DEMO_CYCLES };

/** The seed of the published demo; another seed gives another, equally plausible, demo. */
export const DEMO_SEED = "childmark-cpi-demo-1";

/** Share of answers left empty, as happens in a real cycle (statistics are missing more often). */
const MISSING_RATE = { statistic: 0.04, checklist: 0.015 };
/** Latent quality above which a checklist question is answered "yes", and "partially". */
const YES_FROM = 0.62;
const PARTIALLY_FROM = 0.38;

interface Draw {
  country: string;
  cycle: string;
  cycleIndex: number;
  profile: DemoProfile;
  seed: string;
}

/**
 * Builds invented answers of the ten ChildPact countries for the two demo
 * cycles. Deterministic: the same framework and seed always give the same
 * answers. Each country answers from a consistent profile; the second cycle
 * mostly improves a little and sometimes regresses; a few answers are missing
 * and a few are "not applicable". These are demo values, not findings.
 */
export function buildDemoAnswers(framework: Framework, seed: string = DEMO_SEED): Answer[] {
  const profiles = buildDemoProfiles(seed);
  const answers: Answer[] = [];
  DEMO_CYCLES.forEach((cycle, cycleIndex) => {
    for (const country of DEMO_COUNTRIES) {
      const draw = {
        country: country.code,
        cycle: cycle.code,
        cycleIndex,
        profile: profiles.get(country.code)!,
        seed,
      };
      for (const ind of framework.indicators) {
        const value = answerIndicator(ind, draw);
        if (value !== null)
          answers.push({ entity: country.code, period: cycle.code, indicator: ind.code, value });
      }
    }
  });
  return answers;
}

function answerIndicator(ind: Indicator, draw: Draw): Answer["value"] {
  const { country, seed } = draw;
  const isStatistic = ind.type === "number" || ind.type === "percentage";
  const missingRate = isStatistic ? MISSING_RATE.statistic : MISSING_RATE.checklist;
  if (randomFor(seed, "missing", country, draw.cycle, ind.code)() < missingRate) return null;
  const quality = latentQuality(ind, draw);
  switch (ind.type) {
    case "checklist":
      if (isNotApplicable(ind.code, draw)) return "na";
      return quality >= YES_FROM ? "yes" : quality >= PARTIALLY_FROM ? "partially" : "no";
    case "scale": {
      const choices = [...ind.scoring.choices].sort((a, b) => a.score - b.score);
      const pick = Math.round(clamp01(quality) * (choices.length - 1));
      return choices[pick]!.code;
    }
    default: {
      const range = rangeOf(ind);
      return roundTo(range.worst + (range.best - range.worst) * clamp01(quality), range.decimals);
    }
  }
}

/**
 * The country's quality on one indicator in one cycle: its level, its offset
 * on the indicator's dimension, how hard the indicator is, a per-country
 * draw, and, from the second cycle on, the country's trend.
 */
function latentQuality(ind: Indicator, draw: Draw): number {
  const { country, profile, seed, cycleIndex } = draw;
  const dimension = ind.classifications.dimension?.[0] ?? "";
  const start =
    profile.level +
    (profile.dimension[dimension] ?? 0) +
    uniformFor(-0.18, 0.18, seed, "difficulty", ind.code) +
    noiseFor(0.12, seed, "answer", country, ind.code);
  return start + cycleIndex * (profile.trend + noiseFor(0.04, seed, "change", country, ind.code));
}

function isNotApplicable(code: string, draw: Draw): boolean {
  if (DEMO_NOT_APPLICABLE[draw.country]?.includes(code)) return true;
  // The same countries find these questions not applicable in every cycle.
  return (
    DEMO_SOMETIMES_NOT_APPLICABLE.includes(code) && randomFor(draw.seed, "na", draw.country, code)() < 0.2
  );
}

/** The demo range of a statistic; for indicators the demo does not know, its goalposts or 0–100. */
function rangeOf(ind: Extract<Indicator, { type: "number" | "percentage" }>): DemoRange {
  const known = DEMO_RANGES[ind.code];
  if (known) return known;
  const { min, max, direction } = ind.scoring;
  const low = typeof min === "number" ? min : 0;
  const high = typeof max === "number" ? max : 100;
  return direction === "lower"
    ? { best: low, worst: high, decimals: 1 }
    : { best: high, worst: low, decimals: 1 };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
