import { can, type MembershipStatus, nextStatuses } from "../../core/index.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { canOnOrganisation, type Network, networkTarget, type OrganisationRow } from "./load-network.ts";

/** An organisation as lists show it (never its contacts). */
export function presentSummary(network: Network, row: OrganisationRow, actor: SignedInUser) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    countryCode: row.countryCode,
    status: row.status as MembershipStatus,
    themes: row.themes,
    listedInDirectory: row.listedInDirectory,
    memberCount: [...network.rows.values()].filter((r) => r.parentId === row.id).length,
    canManage: canOnOrganisation(actor, "network:manage", network, row.id),
  };
}

/** An organisation with its contacts, dates and members, for those who may read it. */
export function presentOrganisation(network: Network, row: OrganisationRow, actor: SignedInUser) {
  const summary = presentSummary(network, row, actor);
  const members = [...network.rows.values()]
    .filter((r) => r.parentId === row.id)
    .map((r) => presentSummary(network, r, actor));
  return {
    ...summary,
    names: row.names,
    parentName: row.parentId ? (network.rows.get(row.parentId)?.name ?? null) : null,
    description: row.description,
    crcArticles: row.crcArticles,
    website: row.website,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    publishesContacts: row.publishesContacts,
    publishesLogo: row.publishesLogo,
    logo:
      row.logoPath && row.logoMediaType && row.logoSha256
        ? { mediaType: row.logoMediaType, size: row.logoSize ?? 0, sha256: row.logoSha256 }
        : null,
    latitude: row.latitude,
    longitude: row.longitude,
    appliedOn: row.appliedOn,
    joinedOn: row.joinedOn,
    suspendedOn: row.suspendedOn,
    leftOn: row.leftOn,
    version: row.version,
    // A top organisation (the regional network) has no membership to change.
    nextStatuses:
      summary.canManage && row.parentId && canChangeStatus(actor, network, row)
        ? [...nextStatuses(row.status as MembershipStatus)]
        : [],
    members,
  };
}

/**
 * A membership is decided by the organisation it is a membership of: a member's status by its
 * coalition's managers, not by the member's own coordinator.
 */
export function canChangeStatus(actor: SignedInUser, network: Network, row: OrganisationRow): boolean {
  return !!row.parentId && can(actor, "network:manage", networkTarget(network, row.parentId));
}
