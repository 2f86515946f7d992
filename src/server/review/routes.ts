import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Action } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import {
  assessmentTarget,
  type LoadedAssessment,
  loadAssessment,
  sectionTarget,
} from "../assessments/load-assessment.ts";
import { answerParams, assessmentParams } from "../assessments/schemas.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { deliverOutbox } from "../mail/send-mail.ts";
import { indicatorsInSection, reviewAnswers } from "./answer-approval.ts";
import { addComment, listComments } from "./comments.ts";
import { listChanges } from "./list-changes.ts";
import { listEvents } from "./list-events.ts";
import { listReviewQueue } from "./review-queue.ts";
import { reopenAssessment, returnAssessment, startReview, validateAssessment } from "./review-steps.ts";
import { clearRework, flagRework } from "./rework-flag.ts";
import {
  changesOut,
  commentBody,
  commentOut,
  eventOut,
  reopenBody,
  returnBody,
  reviewDecisionBody,
  reviewDecisionOut,
  reviewQueueItem,
  reviewStateOut,
  reworkBody,
  sectionParams,
  stepOut,
} from "./schemas.ts";
import { type StepResult, submitAssessment } from "./submit-assessment.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Routes of the review module (registered under /api by app/build-app.ts): comments, workflow, timeline, changes. */
export async function registerReviewRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["review"];

  /** Loads the assessment and checks the action on it (401, 403, 404). */
  const guard = async (request: FastifyRequest, id: string, action: Action, indicatorCode?: string) => {
    const assessment = await loadAssessment(db, id);
    const actor = authorize(request, action, assessmentTarget(assessment, indicatorCode));
    return { assessment, actor };
  };
  /** Runs one workflow step in one transaction, then sends its e-mails. */
  const runStep = async (
    step: (tx: Db, assessment: LoadedAssessment, actor: SignedInUser) => Promise<StepResult>,
    assessment: LoadedAssessment,
    actor: SignedInUser,
  ) => {
    const result = await db.transaction((tx) => step(tx as unknown as Db, assessment, actor));
    await deliverOutbox(db, result.outboxIds);
    return { status: result.status, event: result.event, warnings: result.warnings };
  };

  api.get(
    "/assessments/:id/answers/:indicatorCode/comments",
    {
      schema: {
        tags,
        summary: "The comment thread of one answer, rework reasons included",
        params: answerParams,
        response: { 200: z.array(commentOut), ...errors },
      },
    },
    async (request) => {
      const { assessment } = await guard(request, request.params.id, "assessment:read");
      return listComments(db, assessment, request.params.indicatorCode);
    },
  );

  api.post(
    "/assessments/:id/answers/:indicatorCode/comments",
    {
      schema: {
        tags,
        summary: "Comment on an answer",
        params: answerParams,
        body: commentBody,
        response: { 201: commentOut, ...errors },
      },
    },
    async (request, reply) => {
      const { id, indicatorCode } = request.params;
      const { assessment, actor } = await guard(request, id, "comment:write", indicatorCode);
      const comment = await db.transaction((tx) =>
        addComment(tx as unknown as Db, {
          assessment,
          indicatorCode,
          actorId: actor.userId,
          body: request.body.body,
        }),
      );
      return reply.code(201).send(comment);
    },
  );

  api.post(
    "/assessments/:id/submit",
    {
      schema: {
        tags,
        summary:
          "Submit for review (draft or returned → submitted); warns of answers missing required evidence",
        params: assessmentParams,
        response: { 200: stepOut, ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await guard(request, request.params.id, "assessment:submit");
      return runStep((tx, a, who) => submitAssessment(tx, a, who.userId), assessment, actor);
    },
  );

  api.post(
    "/assessments/:id/start-review",
    {
      schema: {
        tags,
        summary: "Start reviewing (submitted → in_review)",
        params: assessmentParams,
        response: { 200: stepOut, ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await guard(request, request.params.id, "assessment:review");
      return runStep((tx, a, who) => startReview(tx, a, who.userId), assessment, actor);
    },
  );

  api.post(
    "/assessments/:id/return",
    {
      schema: {
        tags,
        summary:
          "Return to the country team (in_review → returned); needs at least one answer marked for rework",
        params: assessmentParams,
        body: returnBody,
        response: { 200: stepOut, ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await guard(request, request.params.id, "assessment:review");
      const reason = request.body?.reason;
      return runStep((tx, a, who) => returnAssessment(tx, a, who.userId, reason), assessment, actor);
    },
  );

  api.post(
    "/assessments/:id/validate",
    {
      schema: {
        tags,
        summary: "Validate (in_review → validated, locked); refused while an answer needs rework",
        params: assessmentParams,
        response: { 200: stepOut, ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await guard(request, request.params.id, "assessment:review");
      return runStep((tx, a, who) => validateAssessment(tx, a, who.userId), assessment, actor);
    },
  );

  api.post(
    "/assessments/:id/reopen",
    {
      schema: {
        tags,
        summary: "Reopen a validated assessment (validated → returned) with a reason that is kept",
        params: assessmentParams,
        body: reopenBody,
        response: { 200: stepOut, ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await guard(request, request.params.id, "assessment:reopen");
      const reason = request.body.reason;
      return runStep((tx, a, who) => reopenAssessment(tx, a, who.userId, reason), assessment, actor);
    },
  );

  api.post(
    "/assessments/:id/answers/:indicatorCode/rework",
    {
      schema: {
        tags,
        summary: "Mark an answer as needing rework, with a required comment (during review)",
        params: answerParams,
        body: reworkBody,
        response: { 200: reviewStateOut, ...errors },
      },
    },
    async (request) => {
      const { id, indicatorCode } = request.params;
      const { assessment, actor } = await guard(request, id, "assessment:review", indicatorCode);
      const result = await db.transaction((tx) =>
        flagRework(tx as unknown as Db, {
          assessment,
          indicatorCode,
          actorId: actor.userId,
          comment: request.body.comment,
        }),
      );
      return { indicator: indicatorCode, ...result };
    },
  );

  api.delete(
    "/assessments/:id/answers/:indicatorCode/rework",
    {
      schema: {
        tags,
        summary: "Clear an answer's rework flag (during review)",
        params: answerParams,
        response: { 200: reviewStateOut, ...errors },
      },
    },
    async (request) => {
      const { id, indicatorCode } = request.params;
      const { assessment, actor } = await guard(request, id, "assessment:review", indicatorCode);
      const result = await db.transaction((tx) =>
        clearRework(tx as unknown as Db, { assessment, indicatorCode, actorId: actor.userId }),
      );
      return { indicator: indicatorCode, ...result };
    },
  );

  api.post(
    "/assessments/:id/answers/:indicatorCode/approve",
    {
      schema: {
        tags,
        summary: "Approve one answer (during review); a later change of its value clears the approval",
        params: answerParams,
        response: { 200: reviewDecisionOut, ...errors },
      },
    },
    async (request) => {
      const { id, indicatorCode } = request.params;
      const { assessment, actor } = await guard(request, id, "assessment:review", indicatorCode);
      const result = await db.transaction((tx) =>
        reviewAnswers(tx as unknown as Db, {
          assessment,
          actorId: actor.userId,
          decision: "approve",
          indicatorCodes: [indicatorCode],
        }),
      );
      await deliverOutbox(db, result.outboxIds);
      return { decision: result.decision, indicators: result.indicators };
    },
  );

  api.post(
    "/assessments/:id/sections/:nodeCode/review",
    {
      schema: {
        tags,
        summary: "Approve or return every answer of a section at once, with one comment (required to return)",
        params: sectionParams,
        body: reviewDecisionBody,
        response: { 200: reviewDecisionOut, ...errors },
      },
    },
    async (request) => {
      const { id, nodeCode } = request.params;
      const assessment = await loadAssessment(db, id);
      const codes = indicatorsInSection(assessment, nodeCode);
      const actor = authorize(request, "assessment:review", sectionTarget(assessment, nodeCode));
      const result = await db.transaction((tx) =>
        reviewAnswers(tx as unknown as Db, {
          assessment,
          actorId: actor.userId,
          decision: request.body.decision,
          comment: request.body.comment,
          indicatorCodes: codes,
          sectionCode: nodeCode,
        }),
      );
      await deliverOutbox(db, result.outboxIds);
      return { decision: result.decision, indicators: result.indicators };
    },
  );

  api.get(
    "/review/queue",
    {
      schema: {
        tags,
        summary: "Assessments waiting for review in my scope, with answers waiting, changed and returned",
        response: { 200: z.array(reviewQueueItem), 401: errorBody },
      },
    },
    async (request) => listReviewQueue(db, requireActor(request)),
  );

  api.get(
    "/assessments/:id/events",
    {
      schema: {
        tags,
        summary: "The workflow timeline",
        params: assessmentParams,
        response: { 200: z.array(eventOut), ...errors },
      },
    },
    async (request) => {
      const { assessment } = await guard(request, request.params.id, "assessment:read");
      return listEvents(db, assessment.id);
    },
  );

  api.get(
    "/assessments/:id/changes",
    {
      schema: {
        tags,
        summary: "Answers changed since the last submission, with the value then and now",
        params: assessmentParams,
        response: { 200: changesOut, ...errors },
      },
    },
    async (request) => {
      const { assessment } = await guard(request, request.params.id, "assessment:read");
      return listChanges(db, assessment);
    },
  );
}
