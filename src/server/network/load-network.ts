import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { type Action, can, type NetworkNode, organisationPath, type Target } from "../../core/index.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { countries, organisations } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export type OrganisationRow = typeof organisations.$inferSelect & { countryRegion: string | null };

/** Every organisation of the network (a few hundred rows), to walk the tree and place each in scope. */
export interface Network {
  rows: ReadonlyMap<string, OrganisationRow>;
  nodes: ReadonlyMap<string, NetworkNode>;
}

/** Loads the whole network in one query. */
export async function loadNetwork(db: Db): Promise<Network> {
  const rows = await db
    .select({ organisation: organisations, countryRegion: countries.regionCode })
    .from(organisations)
    .leftJoin(countries, eq(countries.code, organisations.countryCode))
    .orderBy(organisations.name);
  const byId = new Map(
    rows.map((r) => [r.organisation.id, { ...r.organisation, countryRegion: r.countryRegion }]),
  );
  return {
    rows: byId,
    nodes: new Map(
      rows.map((r) => [r.organisation.id, { id: r.organisation.id, parentId: r.organisation.parentId }]),
    ),
  };
}

/**
 * Where an organisation lies for `can`: its country and region (a regional network: its region
 * alone, as for plans), and the organisation with every one above it, so an organisation-scoped
 * role covers its own organisation and the members below it.
 */
export function networkTarget(network: Network, id: string): Target {
  const row = network.rows.get(id);
  if (!row) return { organisations: [id] };
  const region =
    (row.kind === "regional"
      ? (row.regionCode ?? row.countryRegion)
      : (row.countryRegion ?? row.regionCode)) ?? null;
  const place =
    row.countryCode && row.kind !== "regional" ? { country: row.countryCode, region } : { region };
  return { ...place, organisations: organisationPath(id, network.nodes) };
}

/** True when the actor may do `action` on the organisation. */
export function canOnOrganisation(
  actor: SignedInUser,
  action: Action,
  network: Network,
  id: string,
): boolean {
  return can(actor, action, networkTarget(network, id));
}

/**
 * The organisation if the caller may do `action` on it; otherwise 404, whether it does not exist
 * or lies outside the caller's scope (its existence is not revealed). When the id came from a
 * request body, `field` names it: 400 for an unknown organisation, 403 for one out of scope.
 */
export async function loadAuthorizedOrganisation(
  db: Db,
  request: FastifyRequest,
  id: string,
  action: Action,
  field?: string,
): Promise<{ network: Network; organisation: OrganisationRow; actor: SignedInUser }> {
  const actor = requireActor(request);
  const network = await loadNetwork(db);
  const organisation = network.rows.get(id);
  if (!organisation) {
    if (field) throw new UserError(`${field}: no organisation ${id}`, [`${field}: unknown organisation`]);
    throw new UserError(`no organisation ${id}`, [], 404);
  }
  if (!canOnOrganisation(actor, action, network, id)) {
    if (field) throw new UserError("you are not allowed to do this", [], 403);
    throw new UserError(`no organisation ${id}`, [], 404);
  }
  return { network, organisation, actor };
}
