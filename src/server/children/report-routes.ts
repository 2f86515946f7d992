import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { consultationDefinition } from "../../core/index.ts";
import { codeParams, consultationParams, kidsResultsOut } from "../api-schemas/children.ts";
import { errorBody } from "../api-schemas/index.ts";
import type { Db } from "../db/connect.ts";
import { reportDocx } from "../reports/release-docx.ts";
import { reportPdf } from "../reports/report-pdf.ts";
import { consultationReport, REPORT_LANGUAGES } from "./consultation-report.ts";
import { loadAuthorizedConsultation } from "./load-consultation.ts";
import { readResults } from "./read-results.ts";
import { loadSessionByCode, refusal } from "./submit-answers.ts";

const tags = ["children"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const reportQuery = z.object({ lang: z.enum(REPORT_LANGUAGES).default("en") });

const FORMATS = {
  pdf: { type: "application/pdf", write: reportPdf },
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    write: reportDocx,
  },
} as const;

/**
 * A consultation's results as a report (PDF, DOCX) for those who may read the consultation, and
 * the child-friendly results that children reach with the code they answered with, once the
 * coalition closed the consultation and made its results public. Aggregates only, always.
 */
export async function registerConsultationReportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  for (const format of ["pdf", "docx"] as const)
    api.get(
      `/children/consultations/:id/report.${format}`,
      {
        schema: {
          tags,
          summary: `The consultation's aggregate results as a ${format.toUpperCase()} report with charts (en, fr or ar), to attach to an alternative report`,
          params: consultationParams,
          querystring: reportQuery,
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
        const results = await readResults(db, consultation);
        const doc = consultationReport(
          {
            definition: consultationDefinition.parse(consultation.definition),
            organisation: consultation.organisation.name,
            status: consultation.status,
            closedAt: consultation.closedAt,
          },
          results,
          request.query.lang,
        );
        const body = await FORMATS[format].write(doc);
        return reply
          .type(FORMATS[format].type)
          .header(
            "content-disposition",
            `attachment; filename="consultation-results-${request.query.lang}.${format}"`,
          )
          .header("cache-control", "no-store")
          .send(body as never);
      },
    );

  api.get(
    "/children/join/:code/results",
    {
      config: {
        rateLimit: {
          max: Number(process.env.CHILDMARK_CHILD_JOIN_LIMIT ?? 300),
          timeWindow: "1 minute",
          hook: "preHandler" as const,
        },
      },
      schema: {
        tags,
        summary:
          "The child-friendly results of a consultation, by the code children answered with: only once it is closed and its results were made public",
        params: codeParams,
        response: { 200: kidsResultsOut, 404: errorBody, 429: errorBody },
      },
    },
    async (request) => {
      const { consultation } = await loadSessionByCode(db, request.params.code);
      if (consultation.status !== "closed" || !consultation.resultsPublic)
        throw refusal("the results of this consultation are not shared yet", "not-shared", 404);
      const definition = consultationDefinition.parse(consultation.definition);
      const results = await readResults(db, consultation);
      return {
        title: definition.title,
        languages: definition.languages,
        closedAt: consultation.closedAt?.toISOString() ?? null,
        threshold: results.threshold,
        children: results.participants?.n ?? null,
        questions: definition.questions.flatMap((q) => {
          const total = results.questions.find((r) => r.code === q.code)?.total;
          if (!total || q.type === "short-text" || q.type === "number") return [];
          return [
            {
              code: q.code,
              type: q.type,
              text: q.text,
              options: q.options,
              children: total.n,
              counts: total.counts,
            },
          ];
        }),
        quotes: results.quotes.map((q) => q.text),
      };
    },
  );
}
