import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Action } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import { personOut } from "../api-schemas/people.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { deliverOutbox } from "../mail/send-mail.ts";
import { previewAssessmentScores } from "../scores/preview-scores.ts";
import { AnswerConflictError } from "./answer-conflict.ts";
import { listAnswerHistory } from "./answer-history.ts";
import { assignItems, removeAssignment } from "./assign-items.ts";
import { computeCompletion } from "./compute-completion.ts";
import { listPeople } from "./list-people.ts";
import { assessmentTarget, loadAssessment } from "./load-assessment.ts";
import { notifyAssignment } from "./notify-assignment.ts";
import { readAssessment } from "./read-assessment.ts";
import { restoreAnswer } from "./restore-answer.ts";
import { type SavedAnswer, saveAnswer } from "./save-answer.ts";
import {
  answerParams,
  assessmentOut,
  assessmentParams,
  assignBody,
  assignmentOut,
  assignmentParams,
  completionOut,
  conflictBody,
  historyEntry,
  restoreAnswerBody,
  saveAnswerBody,
  savedAnswer,
  scorePreviewBody,
  scorePreviewOut,
} from "./schemas.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const writeErrors = { ...errors, 409: z.union([conflictBody, errorBody]) };

/** Signed in (401) → the assessment exists (404) → the actor may do `action` on it (403). */
async function loadAuthorized(
  db: Db,
  request: FastifyRequest,
  id: string,
  action: Action,
  indicatorCode?: string,
) {
  requireActor(request);
  const assessment = await loadAssessment(db, id);
  const actor = authorize(request, action, assessmentTarget(assessment, indicatorCode));
  return { assessment, actor };
}

/** Answers a stale save with 409 and the current answer; other errors go to the app's handler. */
async function sendSaved(reply: FastifyReply, save: () => Promise<SavedAnswer>) {
  try {
    return await save();
  } catch (error) {
    if (error instanceof AnswerConflictError) {
      return reply.code(409).send({ error: error.message, current: error.current });
    }
    throw error;
  }
}

/** Routes of the assessments module (registered under /api by app/build-app.ts). */
export async function registerAssessmentRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["assessments"];
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));

  api.get(
    "/assessments/:id",
    {
      schema: {
        tags,
        summary: "The workspace of an assessment: framework, answers, assignments and what you may do",
        params: assessmentParams,
        response: { 200: assessmentOut, ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await loadAuthorized(db, request, request.params.id, "assessment:read");
      return readAssessment(db, assessment, actor);
    },
  );

  api.get(
    "/assessments/:id/completion",
    {
      schema: {
        tags,
        summary: "Answered and evidenced indicators overall, by section, by assigned person and by dimension",
        params: assessmentParams,
        response: { 200: completionOut, ...errors },
      },
    },
    async (request) => {
      const { assessment } = await loadAuthorized(db, request, request.params.id, "assessment:read");
      return computeCompletion(db, assessment);
    },
  );

  api.post(
    "/assessments/:id/score-preview",
    {
      schema: {
        tags,
        summary:
          "The live score of the assessment with the values on screen, scored as the stored scores are (writes nothing)",
        params: assessmentParams,
        body: scorePreviewBody,
        response: { 200: scorePreviewOut, ...errors },
      },
    },
    async (request) => {
      const { assessment } = await loadAuthorized(db, request, request.params.id, "assessment:read");
      return previewAssessmentScores(db, assessment, request.body.answers);
    },
  );

  api.get(
    "/assessments/:id/people",
    {
      schema: {
        tags,
        summary: "The people holding a role on the assessment's country or region, who may be assigned work",
        params: assessmentParams,
        response: { 200: z.array(personOut), ...errors },
      },
    },
    async (request) => {
      const { assessment } = await loadAuthorized(db, request, request.params.id, "assessment:assign");
      return listPeople(db, assessment);
    },
  );

  api.put(
    "/assessments/:id/assignments",
    {
      schema: {
        tags,
        summary: "Set the sections and indicators assigned to one person (replaces their previous items)",
        params: assessmentParams,
        body: assignBody,
        response: { 200: z.array(assignmentOut), ...errors },
      },
    },
    async (request) => {
      const { assessment, actor } = await loadAuthorized(db, request, request.params.id, "assessment:assign");
      const input = { ...request.body, actorId: actor.userId };
      const { assigned, outbox } = await inTransaction(async (tx) => ({
        assigned: await assignItems(tx, { assessment, ...input }),
        outbox: await notifyAssignment(tx, assessment, input),
      }));
      await deliverOutbox(db, outbox);
      return assigned;
    },
  );

  api.delete(
    "/assessments/:id/assignments/:assignmentId",
    {
      schema: {
        tags,
        summary: "Remove one assignment",
        params: assignmentParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { assessment } = await loadAuthorized(db, request, request.params.id, "assessment:assign");
      await inTransaction((tx) => removeAssignment(tx, assessment, request.params.assignmentId));
      return reply.code(204).send(null);
    },
  );

  api.put(
    "/assessments/:id/answers/:indicatorCode",
    {
      schema: {
        tags,
        summary: "Save one answer (409 with the current answer when expectedVersion is stale)",
        params: answerParams,
        body: saveAnswerBody,
        response: { 200: savedAnswer, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, indicatorCode } = request.params;
      const { assessment, actor } = await loadAuthorized(db, request, id, "answer:write", indicatorCode);
      const { value, justification, expectedVersion, reason } = request.body;
      // One statement checks and writes (see saveAnswer): no transaction round trips.
      return sendSaved(reply, () =>
        saveAnswer(db, {
          assessment,
          indicatorCode,
          value,
          justification,
          expectedVersion,
          actorId: actor.userId,
          source: "entry",
          reason,
        }),
      );
    },
  );

  api.get(
    "/assessments/:id/answers/:indicatorCode/history",
    {
      schema: {
        tags,
        summary: "Every version of an answer: who, when, before, after, source and reason",
        params: answerParams,
        response: { 200: z.array(historyEntry), ...errors },
      },
    },
    async (request) => {
      const { assessment } = await loadAuthorized(db, request, request.params.id, "assessment:read");
      return listAnswerHistory(db, assessment, request.params.indicatorCode);
    },
  );

  api.post(
    "/assessments/:id/answers/:indicatorCode/restore",
    {
      schema: {
        tags,
        summary: "Restore an old value of an answer as a new change",
        params: answerParams,
        body: restoreAnswerBody,
        response: { 200: savedAnswer, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, indicatorCode } = request.params;
      const { assessment, actor } = await loadAuthorized(db, request, id, "answer:write", indicatorCode);
      return sendSaved(reply, () =>
        inTransaction((tx) =>
          restoreAnswer(tx, { assessment, indicatorCode, ...request.body, actorId: actor.userId }),
        ),
      );
    },
  );
}
