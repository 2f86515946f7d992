import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import {
  approveBody,
  dashboardOut,
  dashboardQuery,
  indicatorBody,
  indicatorParams,
  indicatorUpdateBody,
  nodeBody,
  nodeParams,
  nodeUpdateBody,
  organisationOut,
  planBody,
  planOut,
  planParams,
  planSummaryOut,
  planUpdateBody,
  savedValueOut,
  valueBody,
  valueConflictOut,
  valueHistoryOut,
  valueParams,
} from "../api-schemas/results.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { buildDashboard } from "./dashboard.ts";
import {
  type Deletion,
  deleteIndicator,
  deleteNode,
  deletePlan,
  discardDeletedFiles,
} from "./delete-parts.ts";
import { listPlans, listReadableOrganisations } from "./list-plans.ts";
import { loadAuthorizedPlan, loadOrganisation, organisationTarget } from "./load-plan.ts";
import { readPlan } from "./read-plan.ts";
import { readProgressInputs } from "./read-progress-inputs.ts";
import { addIndicator, updateIndicator } from "./save-indicator.ts";
import { addNode, updateNode } from "./save-node.ts";
import { approvePlan, createPlan, updatePlan } from "./save-plan.ts";
import { saveValue, ValueConflictError, type ValueKind } from "./save-value.ts";
import { readValueHistory } from "./value-history.ts";

const tags = ["results"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const created = z.object({ id: z.uuid() });
const today = () => new Date().toISOString().slice(0, 10);

/** Routes of the results module: organisations' strategic plans, their values and dashboards. */
export async function registerResultsRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));

  api.get(
    "/results/organisations",
    {
      schema: {
        tags,
        summary: "Organisations whose plans you may read, and whether you may create and edit their plans",
        response: { 200: z.array(organisationOut), 401: errorBody },
      },
    },
    async (request) => listReadableOrganisations(db, requireActor(request)),
  );

  api.get(
    "/results/plans",
    {
      schema: {
        tags,
        summary: "The plans you may read",
        response: { 200: z.array(planSummaryOut), 401: errorBody },
      },
    },
    async (request) => listPlans(db, requireActor(request)),
  );

  api.post(
    "/results/plans",
    {
      schema: {
        tags,
        summary:
          "Create a plan for an organisation: its title, levels, periods and disaggregation categories",
        body: planBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const organisation = await loadOrganisation(db, request.body.organisationId);
      const actor = authorize(request, "plan:edit", organisationTarget(organisation));
      const id = await inTransaction((tx) => createPlan(tx, request.body, actor.userId));
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/results/plans/:id",
    {
      schema: {
        tags,
        summary: "A plan: its tree, indicators, targets and actuals per period, and what you may do",
        params: planParams,
        response: { 200: planOut, ...errors },
      },
    },
    async (request) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
      return readPlan(db, plan, actor);
    },
  );

  api.put(
    "/results/plans/:id",
    {
      schema: {
        tags,
        summary: "Change a plan's title, levels, periods and categories",
        params: planParams,
        body: planUpdateBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      await inTransaction((tx) => updatePlan(tx, plan.id, request.body));
      return reply.code(204).send(null);
    },
  );

  /** Runs a deletion in one transaction, then removes its files; 204. */
  const sendDeleted = async (reply: FastifyReply, work: (tx: Db) => Promise<Deletion>) => {
    await discardDeletedFiles(await inTransaction(work));
    return reply.code(204).send(null);
  };

  api.delete(
    "/results/plans/:id",
    {
      schema: {
        tags,
        summary: "Delete a draft plan with everything in it (409 while it is approved: reopen it first)",
        params: planParams,
        response: { 204: z.null(), 409: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      return sendDeleted(reply, (tx) => deletePlan(tx, plan, auditActorOf(request)));
    },
  );

  api.post(
    "/results/plans/:id/approval",
    {
      schema: {
        tags,
        summary: "Approve a plan (targets locked; optionally public) or reopen it",
        params: planParams,
        body: approveBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:approve");
      await inTransaction((tx) => approvePlan(tx, plan.id, request.body, actor.userId));
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/results/plans/:id/nodes",
    {
      schema: {
        tags,
        summary: "Add a node to the plan's tree",
        params: planParams,
        body: nodeBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const id = await inTransaction((tx) => addNode(tx, plan, request.body));
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/results/plans/:id/nodes/:nodeId",
    {
      schema: {
        tags,
        summary:
          "Change a node of the plan: its texts, responsible people, dates, place in the tree (409 when it changed since `expectedVersion`)",
        params: nodeParams,
        body: nodeUpdateBody,
        response: { 204: z.null(), 409: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const { expectedVersion, ...body } = request.body;
      await inTransaction((tx) =>
        updateNode(tx, plan, request.params.nodeId, body, { expectedVersion, actor: auditActorOf(request) }),
      );
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/results/plans/:id/nodes/:nodeId",
    {
      schema: {
        tags,
        summary:
          "Delete a node with its subtree, their indicators and values (409 while the plan is approved)",
        params: nodeParams,
        response: { 204: z.null(), 409: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      return sendDeleted(reply, (tx) => deleteNode(tx, plan, request.params.nodeId, auditActorOf(request)));
    },
  );

  api.post(
    "/results/plans/:id/indicators",
    {
      schema: {
        tags,
        summary: "Add an indicator to a node of the plan",
        params: planParams,
        body: indicatorBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const id = await inTransaction((tx) => addIndicator(tx, plan, request.body));
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/results/plans/:id/indicators/:indicatorId",
    {
      schema: {
        tags,
        summary:
          "Change an indicator's definition, its values and history staying (409 when it changed since `expectedVersion`)",
        params: indicatorParams,
        body: indicatorUpdateBody,
        response: { 204: z.null(), 409: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      const { expectedVersion, ...body } = request.body;
      await inTransaction((tx) =>
        updateIndicator(tx, plan, request.params.indicatorId, body, {
          expectedVersion,
          actor: auditActorOf(request),
        }),
      );
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/results/plans/:id/indicators/:indicatorId",
    {
      schema: {
        tags,
        summary:
          "Delete an indicator with its targets, actuals and their history (409 while the plan is approved)",
        params: indicatorParams,
        response: { 204: z.null(), 409: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
      return sendDeleted(reply, (tx) =>
        deleteIndicator(tx, plan, request.params.indicatorId, auditActorOf(request)),
      );
    },
  );

  const valueRoute = (kind: ValueKind) =>
    api.put(
      `/results/plans/:id/indicators/:indicatorId/${kind}s/:period`,
      {
        schema: {
          tags,
          summary: `Save the ${kind} of an indicator for a period (409 with the current value when it changed meanwhile)`,
          params: valueParams,
          body: valueBody,
          response: { 200: savedValueOut, 409: valueConflictOut, ...errors },
        },
      },
      async (request, reply) => {
        const action = kind === "target" ? "plan:edit" : "plan:report";
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, action);
        const { indicatorId, period } = request.params;
        return sendSaved(reply, () =>
          inTransaction((tx) =>
            saveValue(tx, {
              plan,
              indicatorId,
              period,
              kind,
              body: request.body,
              actorId: actor.userId,
              source: "entry",
            }),
          ),
        );
      },
    );
  valueRoute("target");
  valueRoute("actual");

  api.get(
    "/results/plans/:id/indicators/:indicatorId/history",
    {
      schema: {
        tags,
        summary: "Every change to an indicator's targets and actuals",
        params: indicatorParams,
        response: { 200: valueHistoryOut, ...errors },
      },
    },
    async (request) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
      return readValueHistory(db, plan.id, request.params.indicatorId);
    },
  );

  api.get(
    "/results/plans/:id/dashboard",
    {
      schema: {
        tags,
        summary: "Progress of the plan in a period: each node rolled up, each indicator, and what is late",
        params: planParams,
        querystring: dashboardQuery,
        response: { 200: dashboardOut, ...errors },
      },
    },
    async (request) => {
      const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
      return buildDashboard(plan, await readProgressInputs(db, plan), request.query.period, today());
    },
  );
}

/** Answers a stale save with 409 and the current value; other errors go to the app's handler. */
async function sendSaved<T>(reply: FastifyReply, save: () => Promise<T>) {
  try {
    return await save();
  } catch (error) {
    if (error instanceof ValueConflictError) {
      return reply.code(409).send({ error: error.message, details: [], current: error.current });
    }
    throw error;
  }
}
