import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../../api-schemas/index.ts";
import { publicPlanOut, publicPlanParams, publicPlanSummaryOut } from "../../api-schemas/public-plans.ts";
import { publishingBody } from "../../api-schemas/results.ts";
import { authorize, requireActor } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { organisations } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { prepareJson, send } from "../../public-api/routes.ts";
import { loadOrganisation, organisationTarget } from "../load-plan.ts";
import { listPublicPlans, readPublicPlan } from "./read-public-plan.ts";

/** Plans change as actuals are entered, and leave when unpublished: revalidate every time (ETag). */
const REVALIDATE = "public, no-cache";

/**
 * Publishing plans: an organisation's opt-in (plan:approve on it), and the public API of
 * published plans (approved, public, of an organisation that publishes; anything else 404).
 */
export async function registerPublicPlanRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.put(
    "/results/organisations/:id/publishing",
    {
      schema: {
        tags: ["results"],
        summary: "Whether the organisation publishes its approved public plans on the portal",
        params: z.object({ id: z.uuid() }),
        body: publishingBody,
        response: { 204: z.null(), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const organisation = await loadOrganisation(db, request.params.id).catch(() => {
        throw new UserError(`no organisation ${request.params.id}`, [], 404);
      });
      authorize(request, "plan:approve", organisationTarget(organisation));
      await db.transaction((tx) =>
        tx
          .update(organisations)
          .set({ publishesPlans: request.body.publishesPlans })
          .where(eq(organisations.id, organisation.id)),
      );
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/public/plans",
    {
      schema: {
        tags: ["public"],
        summary: "Published strategic plans (no sign-in)",
        response: { 200: z.array(publicPlanSummaryOut) },
      },
    },
    async (request, reply) =>
      send(request, reply, prepareJson(z.array(publicPlanSummaryOut), await listPublicPlans(db)), REVALIDATE),
  );

  api.get(
    "/public/plans/:id",
    {
      schema: {
        tags: ["public"],
        summary: "A published plan: its tree, targets and actuals per period and progress (no sign-in)",
        params: publicPlanParams,
        response: { 200: publicPlanOut, 404: errorBody },
      },
    },
    async (request, reply) =>
      send(
        request,
        reply,
        prepareJson(publicPlanOut, await readPublicPlan(db, request.params.id)),
        REVALIDATE,
      ),
  );
}
