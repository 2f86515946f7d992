import { DEMO_COUNTRIES } from "./demo-countries.ts";
import { randomFor, uniformFor } from "./random.ts";

/** How a demo country behaves: its overall level, its change between cycles, its strong and weak dimensions. */
export interface DemoProfile {
  /** Overall level of protection, 0–1. */
  level: number;
  /** Change of the level from one cycle to the next (negative: the country regresses). */
  trend: number;
  /** Offset of each dimension from the overall level. */
  dimension: Record<string, number>;
}

/**
 * Levels handed out to the ten countries. They are spread on purpose so that
 * scores fall in several bands; which country gets which level is drawn by the
 * seeded generator and says nothing about the real country.
 */
const LEVELS = [0.36, 0.41, 0.45, 0.49, 0.53, 0.57, 0.61, 0.65, 0.69, 0.74];
/** Changes between cycles handed out the same way: most countries improve a little, two regress. */
const TRENDS = [-0.04, -0.02, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05];

/**
 * Where the region's countries typically stand: laws are ahead of the
 * services, skills and oversight that implement them.
 */
const DIMENSION_BIAS: Record<string, number> = {
  laws_policy: 0.12,
  services: -0.03,
  capacity: -0.06,
  accountability: -0.05,
  coordination: -0.02,
};

/** Builds the profile of every demo country from the seed. */
export function buildDemoProfiles(seed: string): Map<string, DemoProfile> {
  const levels = shuffleFor(LEVELS, seed, "level");
  const trends = shuffleFor(TRENDS, seed, "trend");
  const profiles = new Map<string, DemoProfile>();
  DEMO_COUNTRIES.forEach(({ code }, i) => {
    const dimension: Record<string, number> = {};
    for (const [dim, bias] of Object.entries(DIMENSION_BIAS)) {
      dimension[dim] = bias + uniformFor(-0.1, 0.1, seed, "dimension", code, dim);
    }
    profiles.set(code, {
      level: levels[i]!,
      trend: trends[i]!,
      dimension,
    });
  });
  return profiles;
}

/** A copy of the values in an order drawn from the seed. */
function shuffleFor(values: readonly number[], ...parts: string[]): number[] {
  const keyed = values.map((value, i) => ({ value, key: randomFor(...parts, String(i))() }));
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.value);
}
