import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../../api-schemas/index.ts";
import { planParams, planReportQuery } from "../../api-schemas/results.ts";
import type { Db } from "../../db/connect.ts";
import { buildDashboard } from "../dashboard.ts";
import { loadAuthorizedPlan } from "../load-plan.ts";
import { readPlan } from "../read-plan.ts";
import { readProgressInputs } from "../read-progress-inputs.ts";
import { planReportDocx } from "./plan-docx.ts";
import { planReportPdf } from "./plan-print.ts";
import { planReport, text } from "./report-model.ts";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 503: errorBody };
const today = () => new Date().toISOString().slice(0, 10);

/** A file name safe in a header: ASCII letters, digits and dashes only. */
function fileName(title: string, period: string, ext: string): string {
  const slug = `${title}-${period}`
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
  return `progress-report-${slug || "plan"}.${ext}`;
}

/** A plan's progress report for a period, as Word (charts as PNG) and as PDF (printed by Chromium). */
export async function registerPlanReportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ["docx", "pdf"] as const) {
    api.get(
      `/results/plans/:id/report.${format}`,
      {
        schema: {
          tags: ["results"],
          summary: `A plan's progress report for a period (by default the dashboard's), as ${format === "docx" ? "a Word document" : "a PDF"}`,
          params: planParams,
          querystring: planReportQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
        const on = today();
        const dashboard = buildDashboard(plan, await readProgressInputs(db, plan), request.query.period, on);
        const report = planReport(await readPlan(db, plan, actor), dashboard);
        const body = format === "docx" ? await planReportDocx(report, on) : await planReportPdf(report, on);
        return reply
          .type(format === "docx" ? DOCX_TYPE : "application/pdf")
          .header(
            "content-disposition",
            `attachment; filename="${fileName(text(plan.title), report.periodLabel, format)}"`,
          )
          .header("cache-control", "no-store")
          .send(body);
      },
    );
  }
}
