import { eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { organisations } from "../db/schema.ts";
import { CHILDPACT_REGION } from "../reference/countries.ts";
import { loadPlan } from "../results/load-plan.ts";
import { addIndicator } from "../results/save-indicator.ts";
import { addNode } from "../results/save-node.ts";
import { approvePlan, createPlan } from "../results/save-plan.ts";
import { saveValue } from "../results/save-value.ts";
import { loadDemoEvaluations } from "./demo-evaluations.ts";

/*
 * Two demo strategic plans, from the objectives of ChildPact's strategic plan
 * (seed 000): the regional network's own plan, and Moldova's coalition's plan
 * whose first outcome is read from the index. Four yearly periods: three with
 * targets and actuals, the current one with targets only; one actual of the last
 * ended year is left missing so the dashboard shows what is late.
 */

const YEARS = ["2023", "2024", "2025", "2026"];
const PERIODS = YEARS.map((y) => ({ key: y, label: y, startsOn: `${y}-01-01`, endsOn: `${y}-12-31` }));
const LEVELS = [
  { key: "goal", name: { en: "Strategic objective", fr: "Objectif stratégique", ar: "هدف استراتيجي" } },
  { key: "outcome", name: { en: "Outcome", fr: "Effet", ar: "نتيجة" } },
  { key: "output", name: { en: "Output", fr: "Produit", ar: "مخرج" } },
];
const SEX = {
  key: "sex",
  name: { en: "Sex", fr: "Sexe", ar: "الجنس" },
  values: [
    { key: "girls", name: { en: "Girls", fr: "Filles", ar: "فتيات" } },
    { key: "boys", name: { en: "Boys", fr: "Garçons", ar: "فتيان" } },
  ],
};

interface DemoIndicator {
  code: string;
  title: Record<string, string>;
  type: "number" | "percentage" | "narrative";
  unit?: string;
  direction?: "increase" | "decrease";
  cumulation?: "sum" | "latest";
  baseline?: number;
  bySex?: boolean;
  /** A year whose actual is broken down only in part (girls counted, boys not): the dashboard shows the gap. */
  partBrokenDownIn?: string;
  /** Targets and actuals by year (null: not reported). */
  targets: (number | null)[];
  actuals: (number | null)[];
  linkToIndex?: boolean;
}

interface DemoNode {
  code: string;
  level: "goal" | "outcome" | "output";
  title: Record<string, string>;
  responsible?: string;
  indicators?: DemoIndicator[];
  children?: DemoNode[];
}

const REGIONAL: DemoNode[] = [
  {
    code: "SO1",
    level: "goal",
    title: {
      en: "Evidence-based policy making embeds child protection at all levels",
      fr: "Des politiques fondées sur des données intègrent la protection de l'enfance à tous les niveaux",
      ar: "سياسات قائمة على الأدلة تدمج حماية الطفل على جميع المستويات",
    },
    responsible: "Advocacy coordinator",
    children: [
      {
        code: "1.1",
        level: "outcome",
        title: {
          en: "Evidence-based advocacy on child protection issues",
          fr: "Plaidoyer fondé sur des données",
        },
        indicators: [
          {
            code: "1.1a",
            title: {
              en: "Policy changes influenced by ChildPact and its members",
              fr: "Changements de politiques influencés",
            },
            type: "number",
            unit: "changes",
            cumulation: "sum",
            targets: [2, 3, 3, 4],
            actuals: [2, 2, 4, null],
          },
          {
            code: "1.1b",
            title: { en: "Joint position papers submitted to European institutions" },
            type: "number",
            unit: "papers",
            cumulation: "sum",
            targets: [2, 2, 3, 3],
            actuals: [1, 2, 3, null],
          },
        ],
      },
    ],
  },
  {
    code: "SO2",
    level: "goal",
    title: {
      en: "Members have the capacity to tackle current and emergent child-protection issues",
      fr: "Les membres ont la capacité de répondre aux enjeux de protection de l'enfance",
      ar: "يمتلك الأعضاء القدرة على معالجة قضايا حماية الطفل",
    },
    responsible: "Capacity-building officer",
    children: [
      {
        code: "2.1",
        level: "outcome",
        title: { en: "Members exchange experience and good practice" },
        indicators: [
          {
            code: "2.1a",
            title: { en: "Member coalitions with a fundraising strategy" },
            type: "percentage",
            baseline: 30,
            targets: [40, 60, 80, 90],
            actuals: [45, 55, 70, null],
          },
          {
            code: "2.1b",
            title: { en: "Staff of member organisations trained" },
            type: "number",
            unit: "people",
            cumulation: "sum",
            bySex: true,
            partBrokenDownIn: "2024",
            targets: [60, 80, 80, 100],
            actuals: [72, 64, null, null],
          },
        ],
      },
    ],
  },
  {
    code: "SO3",
    level: "goal",
    title: {
      en: "ChildPact is a reference point on child protection through the Child Protection Index",
      fr: "ChildPact est une référence grâce à l'Indice de protection de l'enfance",
      ar: "تشكّل ChildPact مرجعاً لحماية الطفل من خلال مؤشر حماية الطفل",
    },
    responsible: "CPI coordinator",
    children: [
      {
        code: "3.1",
        level: "outcome",
        title: { en: "The CPI is carried out regularly in every member country" },
        indicators: [
          {
            code: "3.1a",
            title: { en: "Member countries with a validated CPI assessment" },
            type: "number",
            unit: "countries",
            targets: [10, null, 10, null],
            actuals: [10, null, 10, null],
          },
          {
            code: "3.1b",
            title: { en: "Media mentions of the CPI" },
            type: "number",
            unit: "mentions",
            cumulation: "sum",
            targets: [20, 30, 40, 50],
            actuals: [18, 35, 31, null],
          },
        ],
      },
    ],
  },
];

const MOLDOVA: DemoNode[] = [
  {
    code: "G1",
    level: "goal",
    title: {
      en: "Every child in Moldova grows up in a safe family environment",
      fr: "Chaque enfant en Moldavie grandit dans un environnement familial sûr",
      ar: "ينشأ كل طفل في مولدوفا في بيئة أسرية آمنة",
    },
    responsible: "APSCF director",
    children: [
      {
        code: "O1",
        level: "outcome",
        title: { en: "Government action to protect children improves, as measured by the CPI" },
        indicators: [
          {
            code: "O1a",
            title: { en: "Child Protection Index score of Moldova" },
            type: "number",
            unit: "score",
            baseline: 60,
            targets: [62, null, 66, null],
            actuals: [null, null, null, null],
            linkToIndex: true,
          },
        ],
      },
      {
        code: "O2",
        level: "outcome",
        title: { en: "Fewer children live in residential care" },
        indicators: [
          {
            code: "O2a",
            title: { en: "Children in residential care per 100,000 children" },
            type: "number",
            unit: "per 100,000",
            direction: "decrease",
            baseline: 310,
            targets: [280, 250, 220, 200],
            actuals: [290, 262, 241, null],
          },
        ],
        children: [
          {
            code: "O2.1",
            level: "output",
            title: { en: "Social workers trained in family support" },
            indicators: [
              {
                code: "O2.1a",
                title: { en: "Social workers trained" },
                type: "number",
                unit: "people",
                cumulation: "sum",
                bySex: true,
                targets: [120, 150, 150, 150],
                actuals: [131, 140, null, null],
              },
            ],
          },
        ],
      },
    ],
  },
];

/**
 * Loads the two demo plans once (after the demo releases, so the index-linked
 * indicator reads published scores). Written through the same use cases as the API.
 */
export async function loadDemoPlans(
  db: Db,
  adminId: string,
  index: { frameworkCode: string; rootCode: string },
) {
  const [network] = await db
    .insert(organisations)
    .values({
      name: "ChildPact — Regional Coalition for Child Protection",
      kind: "regional",
      regionCode: CHILDPACT_REGION.code,
      // The network shows its approved plan on the public portal, so a new user sees one there.
      publishesPlans: true,
    })
    .returning({ id: organisations.id });
  const [moldova] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.countryCode, "MD"));
  const regionalPlanId = await buildDemoPlan(
    db,
    adminId,
    network!.id,
    {
      en: "ChildPact strategic plan 2023–2026",
      fr: "Plan stratégique de ChildPact 2023–2026",
      ar: "الخطة الاستراتيجية لـ ChildPact 2023–2026",
    },
    REGIONAL,
    null,
  );
  await approvePlan(db, regionalPlanId, { approved: true, isPublic: true }, adminId);
  await loadDemoEvaluations(db, adminId, regionalPlanId);
  if (moldova) {
    await buildDemoPlan(
      db,
      adminId,
      moldova.id,
      { en: "APSCF strategic plan 2023–2026", fr: "Plan stratégique de l'APSCF 2023–2026" },
      MOLDOVA,
      { ...index, country: "MD" },
    );
  }
}

async function buildDemoPlan(
  db: Db,
  adminId: string,
  organisationId: string,
  title: Record<string, string>,
  tree: DemoNode[],
  index: { frameworkCode: string; rootCode: string; country: string } | null,
) {
  const planId = await createPlan(
    db,
    { organisationId, title, levels: LEVELS, periods: PERIODS, disaggregations: [SEX] },
    adminId,
    true,
  );
  const plan = await loadPlan(db, planId);
  const addTree = async (nodes: DemoNode[], parentId: string | null) => {
    for (const node of nodes) {
      const nodeId = await addNode(db, plan, {
        parentId,
        level: node.level,
        code: node.code,
        title: node.title,
        description: null,
        responsible: node.responsible ?? null,
        startsOn: null,
        endsOn: null,
        rollUp: "average",
        weight: 1,
      });
      for (const ind of node.indicators ?? []) await addDemoIndicator(db, plan, nodeId, ind, adminId, index);
      await addTree(node.children ?? [], nodeId);
    }
  };
  await addTree(tree, null);
  return planId;
}

function demoBreakdown(total: number, isPartial: boolean): Record<string, Record<string, number>> {
  const girls = Math.round(total * 0.52);
  return { sex: isPartial ? { girls } : { girls, boys: total - girls } };
}

async function addDemoIndicator(
  db: Db,
  plan: Awaited<ReturnType<typeof loadPlan>>,
  nodeId: string,
  ind: DemoIndicator,
  adminId: string,
  index: { frameworkCode: string; rootCode: string; country: string } | null,
) {
  const indicatorId = await addIndicator(db, plan, {
    nodeId,
    code: ind.code,
    title: ind.title,
    type: ind.type,
    unit: ind.unit ?? null,
    scaleMin: null,
    scaleMax: null,
    direction: ind.direction ?? "increase",
    cumulation: ind.cumulation ?? "latest",
    baselineValue: ind.baseline ?? null,
    baselineDate: ind.baseline === undefined ? null : "2022-12-31",
    weight: 1,
    disaggregations: ind.bySex ? ["sex"] : [],
    link:
      ind.linkToIndex && index
        ? {
            kind: "index",
            frameworkCode: index.frameworkCode,
            itemCode: index.rootCode,
            country: index.country,
          }
        : null,
  });
  const save = (kind: "target" | "actual", year: string, value: number) =>
    saveValue(db, {
      plan,
      indicatorId,
      period: year,
      kind,
      actorId: adminId,
      source: "demo",
      body: {
        value,
        narrative: null,
        // Girls and boys in the demo's usual proportion (52 %), adding up to the total.
        breakdown:
          kind === "actual" && ind.bySex ? demoBreakdown(value, year === ind.partBrokenDownIn) : null,
        comment: null,
        evidence: kind === "actual" ? `Annual report ${year} (demo data)` : null,
        expectedVersion: 0,
      },
    });
  for (const [i, year] of YEARS.entries()) {
    const target = ind.targets[i];
    const actual = ind.actuals[i];
    if (target != null) await save("target", year, target);
    if (actual != null && !ind.linkToIndex) await save("actual", year, actual);
  }
}
