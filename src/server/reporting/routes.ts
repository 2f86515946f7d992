import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import {
  calendarHistoryOut,
  calendarOut,
  calendarQuery,
  countryParams,
  countryReportingOut,
  feedBody,
  feedOut,
  feedParams,
  followUpOut,
  followUpQuery,
  instrumentParams,
  ratificationBody,
  reportBody,
  reportOut,
  reportParams,
  reportSummaryOut,
  reportsQuery,
  reviewBody,
  reviewParams,
  reviewUpdateBody,
  sectionBody,
  sectionHistoryOut,
  sectionParams,
  versionQuery,
} from "../api-schemas/reporting.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { createCalendarFeed, renderCalendarFeed } from "./calendar-feeds.ts";
import {
  calendarHistory,
  createReview,
  deleteRatification,
  deleteReview,
  reviewCountry,
  saveRatification,
  updateReview,
} from "./edit-calendar.ts";
import { renderReportDocx, renderReportPdf } from "./export-report.ts";
import { readFollowUp } from "./follow-up.ts";
import { readCalendar, readCountryReporting } from "./read-calendar.ts";
import { createReport, listReports, loadReport, readReport, saveSection, sectionHistory } from "./reports.ts";
import { loadCountry, requireOn } from "./scope.ts";

const tags = ["reporting"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const today = () => new Date().toISOString().slice(0, 10);
const fileNameOf = (title: string, ext: string) =>
  `${
    title
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "report"
  }.${ext}`;

/** The reporting cycle: calendars, their feeds, and alternative reports drafted from the evidence. */
export async function registerReportingRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));

  /** The report of the route's `:id` if the caller may do `action` on its country (404 to others). */
  const authorizedReport = async (
    request: FastifyRequest,
    id: string,
    action: "report:read" | "report:write",
  ) => {
    const actor = requireActor(request);
    const report = await loadReport(db, id);
    requireOn(actor, "report:read", report.target, true);
    requireOn(actor, action, report.target, false);
    return { report, actor };
  };

  api.get(
    "/reporting/countries/:code",
    {
      schema: {
        tags,
        summary: "A country's ratifications and reservations, and its reviews with their dated steps",
        params: countryParams,
        response: { 200: countryReportingOut, ...errors },
      },
    },
    async (request) => {
      const country = await loadCountry(db, request.params.code);
      const actor = requireActor(request);
      requireOn(actor, "report:read", country, false);
      return readCountryReporting(db, country, actor);
    },
  );

  /** The country of the review of the route if the caller may change it (404 outside its country). */
  const writableReview = async (request: FastifyRequest, id: string) => {
    const actor = requireActor(request);
    const country = await loadCountry(db, await reviewCountry(db, id));
    requireOn(actor, "report:read", country, true);
    requireOn(actor, "report:write", country, false);
    return { country, who: { ...auditActorOf(request), actorId: actor.userId } };
  };

  /** The country of the route if the caller may change its calendar (403 otherwise). */
  const writableCountry = async (request: FastifyRequest, code: string) => {
    const actor = requireActor(request);
    const country = await loadCountry(db, code);
    requireOn(actor, "report:read", country, false);
    requireOn(actor, "report:write", country, false);
    return { country, who: { ...auditActorOf(request), actorId: actor.userId } };
  };

  api.put(
    "/reporting/countries/:code/ratifications/:instrument",
    {
      schema: {
        tags,
        summary:
          "Record or correct a country's ratification of an instrument, with its reservations (409 if changed since expectedVersion)",
        params: instrumentParams,
        body: ratificationBody,
        response: { 200: z.object({ version: z.number().int(), created: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const { country, who } = await writableCountry(request, request.params.code);
      return inTransaction((tx) =>
        saveRatification(tx, country, request.params.instrument, request.body, who),
      );
    },
  );

  api.delete(
    "/reporting/countries/:code/ratifications/:instrument",
    {
      schema: {
        tags,
        summary: "Remove a ratification recorded by mistake (409 if changed since expectedVersion)",
        params: instrumentParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { country, who } = await writableCountry(request, request.params.code);
      await inTransaction((tx) =>
        deleteRatification(tx, country, request.params.instrument, request.query.expectedVersion, who),
      );
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/reporting/countries/:code/reviews",
    {
      schema: {
        tags,
        summary:
          "Add a review of a country by a mechanism, with its dated steps or planned around sessionStart",
        params: countryParams,
        body: reviewBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (request, reply) => {
      const { country, who } = await writableCountry(request, request.params.code);
      const id = await inTransaction((tx) => createReview(tx, country, request.body, who));
      return reply.code(201).send({ id });
    },
  );

  api.put(
    "/reporting/reviews/:id",
    {
      schema: {
        tags,
        summary: "Correct a review, its name and its dated steps (409 if changed since expectedVersion)",
        params: reviewParams,
        body: reviewUpdateBody,
        response: { 200: z.object({ version: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const { country, who } = await writableReview(request, request.params.id);
      const version = await inTransaction((tx) =>
        updateReview(tx, country, request.params.id, request.body, who),
      );
      return { version };
    },
  );

  api.delete(
    "/reporting/reviews/:id",
    {
      schema: {
        tags,
        summary:
          "Remove a review and its steps; reports started for it stay (409 if changed since expectedVersion)",
        params: reviewParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { country, who } = await writableReview(request, request.params.id);
      await inTransaction((tx) =>
        deleteReview(tx, country, request.params.id, request.query.expectedVersion, who),
      );
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/reporting/countries/:code/history",
    {
      schema: {
        tags,
        summary: "Every change made in the app to a country's calendar, newest first",
        params: countryParams,
        response: { 200: calendarHistoryOut, ...errors },
      },
    },
    async (request) => {
      const country = await loadCountry(db, request.params.code);
      requireOn(requireActor(request), "report:read", country, false);
      return calendarHistory(db, country);
    },
  );

  api.get(
    "/reporting/countries/:code/follow-up",
    {
      schema: {
        tags,
        summary:
          "The follow-up report card of a country's last review: each recommendation's status and the evidence since",
        params: countryParams,
        querystring: followUpQuery,
        response: { 200: followUpOut, ...errors },
      },
    },
    async (request) => {
      const country = await loadCountry(db, request.params.code);
      requireOn(requireActor(request), "report:read", country, false);
      return readFollowUp(db, country, request.query.mechanism);
    },
  );

  api.get(
    "/reporting/calendar",
    {
      schema: {
        tags,
        summary: "Dated reporting steps of the countries you may read, by country or region and dates",
        querystring: calendarQuery,
        response: { 200: calendarOut, ...errors },
      },
    },
    async (request) => readCalendar(db, requireActor(request), request.query),
  );

  api.post(
    "/reporting/feeds",
    {
      schema: {
        tags,
        summary: "A private iCalendar subscription URL for a country's or a region's reporting calendar",
        body: feedBody,
        response: { 201: feedOut, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.body.country)
        requireOn(actor, "report:read", await loadCountry(db, request.body.country), false);
      else if (!(await readCalendar(db, actor, { region: request.body.region })).countries.length)
        requireOn(
          actor,
          "report:read",
          { code: "", name: "", regionCode: request.body.region ?? null },
          false,
        );
      const feed = await inTransaction((tx) => createCalendarFeed(tx, actor.userId, request.body));
      return reply.code(201).send(feed);
    },
  );

  // Untyped reply: iCalendar text, fetched by calendar applications without a session.
  app.get<{ Params: z.infer<typeof feedParams> }>(
    "/reporting/feeds/:token",
    {
      schema: {
        tags,
        summary: "An iCalendar feed (text/calendar) by its private token; no sign-in",
        params: feedParams,
        response: { 404: errorBody },
      },
    },
    async (request, reply) =>
      reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(await renderCalendarFeed(db, request.params.token, new Date())),
  );

  api.get(
    "/reporting/reports",
    {
      schema: {
        tags,
        summary: "The alternative reports of the countries you may read",
        querystring: reportsQuery,
        response: { 200: z.array(reportSummaryOut), 401: errorBody, 400: errorBody },
      },
    },
    async (request) => listReports(db, requireActor(request), request.query.country),
  );

  api.post(
    "/reporting/reports",
    {
      schema: {
        tags,
        summary:
          "Start an alternative report: the CRC clusters, each pre-filled from the evidence with citations",
        body: reportBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const country = await loadCountry(db, request.body.country);
      requireOn(actor, "report:write", country, false);
      const id = await inTransaction((tx) =>
        createReport(tx, country, request.body, { ...auditActorOf(request), actorId: actor.userId }),
      );
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/reporting/reports/:id",
    {
      schema: {
        tags,
        summary: "An alternative report with its sections, citations, questions and word counts",
        params: reportParams,
        response: { 200: reportOut, ...errors },
      },
    },
    async (request) => {
      const { report, actor } = await authorizedReport(request, request.params.id, "report:read");
      return readReport(db, report, actor);
    },
  );

  api.put(
    "/reporting/reports/:id/sections/:key",
    {
      schema: {
        tags,
        summary: "Save a section's text (409 if someone saved it since the version you edited)",
        params: sectionParams,
        body: sectionBody,
        response: {
          200: z.object({ version: z.number().int(), words: z.number().int(), body: z.string() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { report, actor } = await authorizedReport(request, request.params.id, "report:write");
      return inTransaction((tx) =>
        saveSection(tx, report.id, request.params.key, request.body, actor.userId),
      );
    },
  );

  api.get(
    "/reporting/reports/:id/sections/:key/history",
    {
      schema: {
        tags,
        summary: "Every version of a section, newest first",
        params: sectionParams,
        response: { 200: sectionHistoryOut, ...errors },
      },
    },
    async (request) => {
      const { report } = await authorizedReport(request, request.params.id, "report:read");
      return sectionHistory(db, report.id, request.params.key);
    },
  );

  const sendExport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    format: "docx" | "pdf",
  ) => {
    const { report, actor } = await authorizedReport(request, id, "report:read");
    const full = await readReport(db, report, actor);
    const body =
      format === "docx" ? await renderReportDocx(full, today()) : await renderReportPdf(full, today());
    await recordAudit(db, {
      ...auditActorOf(request),
      action: "unpublished.exported",
      targetType: "alternative_report",
      targetId: report.id,
      country: report.country,
      region: report.regionCode,
      details: { format, words: full.words },
    });
    return reply
      .type(format === "docx" ? DOCX_TYPE : "application/pdf")
      .header("content-disposition", `attachment; filename="${fileNameOf(full.title, format)}"`)
      .header("cache-control", "no-store")
      .send(body);
  };

  // Untyped reply: the answers are bytes, not JSON.
  app.get<{ Params: z.infer<typeof reportParams> }>(
    "/reporting/reports/:id/report.docx",
    {
      schema: {
        tags,
        summary: "The report as an editable Word document, sources as footnotes with their links",
        params: reportParams,
        response: { 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    (request, reply) => sendExport(request, reply, request.params.id, "docx"),
  );

  app.get<{ Params: z.infer<typeof reportParams> }>(
    "/reporting/reports/:id/report.pdf",
    {
      schema: {
        tags,
        summary: "The report as PDF (printed by Chromium), sources as numbered notes with their links",
        params: reportParams,
        response: { 401: errorBody, 403: errorBody, 404: errorBody, 503: errorBody },
      },
    },
    (request, reply) => sendExport(request, reply, request.params.id, "pdf"),
  );
}
