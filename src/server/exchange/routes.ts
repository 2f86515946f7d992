import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Action } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import { assessmentTarget, loadAssessment } from "../assessments/load-assessment.ts";
import { assessmentParams } from "../assessments/schemas.ts";
import { auditActorOf, auditTargetOf, recordAudit } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { exportAssessment } from "./export-assessment.ts";
import { ImportRejectedError, importAnswers } from "./import-answers.ts";
import { readWorkbookUpload, workbookUploadLimits } from "./read-workbook-upload.ts";
import { exportQuery, importQuery, importReport } from "./schemas.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const errors = { 401: errorBody, 403: errorBody, 404: errorBody };

/** Signed in (401) → the assessment exists (404) → the actor may do `action` on it (403). */
async function loadAuthorized(db: Db, request: FastifyRequest, id: string, action: Action) {
  requireActor(request);
  const assessment = await loadAssessment(db, id);
  const actor = authorize(request, action, assessmentTarget(assessment));
  return { assessment, actor };
}

/** Routes of the offline exchange module: XLSX export and import of an assessment's answers. */
export async function registerExchangeRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // Multipart parsing only in this module's own scope.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: workbookUploadLimits() });
    const api = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ["exchange"];

    // Untyped by the zod provider on the reply side: the answer is bytes, not JSON.
    scope.get<{ Params: z.infer<typeof assessmentParams>; Querystring: z.infer<typeof exportQuery> }>(
      "/assessments/:id/export.xlsx",
      {
        schema: {
          tags,
          summary: "The assessment as an XLSX workbook to fill offline (read me + answers sheets)",
          params: assessmentParams,
          querystring: exportQuery,
          response: { 400: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const { assessment, actor } = await loadAuthorized(db, request, request.params.id, "assessment:read");
        const { fileName, bytes } = await exportAssessment(
          db,
          assessment,
          request.query.lang ?? actor.locale,
        );
        // Drafts leave the platform: the log says who took which assessment, in what state.
        await recordAudit(db, {
          action: "unpublished.exported",
          ...auditActorOf(request),
          ...auditTargetOf(assessment),
          details: { format: "xlsx", fileName, status: assessment.status },
        });
        return reply
          .type(XLSX_TYPE)
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("cache-control", "no-store")
          .send(bytes);
      },
    );

    api.post(
      "/assessments/:id/import",
      {
        schema: {
          tags,
          summary:
            "Import a filled offline workbook: every row checked first, nothing written on any problem",
          description:
            "multipart/form-data with one file (at most 20 MB). 200 with counts when applied (or would be, with dryRun=true); 400 with a report giving the row and column of every problem, nothing written; 409 when the assessment is locked.",
          params: assessmentParams,
          querystring: importQuery,
          response: {
            200: importReport,
            400: z.union([importReport, errorBody]),
            409: errorBody,
            413: errorBody,
            503: errorBody,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { assessment, actor } = await loadAuthorized(db, request, request.params.id, "answer:write");
        try {
          const report = await withImportSlot(async () => {
            const upload = await readWorkbookUpload(request);
            return db.transaction((tx) =>
              importAnswers(tx as unknown as Db, {
                assessment,
                actor,
                ...upload,
                dryRun: request.query.dryRun,
                audit: auditActorOf(request),
              }),
            );
          });
          return reply.code(report.ok ? 200 : 400).send(report);
        } catch (error) {
          if (error instanceof ImportRejectedError) return reply.code(400).send(error.report);
          throw error;
        }
      },
    );
  });
}
