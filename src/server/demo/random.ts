/**
 * A small seeded pseudo-random generator for demo data. Every draw is keyed by
 * text (seed, country, indicator …) rather than by call order, so the demo
 * answers of one indicator stay the same when indicators are added or reordered.
 */

/** Hashes text to a 32-bit unsigned integer (FNV-1a). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Creates a generator of numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator keyed by the given parts, e.g. `randomFor("demo", "MD", "a19.01")`. */
export function randomFor(...parts: string[]): () => number {
  return createRandom(hashText(parts.join("\u0000")));
}

/** A uniform draw in [min, max) keyed by the given parts. */
export function uniformFor(min: number, max: number, ...parts: string[]): number {
  return min + (max - min) * randomFor(...parts)();
}

/**
 * A roughly normal draw (mean 0, the given standard deviation), keyed by the
 * given parts: the sum of three uniforms, which is bounded (±3 sd) — no outliers.
 */
export function noiseFor(sd: number, ...parts: string[]): number {
  const next = randomFor(...parts);
  const sum = next() + next() + next();
  return ((sum - 1.5) / 0.5) * sd;
}
