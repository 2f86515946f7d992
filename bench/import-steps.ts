import type { ImportStep } from "../src/server/data/import-answers.ts";
import { formatFigure } from "./harness.ts";

/**
 * Wall-clock and CPU time of each step of an import (`onStep`), from the call
 * or the step before. On PGlite the CPU includes the database's own work;
 * on PostgreSQL it is only this process's.
 */
export function timeSteps() {
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const ms: Partial<Record<ImportStep, number>> = {};
  const cpuMs: Partial<Record<ImportStep, number>> = {};
  return {
    ms,
    cpuMs,
    end(step: ImportStep) {
      const used = process.cpuUsage(cpu);
      ms[step] = performance.now() - wall;
      cpuMs[step] = (used.user + used.system) / 1000;
      wall = performance.now();
      cpu = process.cpuUsage();
    },
    describe: () =>
      Object.entries(ms)
        .map(
          ([step, value]) =>
            `${step} ${formatFigure(value)} ms (CPU ${formatFigure(cpuMs[step as ImportStep]!)} ms)`,
        )
        .join(", "),
  };
}
