import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditPage, auditQuery } from "../api-schemas/audit.ts";
import { errorBody } from "../api-schemas/index.ts";
import { authorize } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { auditCsv } from "./audit-csv.ts";
import { allAuditEvents, listAuditEvents } from "./list-audit.ts";

/** The audit log for administrators: a filtered page as JSON, or every matching event as CSV. */
export function registerAuditRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["audit"];
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

  api.get(
    "/admin/audit",
    {
      schema: {
        tags,
        summary: "The audit log, newest first, filtered by action, actor, country and dates (UTC days)",
        querystring: auditQuery,
        response: { 200: auditPage, ...errors },
      },
    },
    async (request) => {
      authorize(request, "audit:read");
      return listAuditEvents(db, request.query);
    },
  );

  api.get(
    "/admin/audit.csv",
    {
      schema: {
        tags,
        summary:
          "The audit events matching the filters as CSV (cells that a spreadsheet would run are quoted)",
        querystring: auditQuery,
      },
    },
    async (request, reply) => {
      authorize(request, "audit:read");
      const csv = auditCsv(await allAuditEvents(db, request.query));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="childmark-audit-${day}.csv"`)
        .header("cache-control", "no-store")
        .send(csv);
    },
  );
}
