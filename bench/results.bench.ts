import { planProgress } from "../src/core/index.ts";
import type { Db } from "../src/server/db/connect.ts";
import { resultIndicators, resultNodes, resultValues } from "../src/server/db/schema.ts";
import { buildDashboard } from "../src/server/results/dashboard.ts";
import { loadPlan } from "../src/server/results/load-plan.ts";
import { readProgressInputs } from "../src/server/results/read-progress-inputs.ts";
import { createPlan } from "../src/server/results/save-plan.ts";
import { benchCoalition, benchDatabases } from "./databases.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";

export const name = "results: plan of 500 indicators × 20 periods";

const GOALS = 5;
const OUTCOMES_PER_GOAL = 10;
const INDICATORS_PER_OUTCOME = 10;
const PERIODS = Array.from({ length: 20 }, (_, i) => {
  const year = 2010 + i;
  return { key: String(year), label: String(year), startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
});
const DASHBOARD_TARGET_MS = { postgres: 200, pglite: 400 };
const RUNS = 10;

/**
 * Writes the bench plan in bulk for `organisationId`: 5 goals × 10 outcomes × 10
 * indicators (500), a target and an actual broken down by sex for each of the 20
 * periods (20,000 values). Shared with results-xlsx.bench.ts.
 */
export async function writeBenchPlan(db: Db, organisationId: string, userId: string): Promise<string> {
  const planId = await createPlan(db, benchPlanBody(organisationId), userId);
  let position = 0;
  for (let g = 0; g < GOALS; g++) {
    const [goal] = await db
      .insert(resultNodes)
      .values({ planId, level: "goal", code: `G${g}`, title: { en: `Goal ${g}` }, position: position++ })
      .returning({ id: resultNodes.id });
    const outcomes = await db
      .insert(resultNodes)
      .values(
        Array.from({ length: OUTCOMES_PER_GOAL }, (_, o) => ({
          planId,
          parentId: goal!.id,
          level: "outcome",
          code: `G${g}.${o}`,
          title: { en: `Outcome ${g}.${o}` },
          rollUp: o % 2 ? "weighted" : "average",
          position: position++,
        })),
      )
      .returning({ id: resultNodes.id, code: resultNodes.code });
    for (const outcome of outcomes) {
      const indicators = await db
        .insert(resultIndicators)
        .values(
          Array.from({ length: INDICATORS_PER_OUTCOME }, (_, i) => ({
            planId,
            nodeId: outcome.id,
            code: `${outcome.code}.${i}`,
            title: { en: `Indicator ${outcome.code}.${i}` },
            type: "number",
            cumulation: i % 2 ? "sum" : "latest",
            baselineValue: 10,
            weight: 1 + (i % 3),
            disaggregations: ["sex"],
          })),
        )
        .returning({ id: resultIndicators.id });
      const values = indicators.flatMap((ind, i) =>
        PERIODS.flatMap((p, k) => {
          const actual = 10 + ((i * 7 + k * 3) % 40);
          return [
            { indicatorId: ind.id, period: p.key, kind: "target", value: 20 + k },
            {
              indicatorId: ind.id,
              period: p.key,
              kind: "actual",
              value: actual,
              breakdown: { sex: { girls: Math.floor(actual / 2), boys: actual - Math.floor(actual / 2) } },
            },
          ];
        }),
      );
      await db.insert(resultValues).values(values);
    }
  }
  return planId;
}

/** The bench plan's levels, periods and categories, without its tree (for an import into an empty plan). */
export function benchPlanBody(organisationId: string) {
  return {
    organisationId,
    title: { en: "Bench plan" },
    levels: [
      { key: "goal", name: { en: "Goal" } },
      { key: "outcome", name: { en: "Outcome" } },
    ],
    periods: PERIODS,
    disaggregations: [
      {
        key: "sex",
        name: { en: "Sex" },
        values: [
          { key: "girls", name: { en: "Girls" } },
          { key: "boys", name: { en: "Boys" } },
        ],
      },
    ],
  };
}

/**
 * Builds a plan of 5 goals × 10 outcomes × 10 indicators (500), with a target and
 * an actual (broken down by sex) per indicator and period (20,000 values), written
 * in bulk; then times the pure roll-up and the dashboard data (the plan read from
 * the database and its progress), 10 runs after one warm-up.
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for await (const database of benchDatabases()) {
    const { db, kind } = database;
    const { userId, organisationId } = await benchCoalition(db);
    const start = performance.now();
    const planId = await writeBenchPlan(db, organisationId, userId);
    const written = performance.now() - start;
    console.log(
      `  ${kind}: plan written (bulk, 500 indicators, 20,000 values) in ${formatFigure(written)} ms`,
    );
    figures.push({ metric: `${kind}: write the plan in bulk`, value: written, unit: "ms" });

    const plan = await loadPlan(db, planId);
    const inputs = await readProgressInputs(db, plan);
    const order = PERIODS.map((p) => p.key);
    const rollUps: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      planProgress(inputs.nodes, inputs.indicators, inputs.values, order, "2029");
      if (i > 0) rollUps.push(performance.now() - t);
    }
    const dashboards: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const loaded = await loadPlan(db, planId);
      buildDashboard(loaded, await readProgressInputs(db, loaded), "2029", "2030-06-01");
      if (i > 0) dashboards.push(performance.now() - t);
    }
    const p50 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        0.5,
      );
    console.log(
      `  ${kind}: roll-up median ${formatFigure(p50(rollUps))} ms; dashboard data median ${formatFigure(p50(dashboards))} ms`,
    );
    figures.push({ metric: `${kind}: progress roll-up (pure), median`, value: p50(rollUps), unit: "ms" });
    figures.push({
      metric: `${kind}: dashboard data (lean read + progress), median`,
      value: p50(dashboards),
      unit: "ms",
      target: DASHBOARD_TARGET_MS[kind],
    });
  }
  return figures;
}
