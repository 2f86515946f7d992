import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { type Action, can } from "../../core/index.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { consultations } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { type LoadedOrganisation, loadOrganisation, organisationTarget } from "../results/load-plan.ts";

export type LoadedConsultation = typeof consultations.$inferSelect & { organisation: LoadedOrganisation };

/** The consultation with its organisation; 404 when there is none. */
export async function loadConsultation(db: Db, id: string): Promise<LoadedConsultation> {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
  if (!row) throw new UserError(`no consultation ${id}`, [], 404);
  return { ...row, organisation: await loadOrganisation(db, row.organisationId) };
}

/**
 * Loads a consultation and checks `action` on its organisation's scope: reading refused answers
 * 404 (its existence is not revealed outside the scope), any other action refused answers 403.
 */
export async function loadAuthorizedConsultation(
  db: Db,
  request: FastifyRequest,
  id: string,
  action: Action,
): Promise<{ consultation: LoadedConsultation; actor: SignedInUser }> {
  requireActor(request);
  const consultation = await loadConsultation(db, id);
  const target = organisationTarget(consultation.organisation);
  if (action === "consultation:read" && !can(request.actor, action, target))
    throw new UserError(`no consultation ${id}`, [], 404);
  return { consultation, actor: authorize(request, action, target) };
}
