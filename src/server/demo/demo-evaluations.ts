import { and, asc, eq } from "drizzle-orm";
import { DEFAULT_EVALUATION_SCALE, type EvaluationCriterion } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { recommendations, resultNodes } from "../db/schema.ts";
import { addEvaluationRecommendation, saveFollowUp } from "../results/evaluations/follow-up.ts";
import { createOutcome } from "../results/evaluations/outcomes.ts";
import { createEvaluation } from "../results/evaluations/save-evaluation.ts";

/*
 * The regional plan's mid-term evaluation (2025): a finding on each of the seven criteria,
 * three recommendations with the management's response and their follow-up, and two advocacy
 * outcomes, linked to demo UN recommendations to Moldova when the demo holds any.
 */

const FINDINGS: { criterion: EvaluationCriterion; rating: number; narrative: string; evidence: string[] }[] =
  [
    {
      criterion: "relevance",
      rating: 4,
      narrative:
        "The plan's objectives match the priorities set by the member coalitions and the Committee's concluding observations for the region.",
      evidence: ["Mid-term evaluation report, section 3.1", "Survey of member coalitions, March 2025"],
    },
    {
      criterion: "coherence",
      rating: 3,
      narrative:
        "Regional advocacy complements national work; coordination with other European networks is informal and could be planned.",
      evidence: ["Mid-term evaluation report, section 3.2"],
    },
    {
      criterion: "effectiveness",
      rating: 3,
      narrative:
        "Four policy changes were influenced by 2025 against a target of three; joint position papers are on track.",
      evidence: ["Results dashboard, 2025", "Mid-term evaluation report, section 4"],
    },
    {
      criterion: "efficiency",
      rating: 2,
      narrative:
        "Reporting by members is late in one year out of three; the secretariat spends much time collecting figures by e-mail.",
      evidence: ["Mid-term evaluation report, section 5"],
    },
    {
      criterion: "impact",
      rating: 3,
      narrative:
        "Early signs of change in two countries' legislation on violence against children; attribution remains partial.",
      evidence: ["Case studies: Moldova and Georgia"],
    },
    {
      criterion: "sustainability",
      rating: 2,
      narrative: "Most member coalitions depend on one donor; only a minority have a fundraising strategy.",
      evidence: ["Mid-term evaluation report, section 6"],
    },
    {
      criterion: "ethics",
      rating: 4,
      narrative:
        "Children were consulted with informed consent and safeguarding procedures; no personal data of children is kept.",
      evidence: ["Safeguarding policy 2023", "Consultation protocol"],
    },
  ];

const RECOMMENDATIONS = [
  {
    text: {
      en: "Collect members' figures through the platform instead of e-mail, with a reporting calendar.",
      fr: "Recueillir les chiffres des membres par la plateforme plutôt que par courriel, avec un calendrier de rapports.",
      ar: "جمع أرقام الأعضاء عبر المنصة بدلًا من البريد الإلكتروني، مع جدول زمني للتقارير.",
    },
    dueOn: "2026-03-31",
    response: {
      responseDecision: "accepted",
      managementResponse: {
        en: "Reporting moves to Childmark from the 2025 annual report.",
        fr: "Les rapports passent à Childmark à partir du rapport annuel 2025.",
      },
      status: "completed",
    },
  },
  {
    text: {
      en: "Support member coalitions to diversify funding, starting with a regional fundraising training.",
      fr: "Aider les coalitions membres à diversifier leurs financements, en commençant par une formation régionale à la collecte de fonds.",
      ar: "دعم الائتلافات الأعضاء لتنويع التمويل، بدءًا بتدريب إقليمي على جمع الأموال.",
    },
    dueOn: "2026-12-31",
    response: {
      responseDecision: "partially_accepted",
      managementResponse: {
        en: "A training is planned; a regional fund is not within the secretariat's means.",
        fr: "Une formation est prévue ; un fonds régional dépasse les moyens du secrétariat.",
      },
      status: "in_progress",
    },
  },
  {
    text: {
      en: "Agree a coordination plan with other European child-rights networks.",
      fr: "Convenir d’un plan de coordination avec les autres réseaux européens des droits de l’enfant.",
      ar: "الاتفاق على خطة تنسيق مع الشبكات الأوروبية الأخرى لحقوق الطفل.",
    },
    dueOn: null,
    response: {
      responseDecision: "accepted",
      managementResponse: {
        en: "To be discussed at the 2026 general assembly.",
        fr: "À discuter lors de l’assemblée générale de 2026.",
      },
      status: "not_started",
    },
  },
] as const;

/** Records the demo evaluation and outcomes of the regional plan, through the API's use cases. */
export async function loadDemoEvaluations(db: Db, adminId: string, planId: string): Promise<void> {
  const evaluationId = await createEvaluation(
    db,
    planId,
    {
      title: {
        en: "Mid-term evaluation of the strategic plan",
        fr: "Évaluation à mi-parcours du plan stratégique",
        ar: "تقييم منتصف المدة للخطة الاستراتيجية",
      },
      type: "mid_term",
      nodeId: null,
      periodStart: "2023-01-01",
      periodEnd: "2025-06-30",
      evaluators: "Independent evaluation team (two consultants)",
      scale: DEFAULT_EVALUATION_SCALE,
      findings: FINDINGS.map((f) => ({ ...f, narrative: { en: f.narrative } })),
    },
    adminId,
  );
  for (const rec of RECOMMENDATIONS) {
    const id = await addEvaluationRecommendation(
      db,
      planId,
      evaluationId,
      { text: rec.text, dueOn: rec.dueOn },
      adminId,
    );
    await saveFollowUp(db, planId, evaluationId, id, { ...rec.response, note: null }, adminId);
  }
  const linked = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(eq(recommendations.stateCode, "MD"))
    .orderBy(asc(recommendations.importKey))
    .limit(2);
  const [advocacyNode] = await db
    .select({ id: resultNodes.id })
    .from(resultNodes)
    .where(and(eq(resultNodes.planId, planId), eq(resultNodes.code, "1.1")));
  await createOutcome(
    db,
    planId,
    {
      title: {
        en: "Moldova bans corporal punishment in all settings",
        fr: "La Moldavie interdit les châtiments corporels dans tous les contextes",
        ar: "مولدوفا تحظر العقوبة البدنية في جميع الأماكن",
      },
      description: {
        en: "Parliament amended the Family Code after the coalition's joint advocacy with the regional network.",
        fr: "Le Parlement a modifié le Code de la famille après le plaidoyer commun de la coalition et du réseau régional.",
        ar: "عدّل البرلمان قانون الأسرة بعد المناصرة المشتركة للائتلاف مع الشبكة الإقليمية.",
      },
      kind: "law",
      achievedOn: "2024-11-21",
      nodeId: advocacyNode?.id ?? null,
      evidence: ["Official Monitor of the Republic of Moldova, law amending the Family Code"],
      recommendationIds: linked.slice(0, 1).map((r) => r.id),
    },
    adminId,
  );
  await createOutcome(
    db,
    planId,
    {
      title: {
        en: "Georgia adopts a child-friendly justice strategy",
        fr: "La Géorgie adopte une stratégie de justice adaptée aux enfants",
        ar: "جورجيا تعتمد استراتيجية عدالة صديقة للطفل",
      },
      description: {
        en: "The Government adopted the strategy and its action plan, citing the network's position paper.",
        fr: "Le Gouvernement a adopté la stratégie et son plan d’action, en citant la prise de position du réseau.",
        ar: "اعتمدت الحكومة الاستراتيجية وخطة عملها، مستشهدة بورقة موقف الشبكة.",
      },
      kind: "policy",
      achievedOn: "2025-05-06",
      nodeId: advocacyNode?.id ?? null,
      evidence: ["Government decree, May 2025", "ChildPact position paper on child-friendly justice"],
      recommendationIds: linked.slice(1, 2).map((r) => r.id),
    },
    adminId,
  );
}
