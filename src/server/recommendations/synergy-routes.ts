import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { UserError } from "../errors.ts";
import { recommendationTargets } from "./recommendation-target.ts";
import {
  idParams,
  implementationInput,
  synergiesOut,
  synergyDecision,
  synergyGroup,
  synergyQuery,
} from "./schemas.ts";
import {
  confirmSynergy,
  countryTarget,
  deleteSynergy,
  dismissSynergy,
  listSynergies,
  recordSynergyImplementation,
  synergyOfRecommendation,
  synergyTarget,
} from "./synergies.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/**
 * Synergies of recommendations (registered by routes.ts): reading them is reading the State's
 * tracking (`recommendation:read-tracking`); confirming, dismissing and tracking a group is
 * tracking it (`recommendation:track`). Every write is one transaction.
 */
export async function registerSynergyRoutes(scope: FastifyInstance, db: Db): Promise<void> {
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ["recommendations"];

  /** Authorises tracking the State of the recommendations `ids` (404 for an unknown one), before any write. */
  const authorizeIds = async (request: FastifyRequest, ids: readonly string[]) => {
    let actor = requireActor(request);
    for (const target of await recommendationTargets(db, ids))
      actor = authorize(request, "recommendation:track", target);
    return actor;
  };

  api.get(
    "/recommendations/synergies",
    {
      schema: {
        tags,
        summary:
          "A State's synergies: suggested groups of recommendations of several mechanisms that ask for the same thing (similar text and a shared UNCRC article or theme), and the groups a person confirmed, tracked once",
        querystring: synergyQuery,
        response: { 200: synergiesOut, ...errors },
      },
    },
    async (request) => {
      requireActor(request);
      const state = request.query.state.toUpperCase();
      authorize(request, "recommendation:read-tracking", await countryTarget(db, state));
      return listSynergies(db, state);
    },
  );

  api.post(
    "/recommendations/synergies",
    {
      schema: {
        tags,
        summary:
          "Confirm recommendations (two or more, of one State) as one synergy: tracked once from then on",
        description:
          "409 when one of them is already in a confirmed synergy (undo that group first). The suggestion's members are usually sent, but any recommendations of the State may be grouped.",
        body: synergyDecision,
        response: { 201: synergyGroup, 409: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await authorizeIds(request, request.body.ids);
      try {
        const group = await db.transaction((tx) =>
          confirmSynergy(tx as unknown as Db, request.body.ids, actor.userId),
        );
        return reply.code(201).send(group);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new UserError(
            "a recommendation is already in a confirmed synergy",
            ["ids: confirmed meanwhile"],
            409,
          );
        throw error;
      }
    },
  );

  api.post(
    "/recommendations/synergies/dismissals",
    {
      schema: {
        tags,
        summary: "Dismiss a suggested synergy: that set of recommendations is not suggested again",
        body: synergyDecision,
        response: { 201: z.object({ stateCode: z.string(), memberKey: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = await authorizeIds(request, request.body.ids);
      const out = await db.transaction((tx) =>
        dismissSynergy(tx as unknown as Db, request.body.ids, actor.userId),
      );
      return reply.code(201).send(out);
    },
  );

  api.post(
    "/recommendations/synergies/:id/assessments",
    {
      schema: {
        tags,
        summary:
          "Track a confirmed synergy once: the assessment is recorded for every member (each keeps it in its own timeline)",
        params: idParams,
        body: implementationInput,
        response: { 201: synergyGroup, ...errors },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const actor = authorize(request, "recommendation:track", await synergyTarget(db, request.params.id));
      const group = await db.transaction((tx) =>
        recordSynergyImplementation(tx as unknown as Db, request.params.id, request.body, actor.userId),
      );
      return reply.code(201).send(group);
    },
  );

  api.delete(
    "/recommendations/synergies/:id",
    {
      schema: {
        tags,
        summary:
          "Undo a confirmed synergy: its recommendations are tracked apart again (their assessments stay)",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      requireActor(request);
      authorize(request, "recommendation:track", await synergyTarget(db, request.params.id));
      await db.transaction((tx) => deleteSynergy(tx as unknown as Db, request.params.id));
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/recommendations/:id/synergy",
    {
      schema: {
        tags,
        summary:
          "The confirmed synergy a recommendation is in, with every member's source, text and status (null when none)",
        params: idParams,
        response: { 200: z.object({ group: synergyGroup.nullable() }), ...errors },
      },
    },
    async (request) => {
      requireActor(request);
      const [target] = await recommendationTargets(db, [request.params.id]);
      authorize(request, "recommendation:read-tracking", target);
      return { group: await synergyOfRecommendation(db, request.params.id) };
    },
  );
}
