import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import { consultationDefinition, DEFAULT_EVALUATION_SCALE } from "../../src/core/index.ts";
import { evaluationBody, followUpBody, outcomeBody } from "../../src/server/api-schemas/evaluations.ts";
import { indicatorBody, nodeBody, valueBody } from "../../src/server/api-schemas/results.ts";
import { publishBudgets } from "../../src/server/budgets/publish.ts";
import { loadBudgetCountry } from "../../src/server/budgets/read-budgets.ts";
import { loadConsultation } from "../../src/server/children/load-consultation.ts";
import { setConsultationStatus } from "../../src/server/children/save-consultation.ts";
import { loadSessionByCode, submitAnswers } from "../../src/server/children/submit-answers.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  alternativeReportSections,
  answers,
  areas,
  assessmentEvents,
  assessments,
  assignments,
  budgetHistory,
  budgetLines,
  budgetReviews,
  comments,
  evidenceSources,
  implementationAssessments,
  organisations,
  recommendations,
  reportingCycles,
  reportingSteps,
  resultFiles,
  workingGroupReviewRights,
} from "../../src/server/db/schema.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { CHILDPACT_REGION } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { findRelease } from "../../src/server/releases/read-release.ts";
import { createReport } from "../../src/server/reporting/reports.ts";
import { loadCountry } from "../../src/server/reporting/scope.ts";
import { addEvaluationRecommendation, saveFollowUp } from "../../src/server/results/evaluations/follow-up.ts";
import { createOutcome } from "../../src/server/results/evaluations/outcomes.ts";
import { createEvaluation } from "../../src/server/results/evaluations/save-evaluation.ts";
import { loadPlan } from "../../src/server/results/load-plan.ts";
import { addIndicator } from "../../src/server/results/save-indicator.ts";
import { addNode } from "../../src/server/results/save-node.ts";
import { createPlan } from "../../src/server/results/save-plan.ts";
import { saveValue } from "../../src/server/results/save-value.ts";
import { computeScores } from "../../src/server/scores/compute-scores.ts";
import { readScores } from "../../src/server/scores/read-scores.ts";
import { CANARY, plantCanaries } from "./canary.ts";
import { buildConsultation, childSubmission } from "./children-factories.ts";
import { buildUser } from "./factories.ts";
import { type BuiltNetwork, buildNetwork } from "./network-factories.ts";
import { answerOf, buildPublishableCycle, type PublishableCycle } from "./release-setup.ts";

/** The value of a draft answer: a number that exists nowhere but in that draft. */
export const DRAFT_VALUE = 12.3456;

/** Scores are written with four decimals here, so a draft's score is a distinctive string. */
const PRECISION = 4;

export interface CanaryWorld {
  cycle: PublishableCycle;
  /** The draft assessment of an area of Armenia (a copy of the draft's answers). */
  areaAssessmentId: string;
  /** The release of MD only, published by an admin named after the canary. */
  slug: string;
  checklist: string;
  number: string;
  /** Evidence ids: the draft's uploaded file (named after the canary) and a removed source. */
  fileEvidenceId: string;
  assignmentId: string;
  recommendationId: string;
  /** The draft's author, named after the canary (an account only administrators may look at). */
  authorId: string;
  /** A results plan of Armenia's coalition, never published, with the canary in its texts. */
  plan: {
    id: string;
    organisationId: string;
    nodeId: string;
    indicatorId: string;
    period: string;
    /** An evaluation of the plan with a recommendation, and an advocacy outcome: the canary in their texts. */
    evaluationId: string;
    evaluationRecommendationId: string;
    outcomeId: string;
    /** An evidence file of the evaluation's finding on relevance: the canary in its name and content. */
    fileId: string;
  };
  /**
   * A children's consultation of Armenia's coalition, closed but not made public: the canary in
   * its title and in a child's free text waiting for moderation.
   */
  consultation: { id: string; code: string; submissionId: string };
  /** Armenia's coalition in the network, with the canary in a listed member's unpublished contacts. */
  network: BuiltNetwork;
  /** A member of Armenia's coalition, not listed, that "publishes" a logo holding the canary. */
  unlistedOrganisationId: string;
  /** A review right of Armenia's working group: recommendations of a theme holding the canary. */
  reviewRightId: string;
  /**
   * An alternative report of Armenia's coalition, pre-filled from the working figures, with the
   * canary in a section; and a reporting step of Armenia whose note holds the canary.
   */
  reportId: string;
  /** A budget line of Armenia in a draft fiscal year (2025), never published: the canary in its name and source; the validated 2024 is published. */
  budgetLineId: string;
  /**
   * Numbers found only in unpublished data: the draft answer's value and every working score
   * of AM (draft) and GE (validated, not published) with four decimals, none of which any
   * published figure shares. `draftOverall` is AM's overall score among them.
   */
  draftNumbers: string[];
  draftOverall: string;
}

/**
 * A cycle of MD (validated, published), GE (validated, not published) and AM (a draft), scored
 * with four decimals, with the canary planted in every unpublished place (`plantCanaries`) and
 * also in the draft's comment, workflow note, uploaded file (its name and its bytes), an
 * assignment's author and a coalition's tracking of a recommendation to AM; the draft answers
 * one number indicator with `DRAFT_VALUE`. Needs `seedReference` first.
 */
export async function buildCanaryWorld(db: Db): Promise<CanaryWorld> {
  const framework = { ...(await readDemoFramework()), precision: PRECISION };
  const cycle = await buildPublishableCycle(db, {
    countries: ["MD", "GE", "AM"],
    validated: ["MD", "GE"],
    framework,
  });
  await plantCanaries(db, cycle);
  const author = await buildUser(db, { name: `${CANARY} draft author` });
  const am = cycle.assessments.AM!;
  const checklist = cycle.framework.indicators.find((i) => i.type === "checklist")!.code;
  const number = cycle.framework.indicators.find((i) => i.type === "number")!.code;
  const draftAnswer = await answerOf(db, am, checklist);
  await db
    .update(answers)
    .set({ valueNumber: DRAFT_VALUE, valueText: null })
    .where(eq(answers.id, await answerOf(db, am, number)));
  await db
    .insert(comments)
    .values({ answerId: draftAnswer, authorId: author.id, body: `${CANARY} draft comment` });
  await db.insert(assessmentEvents).values({
    assessmentId: am,
    fromStatus: "submitted",
    toStatus: "draft",
    actorId: author.id,
    reason: `${CANARY} draft internal note`,
  });
  mkdirSync(uploadsDir(), { recursive: true });
  writeFileSync(join(uploadsDir(), "canary-draft.pdf"), `%PDF-1.4\n% ${CANARY} file content\n%%EOF\n`);
  const [file] = await db
    .insert(evidenceSources)
    .values({
      answerId: draftAnswer,
      kind: "file",
      filePath: "canary-draft.pdf",
      fileName: `${CANARY}-decree.pdf`,
      mediaType: "application/pdf",
      fileSize: 60,
      createdBy: author.id,
    })
    .returning({ id: evidenceSources.id });
  const [assignment] = await db
    .insert(assignments)
    .values({ assessmentId: am, userId: author.id, itemCode: checklist, createdBy: author.id })
    .returning({ id: assignments.id });
  const [recommendation] = await db
    .insert(recommendations)
    .values({
      mechanism: "crc",
      stateCode: "AM",
      stateName: "Armenia",
      text: { en: "Strengthen child protection services." },
      importKey: "canary-am",
    })
    .returning({ id: recommendations.id });
  await db.insert(implementationAssessments).values({
    recommendationId: recommendation!.id,
    status: "in_progress",
    assessedByKind: "coalition",
    assessorId: author.id,
    assessedOn: "2026-01-15",
    evidenceText: `${CANARY} tracking evidence`,
  });
  const plan = await plantCanaryPlan(db, author.id);
  const consultation = await plantCanaryConsultation(db, plan.organisationId, author.id, checklist);
  // Armenia's coalition in the network: a member listed in the directory whose contacts are not
  // published, a working group's document and a membership application, all holding the canary.
  const network = await buildNetwork(db, {
    country: "AM",
    region: CHILDPACT_REGION.code,
    applicantId: author.id,
    secret: CANARY,
  });
  const [reviewRight] = await db
    .insert(workingGroupReviewRights)
    .values({ groupId: network.groupId, scopeType: "country", scopeCode: "AM", themes: [`${CANARY} theme`] })
    .returning({ id: workingGroupReviewRights.id });
  // A member of Armenia's coalition that publishes its logo but is not listed in the directory:
  // its logo (the canary in its bytes) must not be served publicly either.
  const unlistedLogo = "network-logo-unlisted.png";
  writeFileSync(join(uploadsDir(), unlistedLogo), `\x89PNG\r\n\x1a\n${CANARY} unlisted logo`, "latin1");
  const [unlisted] = await db
    .insert(organisations)
    .values({
      name: "Unlisted NGO AM",
      kind: "member",
      countryCode: "AM",
      parentId: network.coalitionId,
      listedInDirectory: false,
      publishesLogo: true,
      logoPath: unlistedLogo,
      logoMediaType: "image/png",
      logoSize: 40,
      logoSha256: "0".repeat(64),
    })
    .returning({ id: organisations.id });
  const [budgetLine] = await db
    .insert(budgetLines)
    .values({
      countryCode: "AM",
      fiscalYear: "2025",
      startYear: 2025,
      lineKey: "canary-line",
      name: `${CANARY} budget line`,
      nameEn: `${CANARY} budget line`,
      ministry: "Ministry of Labour and Social Affairs",
      sector: "child-protection",
      currency: "AMD",
      allocated: DRAFT_VALUE,
      sourceDocument: `${CANARY} draft budget`,
    })
    .returning({ id: budgetLines.id });
  await db.insert(budgetHistory).values({
    countryCode: "AM",
    entity: "line",
    entityKey: budgetLine!.id,
    before: null,
    after: { name: `${CANARY} budget line`, allocated: DRAFT_VALUE },
    changedBy: author.id,
    source: "entry",
  });
  // A validated fiscal year of Armenia, published: the draft year's canary line must stay out
  // of the publication (only validated budget data reach the portal).
  await db.insert(budgetLines).values({
    countryCode: "AM",
    fiscalYear: "2024",
    startYear: 2024,
    lineKey: "validated-line",
    name: "Validated budget line",
    nameEn: "Validated budget line",
    ministry: "Ministry of Labour and Social Affairs",
    sector: "child-protection",
    currency: "AMD",
    allocated: 5_000_000,
  });
  await db.insert(budgetReviews).values({ countryCode: "AM", fiscalYear: "2024", state: "validated" });
  await publishBudgets(db, await loadBudgetCountry(db, "AM"), {
    notes: "Validated budget data",
    userId: null,
    audit: { actorId: null, actorEmail: null, ip: null },
  });
  // An area of Armenia with a draft assessment holding a copy of the draft's answers.
  await db.insert(areas).values({ countryCode: "AM", code: "AM-ER", level: 1, name: { en: "Yerevan" } });
  const [areaAssessment] = await db
    .insert(assessments)
    .values({ cycleId: cycle.cycleId, countryCode: "AM", areaCode: "AM-ER" })
    .returning({ id: assessments.id });
  await db.execute(
    sql`insert into answers (assessment_id, indicator_id, value_text, value_number, justification)
      select ${areaAssessment!.id}, indicator_id, value_text, value_number, justification from answers
      where assessment_id = ${am}`,
  );
  // The working figures follow the planted answers, as after any save.
  await computeScores(db, cycle.versionId);
  const reportId = await plantCanaryReport(db, author.id);
  const publisher = await buildUser(db, { isAdmin: true, name: CANARY });
  const { slug } = await publishRelease(db, {
    cycleId: cycle.cycleId,
    assessmentIds: [cycle.assessments.MD!],
    userId: publisher.id,
  });
  const published = JSON.stringify(await findRelease(db, slug));
  const working = await readScores(db, cycle.versionId);
  const distinctive = (score: number | null) => {
    const text = score === null ? "" : score.toFixed(PRECISION);
    return text && !text.endsWith("0") && !published.includes(text) ? text : null;
  };
  const draftNumbers = [
    ...new Set(
      working
        .filter((r) => r.country === "AM" || r.country === "GE")
        .flatMap((r) => distinctive(r.score) ?? []),
    ),
  ];
  const overall = working.find(
    (r) => r.country === "AM" && r.node === cycle.framework.nodes.find((n) => n.parent === null)!.code,
  );
  const draftOverall = distinctive(overall?.score ?? null);
  if (!draftOverall) throw new Error(`AM's overall draft score ${overall?.score} is not distinctive`);
  return {
    cycle,
    slug,
    checklist,
    number,
    fileEvidenceId: file!.id,
    assignmentId: assignment!.id,
    recommendationId: recommendation!.id,
    authorId: author.id,
    plan,
    consultation,
    reportId,
    network,
    unlistedOrganisationId: unlisted!.id,
    areaAssessmentId: areaAssessment!.id,
    reviewRightId: reviewRight!.id,
    budgetLineId: budgetLine!.id,
    draftNumbers: [String(DRAFT_VALUE), ...draftNumbers],
    draftOverall,
  };
}

/**
 * A plan of Armenia's coalition (internal to its country and region): the canary in its title,
 * a node, an indicator and an actual's comment and evidence, and the draft value as the actual.
 */
async function plantCanaryPlan(db: Db, authorId: string): Promise<CanaryWorld["plan"]> {
  const [organisation] = await db
    .insert(organisations)
    .values({ name: `${CANARY} coalition`, kind: "coalition", countryCode: "AM" })
    .returning({ id: organisations.id });
  const id = await createPlan(
    db,
    {
      organisationId: organisation!.id,
      title: { en: `${CANARY} strategic plan` },
      levels: [{ key: "goal", name: { en: "Goal" } }],
      periods: [{ key: "2026", label: "2026", startsOn: "2026-01-01", endsOn: "2026-12-31" }],
      disaggregations: [],
    },
    authorId,
  );
  const plan = await loadPlan(db, id);
  const nodeId = await addNode(
    db,
    plan,
    nodeBody.parse({ parentId: null, level: "goal", code: "G1", title: { en: `${CANARY} goal` } }),
  );
  const indicatorId = await addIndicator(
    db,
    plan,
    indicatorBody.parse({ nodeId, code: "G1.1", title: { en: `${CANARY} indicator` }, type: "number" }),
  );
  await saveValue(db, {
    plan,
    indicatorId,
    period: "2026",
    kind: "actual",
    body: valueBody.parse({
      value: DRAFT_VALUE,
      comment: `${CANARY} actual comment`,
      evidence: `${CANARY} actual evidence`,
      expectedVersion: 0,
    }),
    actorId: authorId,
    source: "entry",
  });
  const evaluationId = await createEvaluation(
    db,
    id,
    evaluationBody.parse({
      title: { en: `${CANARY} evaluation` },
      type: "mid_term",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
      evaluators: `${CANARY} evaluators`,
      scale: DEFAULT_EVALUATION_SCALE,
      findings: [
        {
          criterion: "relevance",
          rating: 3,
          narrative: { en: `${CANARY} finding` },
          evidence: [`${CANARY} report`],
        },
      ],
    }),
    authorId,
  );
  const evaluationRecommendationId = await addEvaluationRecommendation(
    db,
    id,
    evaluationId,
    { text: { en: `${CANARY} evaluation recommendation` }, dueOn: null },
    authorId,
  );
  await saveFollowUp(
    db,
    id,
    evaluationId,
    evaluationRecommendationId,
    followUpBody.parse({
      responseDecision: "accepted",
      managementResponse: { en: `${CANARY} management response` },
      status: "in_progress",
      note: `${CANARY} follow-up note`,
    }),
    authorId,
  );
  const outcomeId = await createOutcome(
    db,
    id,
    outcomeBody.parse({
      title: { en: `${CANARY} outcome` },
      description: { en: `${CANARY} outcome description` },
      kind: "policy",
      achievedOn: "2026-05-01",
      evidence: [`${CANARY} outcome evidence`],
    }),
    authorId,
  );
  writeFileSync(join(uploadsDir(), "canary-finding.pdf"), `%PDF-1.4\n% ${CANARY} finding file\n%%EOF\n`);
  const [file] = await db
    .insert(resultFiles)
    .values({
      planId: id,
      evaluationId,
      criterion: "relevance",
      filePath: "canary-finding.pdf",
      fileName: `${CANARY}-finding.pdf`,
      mediaType: "application/pdf",
      fileSize: 50,
      sha256: "0".repeat(64),
      createdBy: authorId,
    })
    .returning({ id: resultFiles.id });
  return {
    fileId: file!.id,
    id,
    organisationId: organisation!.id,
    nodeId,
    indicatorId,
    period: "2026",
    evaluationId,
    evaluationRecommendationId,
    outcomeId,
  };
}

/** The canary strings and draft-only numbers found in a text (French decimal commas included). */
/** A closed, unpublished consultation of the canary coalition whose question speaks to `indicator`. */
async function plantCanaryConsultation(
  db: Db,
  organisationId: string,
  authorId: string,
  indicator: string,
): Promise<CanaryWorld["consultation"]> {
  const definition = consultationDefinition.parse({
    ...SAMPLE_DEFINITION,
    title: { en: `${CANARY} consultation` },
    threshold: 5,
    questions: SAMPLE_DEFINITION.questions.map((q) =>
      q.code === "heard" ? { ...q, links: [{ kind: "indicator", ref: indicator }] } : q,
    ),
  });
  const built = await buildConsultation(db, organisationId, authorId, { definition });
  const joined = await loadSessionByCode(db, built.code);
  let submissionId = "";
  for (let i = 0; i < 6; i++) {
    const body = childSubmission({ answers: { heard: "yes", wish: `more ${CANARY} sport` } });
    submissionId = body.submissionId;
    await submitAnswers(db, joined, { ...body, guardianConsentConfirmed: false });
  }
  await setConsultationStatus(db, await loadConsultation(db, built.id), "closed", false);
  return { id: built.id, code: built.code, submissionId };
}

export function leaksIn(text: string, world: CanaryWorld): string[] {
  const found = text.includes("CANARY") ? ["CANARY"] : [];
  for (const n of world.draftNumbers)
    if (text.includes(n) || text.includes(n.replace(".", ","))) found.push(n);
  return found;
}

/** Armenia's alternative report (the canary in its general-measures section) and a step of its calendar. */
async function plantCanaryReport(db: Db, authorId: string): Promise<string> {
  const id = await db.transaction((tx) =>
    loadCountry(tx as unknown as Db, "AM").then((am) =>
      createReport(tx as unknown as Db, am, {}, { actorId: authorId, actorEmail: null }),
    ),
  );
  await db
    .update(alternativeReportSections)
    .set({ body: `${CANARY} draft of the coalition's report` })
    .where(
      and(eq(alternativeReportSections.reportId, id), eq(alternativeReportSections.key, "general_measures")),
    );
  const [cycle] = await db
    .insert(reportingCycles)
    .values({ countryCode: "AM", mechanism: "crc", review: "Periodic report" })
    .returning({ id: reportingCycles.id });
  await db.insert(reportingSteps).values({
    cycleId: cycle!.id,
    kind: "ngo_submission",
    dueOn: "2027-02-01",
    note: `${CANARY} strategy for the pre-session`,
  });
  return id;
}
