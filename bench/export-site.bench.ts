import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { loadDemo } from "../src/server/app/load-demo.ts";
import { assessments, cycles } from "../src/server/db/schema.ts";
import { DEMO_DRAFT } from "../src/server/demo/demo-releases.ts";
import { publishRelease } from "../src/server/releases/publish.ts";
import { findRelease } from "../src/server/releases/read-release.ts";
import { closeChromium } from "../src/server/reports/chromium.ts";
import { exportSite, staticContext } from "../src/server/site/export-site.ts";
import { siteFile, siteFilePaths } from "../src/server/site/site-files.ts";
import { benchDatabases } from "./databases.ts";
import type { BenchFigure } from "./harness.ts";

export const name = "static export";

const TARGET_S = 60;

/**
 * (c) `exportSite` (what `childmark export-site RELEASE DIR` runs) for two
 * releases of ten countries each: the demo (CPI demo framework, 158
 * indicators, ten countries, loaded as `childmark serve --demo` loads it)
 * publishes 2023 v1 with ten countries and 2025 v1 with nine (Moldova's 2025
 * assessment is kept a draft); Moldova's is validated here and 2025 v2 is
 * published with all ten. Both releases are exported in turn: every page in
 * en/fr/ar, assets, downloads and reports (PDF printed by Chromium, DOCX).
 * Setup (loading and publishing) is not timed.
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for await (const database of benchDatabases()) {
    const { db } = database;
    const setup = performance.now();
    await loadDemo(database);
    const [draft] = await db
      .select({ id: assessments.id, cycleId: assessments.cycleId })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(and(eq(assessments.countryCode, DEMO_DRAFT.country), eq(cycles.period, DEMO_DRAFT.period)));
    await db.update(assessments).set({ status: "validated" }).where(eq(assessments.id, draft!.id));
    const v2 = await publishRelease(db, {
      cycleId: draft!.cycleId,
      userId: null,
      notes: "Moldova's assessment added (benchmark).",
    });
    const slugs = ["cpi-demo-2023-v1", v2.slug];
    console.log(
      `  [${database.kind}] demo loaded and ${v2.slug} published (${v2.countries.length} countries) in ${((performance.now() - setup) / 1000).toFixed(1)} s (not timed)`,
    );
    const root = await mkdtemp(join(tmpdir(), "childmark-export-bench-"));
    let total = 0;
    try {
      for (const slug of slugs) {
        const start = performance.now();
        let files = 0;
        const result = await exportSite(db, {
          slug,
          dir: join(root, slug),
          onProgress: (done) => {
            files = done;
          },
        });
        const seconds = (performance.now() - start) / 1000;
        total += seconds;
        console.log(
          `  [${database.kind}] ${slug}: ${files} files, ${(result.bytes / 2 ** 20).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
        );
        figures.push({ metric: `${database.kind}: export ${slug}`, value: seconds, unit: "s" });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    console.log(`  [${database.kind}] both releases: ${total.toFixed(1)} s`);
    if (process.env.BENCH_EXPORT_BREAKDOWN) await breakdown(database.db, v2.slug);
    figures.push({
      metric: `${database.kind}: export 10 countries × 2 releases`,
      value: total,
      unit: "s",
      target: TARGET_S,
    });
  }
  await closeChromium();
  return figures;
}

/**
 * With BENCH_EXPORT_BREAKDOWN=1: where an export's time goes. Every file of
 * the release is built again one at a time (no parallelism, nothing written)
 * and the time summed by kind: pages, assets, downloads, PDF and DOCX reports.
 */
async function breakdown(db: Parameters<typeof exportSite>[0], slug: string): Promise<void> {
  const snapshot = (await findRelease(db, slug))!;
  const ctx = await staticContext(db, snapshot);
  const kinds = new Map<string, { files: number; ms: number }>();
  for (const path of siteFilePaths(snapshot, ctx)) {
    const kind = path.endsWith(".pdf")
      ? "PDF report"
      : path.endsWith(".docx")
        ? "DOCX report"
        : path.startsWith("downloads/")
          ? "download"
          : path.startsWith("assets/")
            ? "asset"
            : "page";
    const start = performance.now();
    await siteFile(snapshot, path, ctx);
    const sum = kinds.get(kind) ?? { files: 0, ms: 0 };
    sum.files++;
    sum.ms += performance.now() - start;
    kinds.set(kind, sum);
  }
  for (const [kind, { files, ms }] of kinds)
    console.log(
      `  ${slug} one file at a time, ${kind}: ${files} files, ${(ms / 1000).toFixed(1)} s (${(ms / files).toFixed(0)} ms each)`,
    );
}
