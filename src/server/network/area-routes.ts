import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import {
  areaCycleOut,
  areaParams,
  areaScoresOut,
  areaScoresQuery,
  startAreaAssessmentBody,
} from "../api-schemas/network.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { areaCycleScores, listAreaCycles, startAreaAssessment } from "./area-assessments.ts";
import { authorizeCountry } from "./authorize-country.ts";

const tags = ["network"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/**
 * Routes of area assessments: which of a country's areas are assessed in each cycle, starting
 * one, and the areas' working scores (assessed and rolled up). The assessments themselves are
 * answered, reviewed and published through the assessment, review and release routes.
 */
export function registerAreaAssessmentRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/network/areas/:country/assessments",
    {
      schema: {
        tags,
        summary:
          "The cycles a country takes part in, newest first, each with its areas' assessments and their completion",
        params: areaParams,
        response: { 200: z.array(areaCycleOut), ...errors },
      },
    },
    async (request) => {
      await authorizeCountry(db, request, request.params.country, "assessment:read");
      return listAreaCycles(db, request.params.country);
    },
  );

  api.post(
    "/network/areas/:country/assessments",
    {
      schema: {
        tags,
        summary: "Start the assessment of one of the country's areas in a cycle the country takes part in",
        params: areaParams,
        body: startAreaAssessmentBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { country } = request.params;
      const { region } = await authorizeCountry(db, request, country, "network:manage");
      const created = await db.transaction(async (txn) => {
        const tx = txn as unknown as Db;
        const row = await startAreaAssessment(tx, country, request.body);
        await recordAudit(tx, {
          action: "assessment.area-started",
          ...auditActorOf(request),
          targetType: "assessment",
          targetId: row.id,
          country,
          region,
          details: { area: request.body.area, cycleId: request.body.cycleId },
        });
        return row;
      });
      return reply.code(201).send(created);
    },
  );

  api.get(
    "/network/areas/:country/scores",
    {
      schema: {
        tags,
        summary:
          "Working scores of a country's areas in a cycle, from their assessments whatever their status: assessed areas scored like countries, areas above them rolled up; ranks among areas of one level",
        params: areaParams,
        querystring: areaScoresQuery,
        response: { 200: z.array(areaScoresOut), ...errors },
      },
    },
    async (request) => {
      await authorizeCountry(db, request, request.params.country, "assessment:read");
      return areaCycleScores(db, request.params.country, request.query.cycle);
    },
  );
}
