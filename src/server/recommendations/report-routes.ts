import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { buildDashboard, dashboardOutput, dashboardQuery } from "./dashboard.ts";
import { buildReportCard, reportCardOutput, reportCardQuery } from "./report-card.ts";
import { renderReportCardDocx, renderReportDocx } from "./report-docx.ts";
import { readReport, reportQuery } from "./report-rows.ts";
import { renderReportXlsx } from "./report-xlsx.ts";
import { authorizeStateTracking, requireSomeTracking } from "./tracking-scope.ts";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/** A file name safe in a header: ASCII letters, digits and dashes only. */
/** Sends a generated report as a download that is never cached. */
function sendAttachment(reply: FastifyReply, type: string, fileName: string, body: Buffer) {
  return reply
    .type(type)
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .header("cache-control", "no-store")
    .send(body);
}

/**
 * Sends a report of the coalition's tracking, which is not public (drafts, notes, follow-up), and
 * writes its download to the audit log.
 */
async function sendReport(
  db: Db,
  request: FastifyRequest<{ Querystring: { state: string } }>,
  reply: FastifyReply,
  type: string,
  fileName: string,
  body: Buffer,
) {
  const state = request.query.state.trim();
  await recordAudit(db, {
    action: "unpublished.exported",
    ...auditActorOf(request),
    targetType: "tracking-report",
    targetId: fileName,
    country: /^[A-Za-z]{2}$/.test(state) ? state.toUpperCase() : null,
    details: { state, fileName },
  });
  return sendAttachment(reply, type, fileName, body);
}

function fileNameOf(base: string, state: string, ext: string): string {
  const slug = state
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base}-${slug || "state"}.${ext}`;
}

/**
 * Dashboards and reports of recommendations. They show the coalition's tracking, so they are read
 * by those who may read the tracking of the State (`recommendation:read-tracking`); a dashboard
 * without a State counts only the States in the person's scope.
 */
export async function registerRecommendationReportRoutes(scope: FastifyInstance, db: Db): Promise<void> {
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ["recommendations"];
  const today = () => new Date().toISOString().slice(0, 10);

  api.get(
    "/recommendations/dashboard",
    {
      schema: {
        tags,
        summary:
          "Dashboard: counts by implementation status × theme, UNCRC article, responsible institution, mechanism and cycle",
        querystring: dashboardQuery,
        response: { 200: dashboardOutput, ...errors },
      },
    },
    async (request) => {
      if (request.query.state) {
        await authorizeStateTracking(request, db, request.query.state);
        return buildDashboard(db, request.query);
      }
      return buildDashboard(db, request.query, requireSomeTracking(request));
    },
  );

  // Untyped on the reply side: the answers are bytes, not JSON.
  scope.get<{ Querystring: z.infer<typeof reportQuery> }>(
    "/recommendations/report.docx",
    {
      schema: {
        tags,
        summary:
          "Follow-up / alternative report (Word): grouped by UNCRC article or cluster, with position, coalition status and evidence",
        querystring: reportQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      await authorizeStateTracking(request, db, request.query.state);
      const report = await readReport(db, request.query);
      return sendReport(
        db,
        request,
        reply,
        DOCX_TYPE,
        fileNameOf("follow-up", report.stateName, "docx"),
        await renderReportDocx(report, today()),
      );
    },
  );

  scope.get<{ Querystring: z.infer<typeof reportQuery> }>(
    "/recommendations/report.xlsx",
    {
      schema: {
        tags,
        summary:
          "Follow-up report as a workbook: the rows of the Word report, one per recommendation and group",
        querystring: reportQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      await authorizeStateTracking(request, db, request.query.state);
      const report = await readReport(db, request.query);
      return sendReport(
        db,
        request,
        reply,
        XLSX_TYPE,
        fileNameOf("follow-up", report.stateName, "xlsx"),
        await renderReportXlsx(report),
      );
    },
  );

  api.get(
    "/recommendations/report-card",
    {
      schema: {
        tags,
        summary: "Report card: a grade A–F per theme from the coalition's latest statuses (rule included)",
        querystring: reportCardQuery,
        response: { 200: reportCardOutput, ...errors },
      },
    },
    async (request) => {
      await authorizeStateTracking(request, db, request.query.state);
      return buildReportCard(db, request.query.state);
    },
  );

  scope.get<{ Querystring: z.infer<typeof reportCardQuery> }>(
    "/recommendations/report-card.docx",
    {
      schema: {
        tags,
        summary: "The one-page report card as a Word document",
        querystring: reportCardQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      await authorizeStateTracking(request, db, request.query.state);
      const card = await buildReportCard(db, request.query.state);
      return sendReport(
        db,
        request,
        reply,
        DOCX_TYPE,
        fileNameOf("report-card", card.stateName, "docx"),
        await renderReportCardDocx(card.stateName, card.themes, today()),
      );
    },
  );
}
