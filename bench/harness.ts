import v8 from "node:v8";
import vm from "node:vm";

/**
 * The benchmark convention: every `bench/*.bench.ts` file exports `name` (a
 * short title) and `run()`, which prints its own figures as it goes and
 * returns them for the summary table printed by `bench/run.ts`.
 */
export interface BenchModule {
  name: string;
  run: () => Promise<BenchFigure[]>;
}

/** One measured figure, e.g. `{ metric: "score 626×200×5, median", value: 61.2, unit: "ms", target: 100 }`. */
export interface BenchFigure {
  metric: string;
  value: number;
  unit: string;
  /** An upper bound the figure should stay below, when there is one. */
  target?: number;
}

export interface Timing {
  median: number;
  p95: number;
  min: number;
  max: number;
  samples: number[];
}

/** Times `fn` after `warmup` untimed calls, `runs` times, in milliseconds. */
export function measure(fn: () => unknown, options: { warmup: number; runs: number }): Timing {
  for (let i = 0; i < options.warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    samples,
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

let gcFunction: (() => void) | undefined;

/** Runs a full garbage collection, so heap figures do not depend on earlier runs. */
export function collectGarbage(): void {
  if (!gcFunction) {
    // `npm run bench` has no --expose-gc: turn the flag on at run time and fetch `gc` from a fresh context.
    v8.setFlagsFromString("--expose-gc");
    gcFunction = vm.runInNewContext("gc") as () => void;
  }
  gcFunction();
}

/** Megabytes of JS heap plus typed-array buffers in use now. */
export function memoryInUse(): { heap: number; buffers: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, buffers: m.arrayBuffers / 2 ** 20 };
}

/** Rounds a figure for display. */
export function formatFigure(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
