import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import { type Actor, can, type Grant, type Target } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { renderPermissionsDoc } from "../../src/server/app/permissions-doc.ts";
import { ROUTE_ACCESS } from "../../src/server/app/route-access.ts";
import { nodePathOf } from "../../src/server/assessments/load-assessment.ts";
import { writeConsultationXlsForm } from "../../src/server/children/xlsform.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  answers,
  assignments,
  consultationAudio,
  evidenceSources,
  frameworkVersions,
  indicators,
  recommendations,
  reportingCycles,
  resultFiles,
  users,
  workingGroupReviewRights,
} from "../../src/server/db/schema.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { confirmSynergy } from "../../src/server/recommendations/synergies.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { createReport } from "../../src/server/reporting/reports.ts";
import { loadCountry } from "../../src/server/reporting/scope.ts";
import {
  buildConsultation,
  CONSULTATION_BODY,
  childSubmission,
  wavBytes,
} from "../support/children-factories.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildEvaluation, EVALUATION_BODY, OUTCOME_BODY } from "../support/evaluation-factories.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { IATI_103 } from "../support/iati.ts";
import { type BuiltNetwork, buildNetwork } from "../support/network-factories.ts";
import { buildOrganisation, buildPlan, PLAN_BODY } from "../support/results-factories.ts";
import { multipartBody, PNG } from "./evidence-files.ts";

/** The network's ids, fixed so that the personas' organisation and group roles can name them. */
const NET = {
  regionalId: "00000000-0000-4000-8000-00000000aa01",
  coalitionId: "00000000-0000-4000-8000-00000000aa02",
  memberId: "00000000-0000-4000-8000-00000000aa03",
  groupId: "00000000-0000-4000-8000-00000000aa04",
  fileId: "00000000-0000-4000-8000-00000000aa05",
  applicationId: "00000000-0000-4000-8000-00000000aa06",
};

/** The people of the matrix: every role, in and out of scope, and nobody signed in. */
const PERSONAS: Record<string, { isAdmin?: boolean; grants: Grant[] }> = {
  admin: { isAdmin: true, grants: [] },
  "secretariat (platform)": { grants: [{ role: "secretariat", scopeType: "platform", scopeCode: null }] },
  "secretariat (region)": {
    grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
  },
  "coordinator MD": { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] },
  "contributor MD": { grants: [{ role: "contributor", scopeType: "country", scopeCode: "MD" }] },
  "contributor MD, other section": {
    grants: [{ role: "contributor", scopeType: "country", scopeCode: "MD", sections: ["vulnerability"] }],
  },
  "reviewer MD": { grants: [{ role: "reviewer", scopeType: "country", scopeCode: "MD" }] },
  "viewer MD": { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] },
  "coordinator GE": { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }] },
  "contributor GE": { grants: [{ role: "contributor", scopeType: "country", scopeCode: "GE" }] },
  "coordinator of MD's coalition": {
    grants: [{ role: "coordinator", scopeType: "organisation", scopeCode: NET.coalitionId }],
  },
  "viewer of MD's member NGO": {
    grants: [{ role: "viewer", scopeType: "organisation", scopeCode: NET.memberId }],
  },
  "member of the working group": {
    grants: [{ role: "contributor", scopeType: "group", scopeCode: NET.groupId }],
  },
};

interface Context {
  frameworkVersionId: string;
  cycleId: string;
  assessmentId: string;
  indicator: string;
  /** The node directly above `indicator`. */
  section: string;
  assignmentId: string;
  evidenceId: string;
  fileEvidenceId: string;
  contributorId: string;
  /** A recommendation to Moldova: tracking it is within the scope of Moldova's coordinator. */
  recommendationId: string;
  /** A viewer of Moldova whose account the matrix manages. */
  managedUserId: string;
  counter: number;
  signIn: { email: string; password: string };
  /** Moldova's national coalition and its plan (a goal, an outcome, an indicator). */
  organisationId: string;
  plan: { planId: string; goalId: string; outcomeId: string; indicatorId: string };
  /** An evaluation of that plan with a recommendation, and an advocacy outcome of it. */
  evaluation: { evaluationId: string; recommendationId: string; outcomeId: string };
  /** Moldova's coalition's open children's consultation, its session code and a free text to moderate. */
  consultation: { id: string; code: string; submissionId: string; audioId: string; xlsform: Buffer };
  /**
   * What the deletion routes delete (so the objects above stay for the other routes): a plan
   * of its own, and another plan whose node, indicator, evaluation and outcome are deleted.
   */
  doomed: {
    planId: string;
    plan: { planId: string; goalId: string; indicatorId: string };
    evaluation: { evaluationId: string; outcomeId: string };
    /** An evidence file of that plan's evaluation. */
    fileId: string;
  };
  /** An evidence file of the evaluation above (stored beside the answer's). */
  resultFileId: string;
  /** Moldova's alternative report. */
  reportId: string;
  /** Two reviews of Moldova: one edited, one deleted. */
  reviews: { reviewId: string; doomedId: string };
  /** Recommendations to Moldova of two mechanisms: a confirmed synergy, one to undo, a pair to confirm. */
  synergy: { groupId: string; doomedId: string; pair: string[] };
  /** Moldova's coalition in the regional network, a member, a working group, an application. */
  network: BuiltNetwork;
  /** Budget lines of Moldova: one to read and change, one the deletion route removes. */
  budget: { lineId: string; doomedLineId: string };
  /**
   * The working group's review rights: `section` and `recommendationId` in Moldova (its members
   * review them), and another right the deletion route revokes.
   */
  review: { frameworkId: string; rightId: string; doomedId: string };
}

/** A valid request for every route (validation comes before authorisation, so bodies must be valid). */
/** A multipart upload for the matrix: the body and its content type. */
function upload(file: string, fields: Record<string, string>) {
  const { payload, headers } = multipartBody({ filename: "plan.xml", content: Buffer.from(file) }, fields);
  return { payload, headers };
}

/** A small valid framework file, a new version each time (an import of an existing version is refused). */
function frameworkUpload(c: Context) {
  const fw = {
    code: "matrix-framework",
    version: `m${c.counter++}`,
    title: { en: "Matrix framework" },
    defaultLanguage: "en",
    languages: ["en"],
    nodes: [{ code: "root", parent: null, label: { en: "Root" } }],
    indicators: [{ code: "q1", node: "root", type: "checklist", text: { en: "Is there a law?" } }],
  };
  return multipartBody({ filename: "framework.json", content: Buffer.from(JSON.stringify(fw)) }, {});
}

const REQUESTS: Record<
  string,
  (c: Context) => { url: string; payload?: object; headers?: Record<string, string> }
> = {
  "GET /api/health": () => ({ url: "/api/health" }),
  "GET /api/frameworks": () => ({ url: "/api/frameworks" }),
  "GET /api/frameworks/:id": (c) => ({ url: `/api/frameworks/${c.frameworkVersionId}` }),
  "GET /api/frameworks/:id/cycles": (c) => ({ url: `/api/frameworks/${c.frameworkVersionId}/cycles` }),
  "GET /api/frameworks/:id/scores": (c) => ({ url: `/api/frameworks/${c.frameworkVersionId}/scores` }),
  "GET /api/frameworks/:id/xlsform": (c) => ({ url: `/api/frameworks/${c.frameworkVersionId}/xlsform` }),
  "POST /api/frameworks/checks": (c) => ({ url: "/api/frameworks/checks", ...frameworkUpload(c) }),
  "POST /api/frameworks/imports": (c) => ({ url: "/api/frameworks/imports", ...frameworkUpload(c) }),
  "GET /api/countries": () => ({ url: "/api/countries" }),
  "POST /api/auth/sign-in": (c) => ({ url: "/api/auth/sign-in", payload: c.signIn }),
  "POST /api/auth/sign-out": () => ({ url: "/api/auth/sign-out" }),
  "GET /api/auth/me": () => ({ url: "/api/auth/me" }),
  "GET /api/auth/session": () => ({ url: "/api/auth/session" }),
  "POST /api/auth/password-reset": () => ({
    url: "/api/auth/password-reset",
    payload: { email: "x@example.org" },
  }),
  "POST /api/auth/password-reset/confirm": () => ({
    url: "/api/auth/password-reset/confirm",
    payload: { token: "not-a-real-token-at-all", password: "a long enough password" },
  }),
  "POST /api/invitations": (c) => ({
    url: "/api/invitations",
    payload: {
      email: `invitee-${c.counter++}@example.org`,
      grant: { role: "viewer", scopeType: "country", scopeCode: "MD" },
    },
  }),
  "POST /api/invitations/accept": () => ({
    url: "/api/invitations/accept",
    payload: { token: "not-a-real-token-at-all", name: "X", password: "a long enough password" },
  }),
  "GET /api/admin/outbox": () => ({ url: "/api/admin/outbox" }),
  // An unknown or expired challenge answers 400 to anyone.
  "POST /api/auth/sign-in/two-factor": () => ({
    url: "/api/auth/sign-in/two-factor",
    payload: { challengeToken: "not-a-real-token-at-all", code: "123456" },
  }),
  "GET /api/account/two-factor": () => ({ url: "/api/account/two-factor" }),
  "POST /api/account/two-factor/enrolment": () => ({ url: "/api/account/two-factor/enrolment" }),
  // A wrong code answers 400 to those allowed.
  "POST /api/account/two-factor/enrolment/confirm": () => ({
    url: "/api/account/two-factor/enrolment/confirm",
    payload: { code: "000000" },
  }),
  // Nobody of the matrix has two-factor sign-in on: 409 to those allowed.
  "POST /api/account/two-factor/recovery-codes": () => ({
    url: "/api/account/two-factor/recovery-codes",
    payload: { code: "000000" },
  }),
  "POST /api/account/two-factor/disable": () => ({
    url: "/api/account/two-factor/disable",
    payload: { password: "not the password", code: "000000" },
  }),
  "GET /api/admin/security-settings": () => ({ url: "/api/admin/security-settings" }),
  "PUT /api/admin/security-settings": () => ({
    url: "/api/admin/security-settings",
    payload: { twoFactorRequiredRoles: [] },
  }),
  // The managed account is a viewer of Moldova: within the regional secretariat's scope.
  "GET /api/admin/users": () => ({ url: "/api/admin/users?status=active" }),
  "GET /api/admin/users/:id": (c) => ({ url: `/api/admin/users/${c.managedUserId}` }),
  "PUT /api/admin/users/:id/roles": (c) => ({
    url: `/api/admin/users/${c.managedUserId}/roles`,
    payload: { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] },
  }),
  // Deactivating twice answers 409 to those allowed, counted as allowed.
  "POST /api/admin/users/:id/deactivate": (c) => ({
    url: `/api/admin/users/${c.managedUserId}/deactivate`,
    payload: { reason: "Matrix" },
  }),
  "POST /api/admin/users/:id/reactivate": (c) => ({ url: `/api/admin/users/${c.managedUserId}/reactivate` }),
  "POST /api/admin/users/:id/revoke-sessions": (c) => ({
    url: `/api/admin/users/${c.managedUserId}/revoke-sessions`,
  }),
  "GET /api/admin/audit": () => ({ url: "/api/admin/audit?action=auth.sign-in" }),
  "GET /api/admin/audit.csv": () => ({ url: "/api/admin/audit.csv?from=2020-01-01" }),
  "POST /api/cycles": (c) => ({
    url: "/api/cycles",
    payload: {
      frameworkVersionId: c.frameworkVersionId,
      period: `p${c.counter++}`,
      name: { en: "Matrix" },
      countries: ["MD"],
    },
  }),
  "GET /api/cycles": () => ({ url: "/api/cycles" }),
  "GET /api/cycles/:id": (c) => ({ url: `/api/cycles/${c.cycleId}` }),
  "GET /api/assessments/:id": (c) => ({ url: `/api/assessments/${c.assessmentId}` }),
  "GET /api/assessments/:id/completion": (c) => ({ url: `/api/assessments/${c.assessmentId}/completion` }),
  "POST /api/assessments/:id/score-preview": (c) => ({
    url: `/api/assessments/${c.assessmentId}/score-preview`,
    payload: { answers: { [c.indicator]: "yes" } },
  }),
  "GET /api/assessments/:id/people": (c) => ({ url: `/api/assessments/${c.assessmentId}/people` }),
  "PUT /api/assessments/:id/assignments": (c) => ({
    url: `/api/assessments/${c.assessmentId}/assignments`,
    payload: { userId: c.contributorId, itemCodes: [c.indicator] },
  }),
  "DELETE /api/assessments/:id/assignments/:assignmentId": (c) => ({
    url: `/api/assessments/${c.assessmentId}/assignments/${c.assignmentId}`,
  }),
  "PUT /api/assessments/:id/answers/:indicatorCode": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}`,
    payload: { value: c.counter++ % 2 ? "yes" : "no", expectedVersion: 0 },
  }),
  "GET /api/assessments/:id/answers/:indicatorCode/history": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/history`,
  }),
  "POST /api/assessments/:id/answers/:indicatorCode/restore": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/restore`,
    payload: { historyVersion: 1, expectedVersion: 0 },
  }),
  // Recommendations: an unknown id answers 404 to those allowed, which the matrix counts as allowed.
  "GET /api/recommendations": () => ({ url: "/api/recommendations?q=children" }),
  "GET /api/recommendations/dashboard": () => ({ url: "/api/recommendations/dashboard?state=MD" }),
  "GET /api/recommendations/report.docx": () => ({ url: "/api/recommendations/report.docx?state=MD" }),
  "GET /api/recommendations/report.xlsx": () => ({ url: "/api/recommendations/report.xlsx?state=MD" }),
  "GET /api/recommendations/report-card": () => ({ url: "/api/recommendations/report-card?state=MD" }),
  "GET /api/recommendations/report-card.docx": () => ({
    url: "/api/recommendations/report-card.docx?state=MD",
  }),
  "GET /api/recommendations/:id": () => ({ url: `/api/recommendations/${NO_RECOMMENDATION}` }),
  "GET /api/recommendations/:id/assessments": (c) => ({
    url: `/api/recommendations/${c.recommendationId}/assessments`,
  }),
  "GET /api/recommendations/:id/timeline": (c) => ({
    url: `/api/recommendations/${c.recommendationId}/timeline`,
  }),
  "POST /api/recommendations/:id/assessments": (c) => ({
    url: `/api/recommendations/${c.recommendationId}/assessments`,
    payload: { status: "in_progress", assessedByKind: "coalition", assessedOn: "2026-01-01" },
  }),
  "POST /api/recommendations/imports": () => ({ url: "/api/recommendations/imports", payload: {} }),
  "POST /api/recommendations/imports/preview": () => ({
    url: "/api/recommendations/imports/preview",
    payload: {},
  }),
  "GET /api/recommendations/imports": () => ({ url: "/api/recommendations/imports" }),
  "GET /api/recommendations/mappings": () => ({ url: "/api/recommendations/mappings" }),
  "PUT /api/recommendations/mappings/:name": () => ({
    url: "/api/recommendations/mappings/matrix",
    payload: { columns: { Text: "text", Country: "state" } },
  }),
  "GET /api/recommendations/:id/suggestions": () => ({
    url: `/api/recommendations/${NO_RECOMMENDATION}/suggestions`,
  }),
  "GET /api/recommendations/:id/indicator-suggestions": (c) => ({
    url: `/api/recommendations/${c.recommendationId}/indicator-suggestions?frameworkVersionId=${c.frameworkVersionId}`,
  }),
  "POST /api/recommendations/:id/indicator-suggestions": (c) => ({
    url: `/api/recommendations/${c.recommendationId}/indicator-suggestions`,
    payload: { frameworkVersionId: c.frameworkVersionId, indicatorCode: c.indicator, decision: "reject" },
  }),
  "GET /api/recommendations/saved-searches": () => ({ url: "/api/recommendations/saved-searches" }),
  "POST /api/recommendations/saved-searches": () => ({
    url: "/api/recommendations/saved-searches",
    payload: { name: "Matrix", query: "state=MD&q=violence" },
  }),
  // Another person's (or no) saved search answers 404, counted as allowed.
  "DELETE /api/recommendations/saved-searches/:id": () => ({
    url: `/api/recommendations/saved-searches/${NO_RECOMMENDATION}`,
  }),
  "POST /api/recommendations/tags": (c) => ({
    url: "/api/recommendations/tags",
    payload: { ids: [c.recommendationId], add: { themes: ["Matrix"] } },
  }),
  "GET /api/recommendations/synergies": () => ({ url: "/api/recommendations/synergies?state=MD" }),
  // Confirmed by the first of those allowed; the others get 409 (allowed). A dismissal twice is no change.
  "POST /api/recommendations/synergies": (c) => ({
    url: "/api/recommendations/synergies",
    payload: { ids: c.synergy.pair },
  }),
  "POST /api/recommendations/synergies/dismissals": (c) => ({
    url: "/api/recommendations/synergies/dismissals",
    payload: { ids: c.synergy.pair },
  }),
  "POST /api/recommendations/synergies/:id/assessments": (c) => ({
    url: `/api/recommendations/synergies/${c.synergy.groupId}/assessments`,
    payload: { status: "in_progress", assessedByKind: "coalition", assessedOn: "2026-01-01" },
  }),
  // Undone by the first of those allowed; the others get 404 (allowed).
  "DELETE /api/recommendations/synergies/:id": (c) => ({
    url: `/api/recommendations/synergies/${c.synergy.doomedId}`,
  }),
  "GET /api/recommendations/:id/synergy": (c) => ({
    url: `/api/recommendations/${c.recommendationId}/synergy`,
  }),
  "GET /api/assessments/:id/export.xlsx": (c) => ({ url: `/api/assessments/${c.assessmentId}/export.xlsx` }),
  "POST /api/assessments/:id/import": (c) => ({
    url: `/api/assessments/${c.assessmentId}/import?dryRun=true`,
    payload: {},
  }),
  "GET /api/assessments/:id/answers/:indicatorCode/evidence": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/evidence`,
  }),
  "POST /api/assessments/:id/answers/:indicatorCode/evidence": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/evidence`,
    payload: { kind: "citation", citation: "Law on child protection, art. 12" },
  }),
  "DELETE /api/evidence/:id": (c) => ({ url: `/api/evidence/${c.evidenceId}` }),
  "GET /api/evidence/:id/file": (c) => ({ url: `/api/evidence/${c.fileEvidenceId}/file` }),
  "GET /api/assessments/:id/answers/:indicatorCode/comments": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/comments`,
  }),
  "POST /api/assessments/:id/answers/:indicatorCode/comments": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/comments`,
    payload: { body: "Please add the 2024 amendment." },
  }),
  "POST /api/assessments/:id/submit": (c) => ({ url: `/api/assessments/${c.assessmentId}/submit` }),
  "POST /api/assessments/:id/start-review": (c) => ({
    url: `/api/assessments/${c.assessmentId}/start-review`,
  }),
  "POST /api/assessments/:id/answers/:indicatorCode/rework": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/rework`,
    payload: { comment: "Cite the article." },
  }),
  "DELETE /api/assessments/:id/answers/:indicatorCode/rework": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/rework`,
  }),
  "POST /api/assessments/:id/answers/:indicatorCode/approve": (c) => ({
    url: `/api/assessments/${c.assessmentId}/answers/${c.indicator}/approve`,
  }),
  "POST /api/assessments/:id/sections/:nodeCode/review": (c) => ({
    url: `/api/assessments/${c.assessmentId}/sections/${c.section}/review`,
    payload: { decision: "return", comment: "Cite the articles." },
  }),
  "GET /api/review/queue": () => ({ url: "/api/review/queue" }),
  "POST /api/assessments/:id/return": (c) => ({
    url: `/api/assessments/${c.assessmentId}/return`,
    payload: {},
  }),
  "POST /api/assessments/:id/validate": (c) => ({ url: `/api/assessments/${c.assessmentId}/validate` }),
  "POST /api/assessments/:id/reopen": (c) => ({
    url: `/api/assessments/${c.assessmentId}/reopen`,
    payload: { reason: "A correction from the ministry" },
  }),
  "GET /api/assessments/:id/events": (c) => ({ url: `/api/assessments/${c.assessmentId}/events` }),
  "GET /api/assessments/:id/changes": (c) => ({ url: `/api/assessments/${c.assessmentId}/changes` }),
  "GET /api/notifications": () => ({ url: "/api/notifications" }),
  "POST /api/notifications/:id/read": () => ({
    url: "/api/notifications/00000000-0000-4000-8000-000000000000/read",
  }),
  "POST /api/notifications/read-all": () => ({ url: "/api/notifications/read-all" }),
  "GET /api/releases": () => ({ url: "/api/releases" }),
  // No assessment of the matrix cycle is validated: those allowed get 400 (nothing to publish).
  "POST /api/cycles/:id/releases": (c) => ({
    url: `/api/cycles/${c.cycleId}/releases`,
    payload: { notes: "Matrix" },
  }),
  "GET /api/cycles/:id/release-candidates": (c) => ({ url: `/api/cycles/${c.cycleId}/release-candidates` }),
  // The matrix cycle has no release: those allowed get 404 (no such release, nothing running, no such analysis).
  "GET /api/cycles/:id/analyses": (c) => ({ url: `/api/cycles/${c.cycleId}/analyses` }),
  "POST /api/cycles/:id/analyses": (c) => ({
    url: `/api/cycles/${c.cycleId}/analyses`,
    payload: {
      release: "matrix-2026-v1",
      settings: {
        seed: 1,
        draws: 100,
        weights: { mode: "uniform", defaultRange: 0.2, concentration: 50 },
        normalisations: ["goalposts"],
        aggregations: ["framework"],
        missing: ["framework"],
      },
    },
  }),
  "DELETE /api/cycles/:id/analyses/job": (c) => ({ url: `/api/cycles/${c.cycleId}/analyses/job` }),
  "GET /api/cycles/:id/analyses/:analysisId": (c) => ({
    url: `/api/cycles/${c.cycleId}/analyses/00000000-0000-4000-8000-000000000000`,
  }),
  "POST /api/cycles/:id/analyses/:analysisId/publish": (c) => ({
    url: `/api/cycles/${c.cycleId}/analyses/00000000-0000-4000-8000-000000000000/publish`,
  }),
  "POST /api/tracking-publications": () => ({
    url: "/api/tracking-publications",
    payload: { country: "MD", notes: "Matrix publication" },
  }),
  "GET /api/tracking-publications": () => ({ url: "/api/tracking-publications" }),
  "GET /api/public/tracking": () => ({ url: "/api/public/tracking" }),
  // The public plans answer anyone (the matrix's plan is not published: 404).
  "GET /api/public/plans": () => ({ url: "/api/public/plans" }),
  "GET /api/public/plans/:id": (c) => ({ url: `/api/public/plans/${c.plan.planId}` }),
  "GET /api/public/tracking/:slug": () => ({ url: "/api/public/tracking/md-tracking-v1" }),
  "GET /api/public/tracking/countries/:country/series": () => ({
    url: "/api/public/tracking/countries/MD/series",
  }),
  "GET /api/public/tracking/countries/:country/series.csv": () => ({
    url: "/api/public/tracking/countries/MD/series.csv?by=date",
  }),
  // The public API answers anyone (an unknown release: 404).
  "OPTIONS /api/public/*": () => ({ url: "/api/public/releases" }),
  "GET /api/public/releases": () => ({ url: "/api/public/releases" }),
  "GET /api/public/releases/:slug": () => ({ url: "/api/public/releases/matrix-2026-v1" }),
  "GET /api/public/releases/:slug/countries/:code": () => ({
    url: "/api/public/releases/matrix-2026-v1/countries/md",
  }),
  "GET /api/public/releases/:slug/indicators/:code": () => ({
    url: "/api/public/releases/matrix-2026-v1/indicators/x",
  }),
  "GET /api/public/releases/:slug/downloads/:file": () => ({
    url: "/api/public/releases/matrix-2026-v1/downloads/matrix-2026-v1.csv",
  }),
  "GET /api/public/releases/:slug/downloads/countries/:file": () => ({
    url: "/api/public/releases/matrix-2026-v1/downloads/countries/md.csv",
  }),
  "GET /api/results/organisations": () => ({ url: "/api/results/organisations" }),
  "GET /api/results/plans": () => ({ url: "/api/results/plans" }),
  // Opting out keeps the matrix's plan off the portal.
  "PUT /api/results/organisations/:id/publishing": (c) => ({
    url: `/api/results/organisations/${c.organisationId}/publishing`,
    payload: { publishesPlans: false },
  }),
  "POST /api/results/plans": (c) => ({
    url: "/api/results/plans",
    payload: { organisationId: c.organisationId, ...PLAN_BODY, title: { en: `Matrix plan ${c.counter++}` } },
  }),
  "GET /api/results/plans/:id": (c) => ({ url: `/api/results/plans/${c.plan.planId}` }),
  "POST /api/results/plans/import-iati": (c) => ({
    url: "/api/results/plans/import-iati",
    ...upload(IATI_103, { organisationId: c.organisationId, dryRun: "true" }),
  }),
  "GET /api/results/plans/:id/export.iati.xml": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/export.iati.xml`,
  }),
  "POST /api/results/plans/:id/import-iati": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/import-iati`,
    ...upload(IATI_103, { dryRun: "true" }),
  }),
  "DELETE /api/results/plans/:id": (c) => ({ url: `/api/results/plans/${c.doomed.planId}` }),
  "PUT /api/results/plans/:id": (c) => ({ url: `/api/results/plans/${c.plan.planId}`, payload: PLAN_BODY }),
  // Reopening keeps the plan a draft, so the matrix can still change its targets.
  "POST /api/results/plans/:id/approval": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/approval`,
    payload: { approved: false },
  }),
  "POST /api/results/plans/:id/nodes": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/nodes`,
    payload: { parentId: c.plan.goalId, level: "outcome", code: `M${c.counter++}`, title: { en: "Matrix" } },
  }),
  "DELETE /api/results/plans/:id/nodes/:nodeId": (c) => ({
    url: `/api/results/plans/${c.doomed.plan.planId}/nodes/${c.doomed.plan.goalId}`,
  }),
  "PUT /api/results/plans/:id/nodes/:nodeId": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/nodes/${c.plan.outcomeId}`,
    payload: {
      parentId: c.plan.goalId,
      level: "outcome",
      code: "O1.1",
      title: { en: "Matrix outcome" },
      // Saved by the first of those allowed; the others get 409 (allowed).
      expectedVersion: 1,
    },
  }),
  "POST /api/results/plans/:id/indicators": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/indicators`,
    payload: {
      nodeId: c.plan.outcomeId,
      code: `MI${c.counter++}`,
      title: { en: "Matrix" },
      type: "percentage",
    },
  }),
  "DELETE /api/results/plans/:id/indicators/:indicatorId": (c) => ({
    url: `/api/results/plans/${c.doomed.plan.planId}/indicators/${c.doomed.plan.indicatorId}`,
  }),
  "PUT /api/results/plans/:id/indicators/:indicatorId": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/indicators/${c.plan.indicatorId}`,
    payload: {
      nodeId: c.plan.outcomeId,
      code: "I1",
      title: { en: "Social workers trained" },
      type: "number",
      cumulation: "sum",
      disaggregations: ["sex"],
      expectedVersion: 1,
    },
  }),
  // A stale version gets 409 from those allowed, which the matrix counts as allowed.
  "PUT /api/results/plans/:id/indicators/:indicatorId/targets/:period": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/indicators/${c.plan.indicatorId}/targets/2025`,
    payload: { value: 100 + c.counter++, expectedVersion: 0 },
  }),
  "PUT /api/results/plans/:id/indicators/:indicatorId/actuals/:period": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/indicators/${c.plan.indicatorId}/actuals/2025`,
    payload: { value: 50 + c.counter++, expectedVersion: 0 },
  }),
  "GET /api/results/plans/:id/indicators/:indicatorId/history": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/indicators/${c.plan.indicatorId}/history`,
  }),
  "GET /api/results/plans/:id/dashboard": (c) => ({ url: `/api/results/plans/${c.plan.planId}/dashboard` }),
  "GET /api/results/plans/:id/report.docx": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/report.docx`,
  }),
  "GET /api/results/plans/:id/report.pdf": (c) => ({ url: `/api/results/plans/${c.plan.planId}/report.pdf` }),
  "GET /api/results/plans/:id/export.xlsx": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/export.xlsx`,
  }),
  "POST /api/results/plans/:id/import": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/import?dryRun=true`,
    payload: {},
  }),
  "GET /api/results/plans/:id/evaluations": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations`,
  }),
  "GET /api/results/plans/:id/evaluations/summary": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations/summary`,
  }),
  "POST /api/results/plans/:id/evaluations": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations`,
    payload: EVALUATION_BODY,
  }),
  "DELETE /api/results/plans/:id/evaluations/:evaluationId": (c) => ({
    url: `/api/results/plans/${c.doomed.plan.planId}/evaluations/${c.doomed.evaluation.evaluationId}`,
  }),
  "PUT /api/results/plans/:id/evaluations/:evaluationId": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations/${c.evaluation.evaluationId}`,
    payload: EVALUATION_BODY,
  }),
  "POST /api/results/plans/:id/evaluations/:evaluationId/recommendations": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations/${c.evaluation.evaluationId}/recommendations`,
    payload: { text: { en: "Publish the referral data each quarter" } },
  }),
  "PUT /api/results/plans/:id/evaluations/:evaluationId/recommendations/:recommendationId": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations/${c.evaluation.evaluationId}/recommendations/${c.evaluation.recommendationId}`,
    payload: { responseDecision: "accepted", managementResponse: { en: "Agreed" }, status: "in_progress" },
  }),
  "GET /api/results/plans/:id/outcomes": (c) => ({ url: `/api/results/plans/${c.plan.planId}/outcomes` }),
  "POST /api/results/plans/:id/outcomes": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/outcomes`,
    payload: { ...OUTCOME_BODY, recommendationIds: [c.recommendationId] },
  }),
  "DELETE /api/results/plans/:id/outcomes/:outcomeId": (c) => ({
    url: `/api/results/plans/${c.doomed.plan.planId}/outcomes/${c.doomed.evaluation.outcomeId}`,
  }),
  "GET /api/results/plans/:id/files": (c) => ({ url: `/api/results/plans/${c.plan.planId}/files` }),
  "POST /api/results/plans/:id/evaluations/:evaluationId/findings/:criterion/files": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/evaluations/${c.evaluation.evaluationId}/findings/relevance/files`,
    ...multipartBody({ filename: "finding.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n") }),
  }),
  "POST /api/results/plans/:id/outcomes/:outcomeId/files": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/outcomes/${c.evaluation.outcomeId}/files`,
    ...multipartBody({ filename: "outcome.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n") }),
  }),
  "GET /api/results/plans/:id/files/:fileId": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/files/${c.resultFileId}`,
  }),
  "DELETE /api/results/plans/:id/files/:fileId": (c) => ({
    url: `/api/results/plans/${c.doomed.plan.planId}/files/${c.doomed.fileId}`,
  }),
  "PUT /api/results/plans/:id/outcomes/:outcomeId": (c) => ({
    url: `/api/results/plans/${c.plan.planId}/outcomes/${c.evaluation.outcomeId}`,
    payload: { ...OUTCOME_BODY, recommendationIds: [c.recommendationId] },
  }),
  "GET /api/children/consultations": () => ({ url: "/api/children/consultations" }),
  "POST /api/children/consultations": (c) => ({
    url: "/api/children/consultations",
    payload: { ...CONSULTATION_BODY, organisationId: c.organisationId },
  }),
  "GET /api/children/consultations/:id": (c) => ({ url: `/api/children/consultations/${c.consultation.id}` }),
  "PUT /api/children/consultations/:id": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}`,
    payload: { ...CONSULTATION_BODY, expectedVersion: 1 },
  }),
  // Already open: those allowed get 409, the consultation stays open for the child routes.
  "POST /api/children/consultations/:id/status": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/status`,
    payload: { status: "open" },
  }),
  "POST /api/children/consultations/:id/sessions": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/sessions`,
    payload: { label: "Matrix class" },
  }),
  "GET /api/children/consultations/:id/results": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/results`,
  }),
  "GET /api/children/consultations/:id/results.csv": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/results.csv`,
  }),
  "GET /api/children/consultations/:id/report.pdf": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/report.pdf`,
  }),
  "GET /api/children/consultations/:id/report.docx": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/report.docx?lang=fr`,
  }),
  "GET /api/children/join/:code/results": (c) => ({
    url: `/api/children/join/${c.consultation.code}/results`,
  }),
  "GET /api/children/consultations/:id/moderation": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/moderation`,
  }),
  "PUT /api/children/consultations/:id/moderation/:submissionId/:questionCode": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/moderation/${c.consultation.submissionId}/wish`,
    payload: { decision: "approve", expectedVersion: 1 },
  }),
  "POST /api/children/consultations/:id/audio": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/audio`,
    ...multipartBody({ filename: "question.wav", content: wavBytes() }),
  }),
  "GET /api/children/consultations/:id/audio/:audioId": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/audio/${c.consultation.audioId}`,
  }),
  "GET /api/children/consultations/:id/xlsform": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/xlsform`,
  }),
  "POST /api/children/consultations/xlsform-imports": (c) => ({
    url: "/api/children/consultations/xlsform-imports",
    ...multipartBody(
      { filename: "matrix-xlsform.xlsx", content: c.consultation.xlsform },
      { organisationId: c.organisationId },
    ),
  }),
  "POST /api/children/consultations/:id/kobo-imports/preview": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/kobo-imports/preview`,
    ...multipartBody({ filename: "kobo.csv", content: Buffer.from("_uuid;age_band;Q1\nm1;13-17;yes\n") }),
  }),
  "POST /api/children/consultations/:id/kobo-imports": (c) => ({
    url: `/api/children/consultations/${c.consultation.id}/kobo-imports`,
    ...multipartBody({ filename: "kobo.csv", content: Buffer.from("_uuid;age_band;heard\nm1;13-17;yes\n") }),
  }),
  "GET /api/children/join/:code": (c) => ({ url: `/api/children/join/${c.consultation.code}` }),
  "GET /api/children/join/:code/audio/:audioId": (c) => ({
    url: `/api/children/join/${c.consultation.code}/audio/${c.consultation.audioId}`,
  }),
  "POST /api/children/join/:code/submissions": (c) => ({
    url: `/api/children/join/${c.consultation.code}/submissions`,
    payload: childSubmission(),
  }),
  "GET /api/reporting/countries/:code": () => ({ url: "/api/reporting/countries/MD" }),
  "GET /api/reporting/calendar": () => ({ url: "/api/reporting/calendar?country=MD" }),
  "GET /api/reporting/countries/:code/history": () => ({ url: "/api/reporting/countries/MD/history" }),
  "GET /api/reporting/countries/:code/follow-up": () => ({ url: "/api/reporting/countries/MD/follow-up" }),
  // A new ratification: the first of those allowed records it, the others get 409 (allowed).
  "PUT /api/reporting/countries/:code/ratifications/:instrument": () => ({
    url: "/api/reporting/countries/MD/ratifications/iccpr",
    payload: { status: "ratified", ratifiedOn: "1993-01-26" },
  }),
  // Nothing recorded for the CRPD: those allowed get 404.
  "DELETE /api/reporting/countries/:code/ratifications/:instrument": () => ({
    url: "/api/reporting/countries/MD/ratifications/crpd?expectedVersion=1",
  }),
  "POST /api/reporting/countries/:code/reviews": () => ({
    url: "/api/reporting/countries/MD/reviews",
    payload: { mechanism: "grevio", review: "GREVIO baseline evaluation", sessionStart: "2027-03-01" },
  }),
  // Version 1 saved by the first of those allowed; the others get 409.
  "PUT /api/reporting/reviews/:id": (c) => ({
    url: `/api/reporting/reviews/${c.reviews.reviewId}`,
    payload: {
      review: "UPR 5th cycle",
      steps: [{ kind: "session", dueOn: "2028-05-01" }],
      expectedVersion: 1,
    },
  }),
  // Deleted by the first of those allowed; the others get 404.
  "DELETE /api/reporting/reviews/:id": (c) => ({
    url: `/api/reporting/reviews/${c.reviews.doomedId}?expectedVersion=1`,
  }),
  "POST /api/reporting/feeds": () => ({ url: "/api/reporting/feeds", payload: { country: "MD" } }),
  "GET /api/reporting/feeds/:token": () => ({ url: "/api/reporting/feeds/unknown-token" }),
  "GET /api/reporting/reports": () => ({ url: "/api/reporting/reports?country=MD" }),
  "POST /api/reporting/reports": () => ({ url: "/api/reporting/reports", payload: { country: "MD" } }),
  "GET /api/reporting/reports/:id": (c) => ({ url: `/api/reporting/reports/${c.reportId}` }),
  "PUT /api/reporting/reports/:id/sections/:key": (c) => ({
    url: `/api/reporting/reports/${c.reportId}/sections/definition`,
    payload: { body: "A child is every human being below eighteen.", expectedVersion: 1 },
  }),
  "GET /api/reporting/reports/:id/sections/:key/history": (c) => ({
    url: `/api/reporting/reports/${c.reportId}/sections/definition/history`,
  }),
  "GET /api/reporting/reports/:id/report.docx": (c) => ({
    url: `/api/reporting/reports/${c.reportId}/report.docx`,
  }),
  // The PDF needs Chromium; whether a role may ask is the same rule as the DOCX's.
  "GET /api/reporting/reports/:id/report.pdf": (c) => ({
    url: `/api/reporting/reports/${c.reportId}/report.pdf`,
  }),
  "GET /api/public/children/indicators/:code": (c) => ({
    url: `/api/public/children/indicators/${c.indicator}`,
  }),
  "GET /api/public/children/voices": () => ({ url: "/api/public/children/voices" }),
  "GET /api/network/organisations": () => ({ url: "/api/network/organisations" }),
  "POST /api/network/organisations": (c) => ({
    url: "/api/network/organisations",
    payload: {
      parentId: c.network.coalitionId,
      name: `Matrix NGO ${c.counter++}`,
      kind: "member",
      countryCode: "MD",
    },
  }),
  "GET /api/network/organisations/:id": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}`,
  }),
  "PUT /api/network/organisations/:id": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}`,
    payload: { name: "Coalition MD", kind: "coalition", countryCode: "MD", expectedVersion: 1 },
  }),
  "POST /api/network/organisations/:id/status": (c) => ({
    url: `/api/network/organisations/${c.network.memberId}/status`,
    payload: { status: "suspended", reason: "matrix", expectedVersion: 1 },
  }),
  "POST /api/network/organisations/:id/member-imports": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/member-imports`,
    ...multipartBody(
      { filename: "members.csv", content: Buffer.from("name\nImported NGO\n") },
      { dryRun: "true" },
    ),
  }),
  "PUT /api/network/organisations/:id/logo": (c) => {
    const { payload, headers } = multipartBody(
      { filename: "logo.png", content: PNG },
      { expectedVersion: "1" },
    );
    return { url: `/api/network/organisations/${c.network.coalitionId}/logo`, payload, headers };
  },
  "DELETE /api/network/organisations/:id/logo": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/logo?expectedVersion=1`,
  }),
  "GET /api/network/organisations/:id/logo": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/logo`,
  }),
  "GET /api/network/organisations/:id/history": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/history`,
  }),
  "GET /api/network/organisations/:id/people": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/people`,
  }),
  "POST /api/network/organisations/:id/people": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/people`,
    payload: { email: `invited-${c.counter++}@example.org`, role: "contributor" },
  }),
  "PUT /api/network/organisations/:id/people/:userId": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/people/${c.managedUserId}`,
    payload: { role: "viewer" },
  }),
  "DELETE /api/network/organisations/:id/people/:userId": (c) => ({
    url: `/api/network/organisations/${c.network.coalitionId}/people/${c.managedUserId}`,
  }),
  "POST /api/network/applications": (c) => ({
    url: "/api/network/applications",
    payload: {
      parentId: c.network.coalitionId,
      name: "Applying NGO",
      contactEmail: "ngo@example.org",
      motivation: "We work with children in Chișinău.",
    },
  }),
  "GET /api/network/applications": () => ({ url: "/api/network/applications" }),
  "POST /api/network/applications/:id/decision": (c) => ({
    url: `/api/network/applications/${c.network.applicationId}/decision`,
    payload: { decision: "refuse", reason: "not working with children" },
  }),
  "GET /api/network/groups": () => ({ url: "/api/network/groups" }),
  "POST /api/network/groups": (c) => ({
    url: "/api/network/groups",
    payload: { organisationId: c.network.coalitionId, name: `Group ${c.counter++}`, kind: "task" },
  }),
  "GET /api/network/groups/:id": (c) => ({ url: `/api/network/groups/${c.network.groupId}` }),
  "POST /api/network/groups/:id/members": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/members`,
    payload: { email: c.signIn.email },
  }),
  "DELETE /api/network/groups/:id/members/:userId": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/members/${c.managedUserId}`,
  }),
  "POST /api/network/groups/:id/documents": (c) => {
    const { payload, headers } = multipartBody(
      { filename: "minutes.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n") },
      { title: "Minutes" },
    );
    return { url: `/api/network/groups/${c.network.groupId}/documents`, payload, headers };
  },
  "GET /api/network/groups/:id/files/:fileId": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/files/${c.network.fileId}`,
  }),
  "GET /api/network/groups/:id/review-rights": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/review-rights`,
  }),
  "POST /api/network/groups/:id/review-rights": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/review-rights`,
    payload: { scopeType: "country", scopeCode: "MD", themes: ["matrix"] },
  }),
  "PUT /api/network/groups/:id/review-rights/:rightId": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/review-rights/${c.review.rightId}`,
    payload: {
      scopeType: "country",
      scopeCode: "MD",
      frameworkId: c.review.frameworkId,
      sections: [c.section],
      recommendationIds: [c.recommendationId],
    },
  }),
  "DELETE /api/network/groups/:id/review-rights/:rightId": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/review-rights/${c.review.doomedId}`,
  }),
  "POST /api/network/groups/:id/meetings": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/meetings`,
    payload: { heldOn: "2026-03-01", title: "Kick-off", decisions: ["Draft the report"] },
  }),
  "POST /api/network/groups/:id/follows": (c) => ({
    url: `/api/network/groups/${c.network.groupId}/follows`,
    payload: { kind: "recommendation", ref: c.recommendationId },
  }),
  "GET /api/network/areas/:country": () => ({ url: "/api/network/areas/MD" }),
  "PUT /api/network/areas/:country": () => ({
    url: "/api/network/areas/MD",
    payload: { areas: [{ code: "N", name: { en: "North" } }] },
  }),
  "GET /api/network/areas/:country/assessments": () => ({ url: "/api/network/areas/MD/assessments" }),
  // The matrix's area may not exist or may be assessed already: those allowed get 400 or 409.
  "POST /api/network/areas/:country/assessments": (c) => ({
    url: "/api/network/areas/MD/assessments",
    payload: { cycleId: c.cycleId, area: "N" },
  }),
  "GET /api/network/areas/:country/scores": (c) => ({
    url: `/api/network/areas/MD/scores?cycle=${c.cycleId}`,
  }),
  "GET /api/network/areas/:country/shapes": () => ({ url: "/api/network/areas/MD/shapes" }),
  "PUT /api/network/areas/:country/shapes": () => {
    const square = [
      [28, 47],
      [29, 47],
      [29, 48],
      [28, 47],
    ];
    const geojson = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { code: "N" }, geometry: { type: "Polygon", coordinates: [square] } },
      ],
    };
    const { payload, headers } = multipartBody(
      { filename: "areas.geojson", content: Buffer.from(JSON.stringify(geojson)) },
      { codeProperty: "code" },
    );
    return { url: "/api/network/areas/MD/shapes", payload, headers };
  },
  "DELETE /api/network/areas/:country/shapes": () => ({ url: "/api/network/areas/MD/shapes" }),
  "GET /api/public/directory": () => ({ url: "/api/public/directory" }),
  "GET /api/public/directory.csv": () => ({ url: "/api/public/directory.csv" }),
  "GET /api/public/directory.xlsx": () => ({ url: "/api/public/directory.xlsx" }),
  "GET /api/public/directory/:id/logo": (c) => ({ url: `/api/public/directory/${c.network.memberId}/logo` }),
  "GET /api/budgets/sectors": () => ({ url: "/api/budgets/sectors" }),
  "POST /api/budgets/sectors": () => ({
    url: "/api/budgets/sectors",
    payload: { key: "early-childhood", name: { en: "Early childhood" }, cofog: null },
  }),
  "GET /api/budgets/countries": () => ({ url: "/api/budgets/countries" }),
  "GET /api/budgets/compare": () => ({ url: "/api/budgets/compare" }),
  "GET /api/budgets/countries/:country": () => ({ url: "/api/budgets/countries/MD" }),
  "POST /api/budgets/countries/:country/lines": (c) => ({
    url: "/api/budgets/countries/MD/lines",
    payload: { ...BUDGET_LINE_BODY, name: `Line ${c.counter}`, nameEn: `Line ${c.counter++}` },
  }),
  "PUT /api/budgets/lines/:id": (c) => ({
    url: `/api/budgets/lines/${c.budget.lineId}`,
    payload: {
      ...BUDGET_LINE_BODY,
      name: "Matrix line",
      nameEn: "Matrix line",
      allocated: 1000 + c.counter++,
      expectedVersion: 1,
    },
  }),
  "DELETE /api/budgets/lines/:id": (c) => ({
    url: `/api/budgets/lines/${c.budget.doomedLineId}?expectedVersion=1`,
  }),
  "GET /api/budgets/lines/:id/history": (c) => ({ url: `/api/budgets/lines/${c.budget.lineId}/history` }),
  "GET /api/budgets/countries/:country/export.csv": () => ({ url: "/api/budgets/countries/MD/export.csv" }),
  "GET /api/budgets/countries/:country/export.xlsx": () => ({ url: "/api/budgets/countries/MD/export.xlsx" }),
  "POST /api/budgets/countries/:country/publications": () => ({
    url: "/api/budgets/countries/MD/publications",
    payload: { notes: "Matrix publication" },
  }),
  // A stale version: those allowed get 409 (nothing moves), those refused 403.
  ...Object.fromEntries(
    ["submit", "validate", "return", "reopen"].map((move) => [
      `POST /api/budgets/countries/:country/reviews/${move}`,
      () => ({
        url: `/api/budgets/countries/MD/reviews/${move}`,
        payload: { fiscalYear: "2024", expectedVersion: 999, note: "Matrix" },
      }),
    ]),
  ),
  // A header alone: a dry run that is valid for anyone who may import somewhere.
  "POST /api/budgets/imports/lines": () => ({
    url: "/api/budgets/imports/lines",
    ...multipartBody(
      { filename: "lines.csv", content: Buffer.from("country,fiscal_year,name,sector,currency,allocated\n") },
      { dryRun: "true" },
    ),
  }),
  "POST /api/budgets/imports/context": () => ({
    url: "/api/budgets/imports/context",
    ...multipartBody(
      { filename: "context.csv", content: Buffer.from("country,year,series,value\n") },
      { dryRun: "true" },
    ),
  }),
  "GET /api/public/budgets": () => ({ url: "/api/public/budgets" }),
  "GET /api/public/budgets/:key": () => ({ url: "/api/public/budgets/md" }),
  "GET /api/public/budgets/:key/budgets.csv": () => ({ url: "/api/public/budgets/md/budgets.csv" }),
  "GET /api/public/budgets/:key/budgets.xlsx": () => ({ url: "/api/public/budgets/md/budgets.xlsx" }),
};

/** A valid budget line of Moldova (the name varies so each creation is a new line). */
const BUDGET_LINE_BODY = {
  fiscalYear: "2024",
  name: "Protecția copilului",
  nameEn: "Child protection services",
  ministry: "Ministry of Labour and Social Protection",
  programme: null,
  sector: "child-protection",
  cofog: "10.4",
  currency: "MDL",
  proposed: null,
  allocated: 1000,
  revised: null,
  executed: 900,
  sourceDocument: "Budget law 2024",
  sourcePage: "12",
  sourceUrl: null,
};

const NO_RECOMMENDATION = "00000000-0000-4000-8000-000000000000";

describeEachDatabase("permission matrix: every route × every role", (database) => {
  let app: FastifyInstance;
  const routes: string[] = [];
  const sessions = new Map<string, Session>();
  const actors = new Map<string, Actor>();
  let ctx: Context;
  let targets: Record<string, Target[]>;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-matrix-"));
    const { db } = database();
    await seedReference(db);
    const built = await buildAssessments(db, { countries: ["MD", "GE"] });
    const indicator = built.framework.indicators.find(
      (i) => i.type === "checklist" && !nodePathOf(built.framework, i.code).includes("vulnerability"),
    )!.code;
    app = await buildApp({ database: database() });
    for (const [name, persona] of Object.entries(PERSONAS)) {
      const user = await buildUser(db, { isAdmin: persona.isAdmin, grants: persona.grants, name });
      sessions.set(name, await signInAs(app, user));
      actors.set(name, { userId: user.id, isAdmin: !!persona.isAdmin, grants: persona.grants });
    }
    const someone = await buildUser(db);
    const managed = await buildUser(db, {
      grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }],
    });
    const contributorId = actors.get("contributor MD")!.userId;
    const [assignment] = await db
      .insert(assignments)
      .values({ assessmentId: built.assessments.MD!, userId: contributorId, itemCode: indicator })
      .returning({ id: assignments.id });
    const [answer] = await db
      .insert(answers)
      .values({
        assessmentId: built.assessments.MD!,
        indicatorId: await indicatorId(db, built.versionId, indicator),
        valueText: "yes",
      })
      .returning({ id: answers.id });
    const [evidence] = await db
      .insert(evidenceSources)
      .values({ answerId: answer!.id, kind: "citation", citation: "Constitution, art. 49" })
      .returning({ id: evidenceSources.id });
    const stored = join(uploadsDir(), "matrix-test.pdf");
    mkdirSync(uploadsDir(), { recursive: true });
    writeFileSync(stored, "%PDF-1.4\n%%EOF\n");
    const [file] = await db
      .insert(evidenceSources)
      .values({
        answerId: answer!.id,
        kind: "file",
        filePath: "matrix-test.pdf",
        fileName: "decree.pdf",
        mediaType: "application/pdf",
        fileSize: 15,
      })
      .returning({ id: evidenceSources.id });
    const [recommendation] = await db
      .insert(recommendations)
      .values({
        mechanism: "crc",
        stateCode: "MD",
        stateName: "Moldova",
        text: { en: "Strengthen child protection services." },
        importKey: "matrix-md",
      })
      .returning({ id: recommendations.id });
    const organisationId = await buildOrganisation(db, { country: "MD" });
    const plan = await buildPlan(db, organisationId, someone.id);
    const evaluation = await buildEvaluation(db, plan.planId, someone.id);
    const built8 = await buildConsultation(db, organisationId, someone.id);
    const text = childSubmission({ answers: { wish: "more sport" } });
    await app.inject({ method: "POST", url: `/api/children/join/${built8.code}/submissions`, payload: text });
    const [audio] = await db
      .insert(consultationAudio)
      .values({
        consultationId: built8.id,
        filePath: "matrix-audio.wav",
        fileName: "question.wav",
        mediaType: "audio/wav",
        fileSize: 44,
        sha256: "0".repeat(64),
        createdBy: someone.id,
      })
      .returning({ id: consultationAudio.id });
    const consultation = {
      ...built8,
      submissionId: text.submissionId,
      audioId: audio!.id,
      xlsform: await writeConsultationXlsForm(SAMPLE_DEFINITION, "matrix"),
    };
    const doomedPlan = await buildPlan(db, organisationId, someone.id);
    const doomed: Omit<Context["doomed"], "fileId"> = {
      planId: (await buildPlan(db, organisationId, someone.id)).planId,
      plan: doomedPlan,
      evaluation: await buildEvaluation(db, doomedPlan.planId, someone.id),
    };
    const resultFile = (planId: string, evaluationId: string, filePath: string) => ({
      planId,
      evaluationId,
      criterion: "relevance",
      filePath,
      fileName: "finding.pdf",
      mediaType: "application/pdf",
      fileSize: 15,
      sha256: "0".repeat(64),
    });
    const [resultFile1, resultFile2] = await db
      .insert(resultFiles)
      .values([
        resultFile(plan.planId, evaluation.evaluationId, "matrix-test.pdf"),
        resultFile(doomed.plan.planId, doomed.evaluation.evaluationId, "matrix-doomed.pdf"),
      ])
      .returning({ id: resultFiles.id });
    const reportId = await db.transaction(async (tx) =>
      createReport(
        tx as unknown as Db,
        await loadCountry(tx as unknown as Db, "MD"),
        {},
        { actorId: someone.id },
      ),
    );
    const network = await buildNetwork(db, {
      country: "MD",
      region: CHILDPACT_REGION.code,
      applicantId: someone.id,
      ids: NET,
    });
    await db.update(users).set({ organisationId: network.coalitionId }).where(eq(users.id, managed.id));
    const budgetLine = async (name: string) => {
      const res = await app.inject({
        method: "POST",
        url: "/api/budgets/countries/MD/lines",
        payload: { ...BUDGET_LINE_BODY, name, nameEn: name },
        headers: sessions.get("admin")!.headers,
      });
      return (res.json() as { id: string }).id;
    };
    const budget = { lineId: await budgetLine("Matrix line"), doomedLineId: await budgetLine("Doomed line") };
    const [review, doomedReview] = await db
      .insert(reportingCycles)
      .values([
        { countryCode: "MD", mechanism: "upr", review: "Matrix review" },
        { countryCode: "MD", mechanism: "crc", review: "Doomed review" },
      ])
      .returning({ id: reportingCycles.id });
    const pairs = await db
      .insert(recommendations)
      .values(
        [0, 1, 2, 3, 4, 5].map((i) => ({
          mechanism: i % 2 ? "upr" : "crc",
          stateCode: "MD",
          stateName: "Moldova",
          text: { en: `Prohibit corporal punishment of children in all settings (${i}).` },
          uncrcArticles: ["19"],
          importKey: `matrix-synergy-${i}`,
        })),
      )
      .returning({ id: recommendations.id });
    const ids = pairs.map((p) => p.id);
    const section = nodePathOf(built.framework, indicator)[1]!;
    const [{ frameworkId }] = (await db
      .select({ frameworkId: frameworkVersions.frameworkId })
      .from(frameworkVersions)
      .where(eq(frameworkVersions.id, built.versionId))) as [{ frameworkId: string }];
    const reviewRight = {
      groupId: NET.groupId,
      scopeType: "country",
      scopeCode: "MD",
      frameworkId,
      sections: [section],
      themes: [],
      recommendationIds: [recommendation!.id],
    };
    const rights = await db
      .insert(workingGroupReviewRights)
      .values([reviewRight, { ...reviewRight, sections: [], frameworkId: null, themes: ["doomed"] }])
      .returning({ id: workingGroupReviewRights.id });
    const member = actors.get("member of the working group")!;
    actors.set("member of the working group", {
      ...member,
      reviewRights: [
        {
          groupId: NET.groupId,
          scopeType: "country",
          scopeCode: "MD",
          framework: frameworkId,
          sections: [section],
          themes: [],
          recommendations: [recommendation!.id],
        },
      ],
    });
    const [group, doomedGroup] = [
      await confirmSynergy(db, ids.slice(0, 2), someone.id),
      await confirmSynergy(db, ids.slice(2, 4), someone.id),
    ];
    ctx = {
      synergy: { groupId: group.id, doomedId: doomedGroup.id, pair: ids.slice(4) },
      reportId,
      reviews: { reviewId: review!.id, doomedId: doomedReview!.id },
      network,
      budget,
      review: { frameworkId, rightId: rights[0]!.id, doomedId: rights[1]!.id },
      consultation,
      resultFileId: resultFile1!.id,
      doomed: { ...doomed, fileId: resultFile2!.id },
      organisationId,
      plan,
      evaluation,
      frameworkVersionId: built.versionId,
      cycleId: built.cycleId,
      assessmentId: built.assessments.MD!,
      indicator,
      section,
      assignmentId: assignment!.id,
      evidenceId: evidence!.id,
      fileEvidenceId: file!.id,
      contributorId,
      recommendationId: recommendation!.id,
      managedUserId: managed.id,
      counter: 0,
      signIn: { email: someone.email, password: someone.password },
    };
    const md: Target = { country: "MD", region: CHILDPACT_REGION.code };
    const ge: Target = { country: "GE", region: CHILDPACT_REGION.code };
    const mdAssessment: Target = { ...md, framework: frameworkId };
    targets = {
      country: [md],
      cycle: [md, ge],
      assessment: [mdAssessment],
      indicator: [{ ...mdAssessment, nodePath: nodePathOf(built.framework, indicator) }],
      section: [{ ...mdAssessment, nodePath: nodePathOf(built.framework, indicator).slice(1) }],
      recommendation: [{ ...md, recommendation: { id: recommendation!.id, themes: [] } }],
      organisation: [md],
      plan: [md],
      consultation: [md],
      "network-organisation": [{ ...md, organisations: [NET.coalitionId, NET.regionalId] }],
      membership: [{ ...md, organisations: [NET.coalitionId, NET.regionalId] }],
      application: [{ ...md, organisations: [NET.coalitionId, NET.regionalId] }],
      group: [{ ...md, organisations: [NET.coalitionId, NET.regionalId], group: NET.groupId }],
    };
    routes.push(...app.apiRoutes);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("declares the access of every API route and has a request for it", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !ROUTE_ACCESS[r])).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !routes.includes(r))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !REQUESTS[r])).toEqual([]);
  });

  it("answers every route exactly as the matrix says, for every role and for a signed-out user", async () => {
    const mismatches: string[] = [];
    // Signing out ends the session the other requests use: it goes last.
    const keys = Object.keys(ROUTE_ACCESS).sort(
      (a, b) => Number(a.endsWith("sign-out")) - Number(b.endsWith("sign-out")),
    );
    for (const key of keys) {
      const access = ROUTE_ACCESS[key]!;
      const [method, path] = key.split(" ") as [string, string];
      // Those who are refused go first, so an allowed change (a deletion, a submission) cannot mask a refusal.
      const personas = [null, ...Object.keys(PERSONAS)].sort(
        (a, b) =>
          Number(expectedOutcome(access, a ? actors.get(a)! : null, targets) === "allowed") -
          Number(expectedOutcome(access, b ? actors.get(b)! : null, targets) === "allowed"),
      );
      for (const persona of personas) {
        const { url, payload, headers } = REQUESTS[key]!(ctx);
        const session = persona ? sessions.get(persona)! : undefined;
        const res = await app.inject({
          method: method as "GET",
          url,
          payload,
          headers: { ...session?.headers, ...headers },
        });
        const expected = expectedOutcome(access, persona ? actors.get(persona)! : null, targets);
        const ok =
          expected === "allowed"
            ? res.statusCode !== 401 && res.statusCode !== 403
            : res.statusCode === expected;
        if (!ok)
          mismatches.push(
            `${key} as ${persona ?? "signed out"}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        void path;
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

function expectedOutcome(
  access: (typeof ROUTE_ACCESS)[string],
  actor: Actor | null,
  targets: Record<string, Target[]>,
): "allowed" | 401 | 403 | 404 {
  if (access.kind === "public") return "allowed";
  if (!actor) return 401;
  if (access.kind === "signed-in") return "allowed";
  const list = access.on === "platform" ? [undefined] : targets[access.on]!;
  if (list.some((t) => can(actor, access.action, t))) return "allowed";
  return access.hidden ? 404 : 403;
}

describe("docs/permissions.md", () => {
  it("is the generated matrix (run `npm run docs:permissions` after changing access)", () => {
    expect(readFileSync("docs/permissions.md", "utf8")).toBe(renderPermissionsDoc());
  });
});

async function indicatorId(db: Db, versionId: string, code: string): Promise<string> {
  const [row] = await db
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(eq(indicators.versionId, versionId), eq(indicators.code, code)));
  return row!.id;
}
