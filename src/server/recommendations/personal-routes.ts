import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import {
  decideIndicator,
  indicatorDecision,
  indicatorSuggestion,
  indicatorSuggestionQuery,
  suggestIndicators,
} from "./indicator-suggestions.ts";
import { recommendationTargets } from "./recommendation-target.ts";
import {
  deleteSavedSearch,
  listSavedSearches,
  savedSearchInput,
  savedSearchOutput,
  saveSearch,
} from "./saved-searches.ts";
import { idParams } from "./schemas.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/** Saved searches (each person's own) and index indicator suggestions with accept / reject. */
export async function registerRecommendationPersonalRoutes(scope: FastifyInstance, db: Db): Promise<void> {
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ["recommendations"];

  api.get(
    "/recommendations/saved-searches",
    {
      schema: {
        tags,
        summary: "My saved searches of recommendations",
        response: { 200: z.array(savedSearchOutput), ...errors },
      },
    },
    async (request) => listSavedSearches(db, requireActor(request).userId),
  );

  api.post(
    "/recommendations/saved-searches",
    {
      schema: {
        tags,
        summary:
          "Save a search { name, query: the query string of GET /api/recommendations } (same name replaces)",
        body: savedSearchInput,
        response: { 201: savedSearchOutput, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.code(201).send(await saveSearch(db, actor.userId, request.body));
    },
  );

  api.delete(
    "/recommendations/saved-searches/:id",
    {
      schema: {
        tags,
        summary: "Delete one of my saved searches",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteSavedSearch(db, requireActor(request).userId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/recommendations/:id/indicator-suggestions",
    {
      schema: {
        tags,
        summary:
          "Indicators of a framework version ranked by text similarity with a score; linked and rejected ones left out (never applied)",
        params: idParams,
        querystring: indicatorSuggestionQuery,
        response: { 200: z.array(indicatorSuggestion), ...errors },
      },
    },
    async (request) => {
      requireActor(request);
      return suggestIndicators(db, request.params.id, request.query.frameworkVersionId, request.query.limit);
    },
  );

  api.post(
    "/recommendations/:id/indicator-suggestions",
    {
      schema: {
        tags,
        summary: "Accept (link) or reject (never suggest again) a suggested indicator",
        params: idParams,
        body: indicatorDecision,
        response: {
          200: z.object({ decision: z.enum(["accept", "reject"]), indicatorCodes: z.array(z.string()) }),
          ...errors,
        },
      },
    },
    async (request) => {
      requireActor(request);
      const [target] = await recommendationTargets(db, [request.params.id]);
      const actor = authorize(request, "recommendation:track", target);
      return db.transaction((tx) =>
        decideIndicator(tx as unknown as Db, request.params.id, request.body, actor.userId),
      );
    },
  );
}
