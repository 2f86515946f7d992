import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  consultationBody,
  consultationOut,
  consultationParams,
  consultationSummaryOut,
  consultationUpdateBody,
  moderationBody,
  moderationItemOut,
  moderationParams,
  resultsOut,
  sessionBody,
  sessionOut,
  statusBody,
} from "../api-schemas/children.ts";
import { errorBody } from "../api-schemas/index.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { loadOrganisation, organisationTarget } from "../results/load-plan.ts";
import { listConsultations } from "./list-consultations.ts";
import { loadAuthorizedConsultation } from "./load-consultation.ts";
import { listModeration, moderate } from "./moderation.ts";
import { readConsultation } from "./read-consultation.ts";
import { readResults } from "./read-results.ts";
import { resultsCsv } from "./results-csv.ts";
import {
  addSession,
  consultationTarget,
  createConsultation,
  setConsultationStatus,
  updateConsultation,
} from "./save-consultation.ts";

const tags = ["children"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Routes of the coalition's side of children's consultations: design, sessions, results, moderation. */
export async function registerChildrenRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));

  api.get(
    "/children/consultations",
    {
      schema: {
        tags,
        summary: "The consultations you may read",
        response: { 200: z.array(consultationSummaryOut), 401: errorBody },
      },
    },
    async (request) => listConsultations(db, requireActor(request)),
  );

  api.post(
    "/children/consultations",
    {
      schema: {
        tags,
        summary: "Design a new consultation (a draft) for an organisation",
        body: consultationBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const organisation = await loadOrganisation(db, request.body.organisationId);
      const actor = authorize(request, "consultation:design", organisationTarget(organisation));
      const id = await inTransaction((tx) => createConsultation(tx, request.body, actor.userId));
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/children/consultations/:id",
    {
      schema: {
        tags,
        summary:
          "A consultation: its questions, session codes and number of participants (once at the threshold)",
        params: consultationParams,
        response: { 200: consultationOut, ...errors },
      },
    },
    async (request) => {
      const { consultation, actor } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:read",
      );
      return readConsultation(db, consultation, actor);
    },
  );

  api.put(
    "/children/consultations/:id",
    {
      schema: {
        tags,
        summary: "Change the question set of a draft consultation",
        params: consultationParams,
        body: consultationUpdateBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { consultation, actor } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:design",
      );
      await inTransaction((tx) => updateConsultation(tx, consultation, request.body, actor.userId));
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/children/consultations/:id/status",
    {
      schema: {
        tags,
        summary:
          "Open a consultation to children, or close it (optionally making its aggregate results public)",
        params: consultationParams,
        body: statusBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { consultation } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:design",
      );
      await inTransaction((tx) =>
        setConsultationStatus(
          tx,
          consultation,
          request.body.status,
          request.body.resultsPublic,
          auditActorOf(request),
        ),
      );
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/children/consultations/:id/sessions",
    {
      schema: {
        tags,
        summary: "Hand out a new session code (for a school, a class, a shared tablet)",
        params: consultationParams,
        body: sessionBody,
        response: { 201: sessionOut, ...errors },
      },
    },
    async (request, reply) => {
      const { consultation } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:design",
      );
      const s = await inTransaction((tx) => addSession(tx, consultation, request.body));
      return reply.code(201).send({
        id: s.id,
        code: s.code,
        label: s.label,
        country: s.countryCode,
        sharedDevice: s.sharedDevice,
      });
    },
  );

  api.get(
    "/children/consultations/:id/results",
    {
      schema: {
        tags,
        summary: "Results in aggregate only: every group under the threshold (and its complement) left out",
        params: consultationParams,
        response: { 200: resultsOut, ...errors },
      },
    },
    async (request) => {
      const { consultation } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:read",
      );
      return readResults(db, consultation);
    },
  );

  api.get(
    "/children/consultations/:id/results.csv",
    {
      schema: {
        tags,
        summary: "The same aggregate results as a CSV file (one row per shown group and answer)",
        params: consultationParams,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const { consultation } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:read",
      );
      const csv = resultsCsv(await readResults(db, consultation));
      return (
        reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="consultation-results.csv"')
          .header("cache-control", "no-store")
          // A Buffer is sent as is (no serialiser), like the other file downloads.
          .send(Buffer.from(csv, "utf8") as never)
      );
    },
  );

  api.get(
    "/children/consultations/:id/moderation",
    {
      schema: {
        tags,
        summary: "Free-text answers for moderators (already screened for e-mails, phones and given names)",
        params: consultationParams,
        response: { 200: z.array(moderationItemOut), ...errors },
      },
    },
    async (request) => {
      const { consultation } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:moderate",
      );
      return listModeration(db, consultation.id);
    },
  );

  api.put(
    "/children/consultations/:id/moderation/:submissionId/:questionCode",
    {
      schema: {
        tags,
        summary: "Approve, redact or reject one free-text answer",
        params: moderationParams,
        body: moderationBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { consultation, actor } = await loadAuthorizedConsultation(
        db,
        request,
        request.params.id,
        "consultation:moderate",
      );
      const { submissionId, questionCode } = request.params;
      await inTransaction((tx) =>
        moderate(
          tx,
          { consultationId: consultation.id, submissionId, questionCode },
          request.body,
          actor.userId,
          { ...auditActorOf(request), target: consultationTarget(consultation) },
        ),
      );
      return reply.code(204).send(null);
    },
  );
}
