import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { type Action, can, type Target } from "../../core/index.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { countries, organisations, resultPlans } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export interface LoadedOrganisation {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  region: string | null;
  publishesPlans: boolean;
}

export type LoadedPlan = typeof resultPlans.$inferSelect & { organisation: LoadedOrganisation };

/**
 * The scope of an organisation's plans: a national coalition's country (and the
 * region over it), or a regional network's region alone — even when the network
 * records the country of its office, so that country roles never reach a regional plan.
 */
export function organisationTarget(org: LoadedOrganisation): Target {
  return org.country && org.kind !== "regional"
    ? { country: org.country, region: org.region }
    : { region: org.region };
}

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  kind: organisations.kind,
  country: organisations.countryCode,
  ownRegion: organisations.regionCode,
  countryRegion: countries.regionCode,
  publishesPlans: organisations.publishesPlans,
};

type OrganisationRow = { [K in keyof typeof organisationColumns]: unknown };

function toOrganisation(row: OrganisationRow): LoadedOrganisation {
  return {
    id: row.id as string,
    name: row.name as string,
    kind: row.kind as string,
    country: row.country as string | null,
    region: regionOf(row),
    publishesPlans: row.publishesPlans as boolean,
  };
}

/**
 * The region over an organisation. A country's organisation is in its country's region
 * (the region an assessment of that country is in), whatever region its own row names:
 * preferring the row's region let a coalition whose row named another region escape its
 * country's regional secretariat (403 on approving its plan). The row's region counts only
 * for a regional network, and for an organisation whose country is in no region.
 */
function regionOf(row: OrganisationRow): string | null {
  const own = row.ownRegion as string | null;
  const ofCountry = row.countryRegion as string | null;
  return (row.kind === "regional" ? (own ?? ofCountry) : (ofCountry ?? own)) ?? null;
}

/** Every organisation with its scope, for lists and forms. */
export async function listOrganisations(db: Db): Promise<LoadedOrganisation[]> {
  const rows = await db
    .select(organisationColumns)
    .from(organisations)
    .leftJoin(countries, eq(countries.code, organisations.countryCode))
    .orderBy(organisations.name);
  return rows.map(toOrganisation);
}

/** One organisation, or 400 naming the field (it comes from a request body). */
export async function loadOrganisation(db: Db, id: string): Promise<LoadedOrganisation> {
  const [row] = await db
    .select(organisationColumns)
    .from(organisations)
    .leftJoin(countries, eq(countries.code, organisations.countryCode))
    .where(eq(organisations.id, id));
  if (!row) throw new UserError(`organisationId: no organisation ${id}`, [], 400);
  return toOrganisation(row);
}

/** The plan with its organisation; 404 when there is none. */
export async function loadPlan(db: Db, id: string): Promise<LoadedPlan> {
  const [row] = await db
    .select({ plan: resultPlans, org: organisationColumns })
    .from(resultPlans)
    .innerJoin(organisations, eq(organisations.id, resultPlans.organisationId))
    .leftJoin(countries, eq(countries.code, organisations.countryCode))
    .where(eq(resultPlans.id, id));
  if (!row) throw new UserError(`no plan ${id}`, [], 404);
  return { ...row.plan, organisation: toOrganisation(row.org) };
}

/**
 * Loads a plan and checks `action` on its organisation's scope: 401 signed out,
 * 404 absent; reading refused answers 404 too (a plan's existence is not revealed
 * outside its scope), any other action refused answers 403.
 */
export async function loadAuthorizedPlan(
  db: Db,
  request: FastifyRequest,
  id: string,
  action: Action,
): Promise<{ plan: LoadedPlan; actor: SignedInUser }> {
  requireActor(request);
  const plan = await loadPlan(db, id);
  const target = organisationTarget(plan.organisation);
  if (action === "plan:read" && !can(request.actor, action, target))
    throw new UserError(`no plan ${id}`, [], 404);
  return { plan, actor: authorize(request, action, target) };
}
