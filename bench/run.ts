import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BenchFigure, type BenchModule, formatFigure } from "./harness.ts";

/**
 * `npm run bench [filter]`: runs every `bench/*.bench.ts` in turn (those whose
 * file name contains `filter`, when given), then prints one summary table.
 * Exits with 1 when a file breaks the convention or throws; a figure over its
 * target is flagged but does not fail the run (timings depend on the machine).
 */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? "";
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();

const rows: { bench: string; figure: BenchFigure }[] = [];
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Partial<BenchModule>;
  if (typeof mod.name !== "string" || typeof mod.run !== "function") {
    console.error(`${file}: a bench file must export \`name\` (string) and \`run()\` (see bench/README.md)`);
    failed = true;
    continue;
  }
  console.log(`▶ ${mod.name} (${file})`);
  try {
    for (const figure of (await mod.run()) ?? []) rows.push({ bench: mod.name, figure });
  } catch (error) {
    console.error(`${file} failed:`, error);
    failed = true;
  }
}

if (files.length === 0) console.error(`no bench/*.bench.ts file matches "${filter}"`);
printSummary(rows);
process.exitCode = failed || files.length === 0 ? 1 : 0;

function printSummary(list: typeof rows): void {
  const table = list.map(({ bench, figure }) => [
    bench,
    figure.metric,
    `${formatFigure(figure.value)} ${figure.unit}`,
    figure.target === undefined
      ? ""
      : `< ${figure.target} ${figure.unit}${figure.value > figure.target ? "  OVER" : ""}`,
  ]);
  const head = ["bench", "figure", "value", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  console.log(`\nSummary (${new Date().toISOString().slice(0, 16)}Z, node ${process.version})`);
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of table) console.log(line(r));
}
