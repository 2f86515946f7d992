import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../../../core/index.ts";
import {
  evaluationBody,
  evaluationListOut,
  evaluationParams,
  evaluationRecommendationBody,
  evaluationRecommendationParams,
  evaluationSummaryOut,
  followUpBody,
  outcomeBody,
  outcomeListOut,
  outcomeParams,
} from "../../api-schemas/evaluations.ts";
import { errorBody } from "../../api-schemas/index.ts";
import { planParams } from "../../api-schemas/results.ts";
import { auditActorOf } from "../../audit/record-audit.ts";
import type { Db } from "../../db/connect.ts";
import { deleteEvaluation, deleteOutcome, discardDeletedFiles } from "../delete-parts.ts";
import { loadAuthorizedPlan, organisationTarget } from "../load-plan.ts";
import { addEvaluationRecommendation, saveFollowUp } from "./follow-up.ts";
import { createOutcome, readOutcomes, updateOutcome } from "./outcomes.ts";
import { readEvaluations, summariseEvaluations } from "./read-evaluations.ts";
import { createEvaluation, updateEvaluation } from "./save-evaluation.ts";

const tags = ["results"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const created = z.object({ id: z.uuid() });

/**
 * Evaluations of a plan and its advocacy outcomes. Reading needs `plan:read` (404 outside the
 * plan's scope); recording evaluations, findings, recommendations and outcomes needs `plan:edit`;
 * a recommendation's management response and follow-up status need `plan:report`, as actuals do.
 */
export async function registerEvaluationRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));

  api.get(
    "/results/plans/:id/evaluations",
    {
      schema: {
        tags,
        summary: "A plan's evaluations with findings, recommendations and their follow-up history",
        params: planParams,
        response: { 200: evaluationListOut, ...errors },
      },
    },
    async (request) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
      const target = organisationTarget(plan.organisation);
      return {
        evaluations: await readEvaluations(db, plan.id),
        canEdit: can(actor, "plan:edit", target),
        canReport: can(actor, "plan:report", target),
      };
    },
  );

  api.get(
    "/results/plans/:id/evaluations/summary",
    {
      schema: {
        tags,
        summary: "Ratings per criterion across a plan's evaluations, side by side",
        params: planParams,
        response: { 200: evaluationSummaryOut, ...errors },
      },
    },
    async (request) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
      return summariseEvaluations(await readEvaluations(db, plan.id));
    },
  );

  api.post(
    "/results/plans/:id/evaluations",
    {
      schema: {
        tags,
        summary: "Record an evaluation of the plan or one of its nodes: scale, period, evaluators, findings",
        params: planParams,
        body: evaluationBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const id = await inTransaction((tx) => createEvaluation(tx, plan.id, request.body, actor.userId));
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/results/plans/:id/evaluations/:evaluationId",
    {
      schema: {
        tags,
        summary: "Change an evaluation and its findings (its recommendations stay)",
        params: evaluationParams,
        body: evaluationBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      await inTransaction((tx) => updateEvaluation(tx, plan.id, request.params.evaluationId, request.body));
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/results/plans/:id/evaluations/:evaluationId",
    {
      schema: {
        tags,
        summary: "Delete an evaluation with its findings, recommendations, their follow-up and files",
        params: evaluationParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const deletion = await inTransaction((tx) =>
        deleteEvaluation(tx, plan, request.params.evaluationId, auditActorOf(request)),
      );
      await discardDeletedFiles(deletion);
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/results/plans/:id/evaluations/:evaluationId/recommendations",
    {
      schema: {
        tags,
        summary: "Add a recommendation of the evaluation (not started until followed up)",
        params: evaluationParams,
        body: evaluationRecommendationBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const id = await inTransaction((tx) =>
        addEvaluationRecommendation(tx, plan.id, request.params.evaluationId, request.body, actor.userId),
      );
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/results/plans/:id/evaluations/:evaluationId/recommendations/:recommendationId",
    {
      schema: {
        tags,
        summary: "Record the management response and follow-up status of an evaluation's recommendation",
        params: evaluationRecommendationParams,
        body: followUpBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:report");
      const { evaluationId, recommendationId } = request.params;
      await inTransaction((tx) =>
        saveFollowUp(tx, plan.id, evaluationId, recommendationId, request.body, actor.userId),
      );
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/results/plans/:id/outcomes",
    {
      schema: {
        tags,
        summary: "A plan's advocacy outcomes with the UN recommendations they answer",
        params: planParams,
        response: { 200: outcomeListOut, ...errors },
      },
    },
    async (request) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
      return {
        outcomes: await readOutcomes(db, plan.id),
        canEdit: can(actor, "plan:edit", organisationTarget(plan.organisation)),
      };
    },
  );

  api.post(
    "/results/plans/:id/outcomes",
    {
      schema: {
        tags,
        summary:
          "Record an advocacy outcome (a law passed, a policy changed) and the recommendations it answers",
        params: planParams,
        body: outcomeBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const id = await inTransaction((tx) => createOutcome(tx, plan.id, request.body, actor.userId));
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/results/plans/:id/outcomes/:outcomeId",
    {
      schema: {
        tags,
        summary: "Change an advocacy outcome and the recommendations it answers",
        params: outcomeParams,
        body: outcomeBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      await inTransaction((tx) => updateOutcome(tx, plan.id, request.params.outcomeId, request.body));
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/results/plans/:id/outcomes/:outcomeId",
    {
      schema: {
        tags,
        summary: "Delete an advocacy outcome with its links to recommendations and its files",
        params: outcomeParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const deletion = await inTransaction((tx) =>
        deleteOutcome(tx, plan, request.params.outcomeId, auditActorOf(request)),
      );
      await discardDeletedFiles(deletion);
      return reply.code(204).send(null);
    },
  );
}
