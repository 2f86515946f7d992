import { resultValues } from "../src/server/db/schema.ts";
import { loadPlan } from "../src/server/results/load-plan.ts";
import { readPlan } from "../src/server/results/read-plan.ts";
import { createPlan } from "../src/server/results/save-plan.ts";
import { exportPlanWorkbook } from "../src/server/results/xlsx/export-plan.ts";
import { importPlanWorkbook } from "../src/server/results/xlsx/import-plan.ts";
import { benchCoalition, benchDatabases } from "./databases.ts";
import { type BenchFigure, formatFigure } from "./harness.ts";
import { benchPlanBody, writeBenchPlan } from "./results.bench.ts";

export const name = "results: XLSX template of a plan of 500 indicators × 20 periods (by sex)";

/**
 * The XLSX template round trip of the bench plan of results.bench.ts (500 indicators,
 * 20 periods, 20,000 targets and actuals, the actuals broken down by sex), once per
 * database:
 * - export the template;
 * - import it back into the same plan (every row compared, nothing to change);
 * - import it into an empty plan with the same periods: a dry run (every row checked,
 *   nothing written), then for real (550 nodes, 500 indicators, 20,000 values and their
 *   history checked in memory and written in bulk, one transaction).
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for await (const database of benchDatabases()) {
    const { db, kind } = database;
    const { userId, organisationId } = await benchCoalition(db);
    const actor = { userId: userId, isAdmin: true, grants: [] };
    const planId = await writeBenchPlan(db, organisationId, userId);
    const plan = await loadPlan(db, planId);

    const planOut = await readPlan(db, plan, actor);
    const start = performance.now();
    const { bytes } = await exportPlanWorkbook(planOut);
    const exported = performance.now() - start;
    console.log(`  ${kind}: export ${formatFigure(exported)} ms (${(bytes.length / 1e6).toFixed(1)} MB)`);
    figures.push({ metric: `${kind}: export the template`, value: exported, unit: "ms" });

    // The same template as filled offline for a new plan: no value in Childmark yet (version 0).
    for (const indicator of planOut.indicators)
      for (const period of Object.values(indicator.values))
        for (const value of [period.target, period.actual]) if (value) value.version = 0;
    const fresh = (await exportPlanWorkbook(planOut)).bytes;

    const importInto = async (target: typeof plan, dryRun: boolean, file = bytes) => {
      const t = performance.now();
      const report = await importPlanWorkbook(db, {
        plan: target,
        actorId: userId,
        mayEdit: true,
        bytes: file,
        fileName: "bench.xlsx",
        dryRun,
        audit: { actorId: userId, actorEmail: "bench@example.org" },
      });
      const ms = performance.now() - t;
      if (!report.ok) throw new Error(`bench import refused: ${JSON.stringify(report.problems.slice(0, 3))}`);
      return { ms, report };
    };

    const same = await importInto(plan, false);
    console.log(
      `  ${kind}: import into the same plan ${formatFigure(same.ms)} ms (${same.report.unchanged} rows unchanged, ${same.report.changed} changed)`,
    );
    figures.push({
      metric: `${kind}: import back into the same plan (no change)`,
      value: same.ms,
      unit: "ms",
    });

    const empty = await loadPlan(db, await createPlan(db, benchPlanBody(organisationId), userId));
    const dry = await importInto(empty, true, fresh);
    console.log(
      `  ${kind}: dry run into an empty plan ${formatFigure(dry.ms)} ms (${dry.report.changed} rows)`,
    );
    figures.push({ metric: `${kind}: dry run into an empty plan`, value: dry.ms, unit: "ms" });

    const full = await importInto(empty, false, fresh);
    const values = await db.$count(resultValues);
    console.log(
      `  ${kind}: import into an empty plan ${formatFigure(full.ms)} ms (${full.report.changed} rows; ${values} values stored in both plans)`,
    );
    figures.push({ metric: `${kind}: import into an empty plan`, value: full.ms, unit: "ms" });
  }
  return figures;
}
