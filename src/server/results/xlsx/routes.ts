import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { can } from "../../../core/index.ts";
import { errorBody } from "../../api-schemas/index.ts";
import { planParams } from "../../api-schemas/results.ts";
import { planImportQuery, planImportReport } from "../../api-schemas/results-xlsx.ts";
import { auditActorOf } from "../../audit/record-audit.ts";
import type { Db } from "../../db/connect.ts";
import { readWorkbookUpload, workbookUploadLimits } from "../../exchange/read-workbook-upload.ts";
import { withImportSlot } from "../../files/import-slots.ts";
import { loadAuthorizedPlan, organisationTarget } from "../load-plan.ts";
import { readPlan } from "../read-plan.ts";
import { exportPlanWorkbook } from "./export-plan.ts";
import { importPlanWorkbook } from "./import-plan.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const tags = ["results"];
const errors = { 401: errorBody, 403: errorBody, 404: errorBody };

/** A plan's XLSX template: download it, fill it offline, import it back. */
export async function registerPlanXlsxRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // Multipart parsing only in this scope.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: workbookUploadLimits() });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    // Untyped on the reply side: the answer is bytes, not JSON.
    scope.get<{ Params: z.infer<typeof planParams> }>(
      "/results/plans/:id/export.xlsx",
      {
        schema: {
          tags,
          summary:
            "The plan as an XLSX template (plan, nodes, indicators, values) to fill offline and import back",
          params: planParams,
          response: { 400: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
        const { fileName, bytes } = await exportPlanWorkbook(await readPlan(db, plan, actor));
        return reply
          .type(XLSX_TYPE)
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("cache-control", "no-store")
          .send(bytes);
      },
    );

    api.post(
      "/results/plans/:id/import",
      {
        schema: {
          tags,
          summary: "Import the plan's filled XLSX template: every row checked, all or nothing",
          description:
            "multipart/form-data with one file (at most 20 MB). Whoever may report on the plan (plan:report) may change actuals; changes to the plan, its nodes, indicators and targets need plan:edit. 200 with the changes when applied (or that would be, with dryRun=true); 400 with every problem by sheet, row and column, nothing written. A value changed in Childmark after the export is a conflict, not overwritten.",
          params: planParams,
          querystring: planImportQuery,
          response: {
            200: planImportReport,
            400: planImportReport.or(errorBody),
            413: errorBody,
            503: errorBody,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:report");
        const report = await withImportSlot(async () => {
          const upload = await readWorkbookUpload(request);
          return importPlanWorkbook(db, {
            plan,
            actorId: actor.userId,
            mayEdit: can(actor, "plan:edit", organisationTarget(plan.organisation)),
            ...upload,
            dryRun: request.query.dryRun,
            audit: auditActorOf(request),
          });
        });
        return reply.code(report.ok ? 200 : 400).send(report);
      },
    );
  });
}
