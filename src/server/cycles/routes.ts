import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { createCycle } from "./create-cycle.ts";
import { listCycles } from "./list-cycles.ts";
import { createCycleBody, cycleDetail, cycleParams } from "./schemas.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/** Routes of the cycles module (registered under /api by app/build-app.ts). */
export async function registerCycleRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cycles"];

  api.post(
    "/cycles",
    {
      schema: {
        tags,
        summary:
          "Open a cycle: a framework version, a period, the countries and the deadline; one draft each",
        body: createCycleBody,
        response: { 201: cycleDetail, ...errors, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, "cycle:manage");
      const id = await db.transaction((tx) => createCycle(tx as unknown as Db, actor, request.body));
      const [created] = await listCycles(db, actor, id);
      return reply.code(201).send(created!);
    },
  );

  api.get(
    "/cycles",
    {
      schema: {
        tags,
        summary: "The cycles you may see, with the assessments you may read and their completion",
        response: { 200: z.array(cycleDetail), 401: errorBody },
      },
    },
    async (request) => listCycles(db, requireActor(request)),
  );

  api.get(
    "/cycles/:id",
    {
      schema: {
        tags,
        summary: "One cycle with the assessments you may read",
        params: cycleParams,
        response: { 200: cycleDetail, ...errors },
      },
    },
    async (request) => {
      const [found] = await listCycles(db, requireActor(request), request.params.id);
      // A cycle outside the actor's scope is answered like an absent one.
      if (!found) throw new UserError("no such cycle", [], 404);
      return found;
    },
  );
}
