import { count, eq, inArray } from "drizzle-orm";
import { type Actor, can } from "../../core/index.ts";
import type { PlanSummaryOut } from "../api-schemas/results.ts";
import type { Db } from "../db/connect.ts";
import { resultIndicators, resultPlans } from "../db/schema.ts";
import { type LoadedOrganisation, listOrganisations, organisationTarget } from "./load-plan.ts";

/** The organisations whose plans the actor may read, each saying whether they may also edit. */
export async function listReadableOrganisations(
  db: Db,
  actor: Actor,
): Promise<(LoadedOrganisation & { mayEdit: boolean })[]> {
  return (await listOrganisations(db))
    .filter((o) => can(actor, "plan:read", organisationTarget(o)))
    .map((o) => ({ ...o, mayEdit: can(actor, "plan:edit", organisationTarget(o)) }));
}

/** The plans the actor may read (their organisations' scope), with their size. */
export async function listPlans(db: Db, actor: Actor): Promise<PlanSummaryOut[]> {
  const organisations = await listReadableOrganisations(db, actor);
  if (!organisations.length) return [];
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const rows = await db
    .select({
      id: resultPlans.id,
      title: resultPlans.title,
      organisationId: resultPlans.organisationId,
      status: resultPlans.status,
      isPublic: resultPlans.isPublic,
      periods: resultPlans.periods,
      indicators: count(resultIndicators.id),
    })
    .from(resultPlans)
    .leftJoin(resultIndicators, eq(resultIndicators.planId, resultPlans.id))
    .where(inArray(resultPlans.organisationId, [...byId.keys()]))
    .groupBy(resultPlans.id)
    .orderBy(resultPlans.createdAt);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    organisation: { id: r.organisationId, name: byId.get(r.organisationId)!.name },
    status: r.status,
    isPublic: r.isPublic,
    periods: r.periods.length,
    indicators: Number(r.indicators),
  }));
}
