import type { Db } from "../../src/server/db/connect.ts";
import { organisations } from "../../src/server/db/schema.ts";
import { loadPlan } from "../../src/server/results/load-plan.ts";
import { addIndicator } from "../../src/server/results/save-indicator.ts";
import { addNode } from "../../src/server/results/save-node.ts";
import { createPlan } from "../../src/server/results/save-plan.ts";

/** An organisation: a national coalition (`country`) or a regional network (`region`). */
export async function buildOrganisation(
  db: Db,
  scope: { country: string } | { region: string },
  name = "country" in scope ? `Coalition ${scope.country}` : `Network ${scope.region}`,
): Promise<string> {
  const [row] = await db
    .insert(organisations)
    .values({
      name,
      kind: "country" in scope ? "coalition" : "regional",
      countryCode: "country" in scope ? scope.country : null,
      regionCode: "region" in scope ? scope.region : null,
    })
    .returning({ id: organisations.id });
  return row!.id;
}

export const PLAN_PERIODS = ["2024", "2025", "2026"].map((y) => ({
  key: y,
  label: y,
  startsOn: `${y}-01-01`,
  endsOn: `${y}-12-31`,
}));

export const PLAN_BODY = {
  title: { en: "Strategic plan 2024–2026" },
  levels: [
    { key: "goal", name: { en: "Strategic goal" } },
    { key: "outcome", name: { en: "Outcome" } },
    { key: "output", name: { en: "Output" } },
  ],
  periods: PLAN_PERIODS,
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

/** A plan of the organisation with one goal, one outcome under it and one counted indicator (by sex). */
export async function buildPlan(db: Db, organisationId: string, userId: string) {
  const planId = await createPlan(db, { organisationId, ...PLAN_BODY }, userId);
  const plan = await loadPlan(db, planId);
  const node = {
    description: null,
    responsible: null,
    startsOn: null,
    endsOn: null,
    rollUp: "average",
    weight: 1,
  } as const;
  const goalId = await addNode(db, plan, {
    ...node,
    parentId: null,
    level: "goal",
    code: "G1",
    title: { en: "Children live free from violence" },
  });
  const outcomeId = await addNode(db, plan, {
    ...node,
    parentId: goalId,
    level: "outcome",
    code: "O1.1",
    title: { en: "Professionals apply child-safe practice" },
  });
  const indicatorId = await addIndicator(db, plan, {
    nodeId: outcomeId,
    code: "I1",
    title: { en: "Social workers trained" },
    type: "number",
    unit: "people",
    scaleMin: null,
    scaleMax: null,
    direction: "increase",
    cumulation: "sum",
    baselineValue: 0,
    baselineDate: "2023-12-31",
    weight: 1,
    disaggregations: ["sex"],
    link: null,
  });
  return { planId, goalId, outcomeId, indicatorId };
}
