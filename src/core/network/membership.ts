/**
 * Organisations of a network and their membership: the kinds of organisation, the statuses of a
 * membership and the changes between them. Pure: the server applies them in a transaction and
 * writes each change to the organisation's history.
 */

export const ORGANISATION_KINDS = ["regional", "coalition", "member", "partner", "donor", "other"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const MEMBERSHIP_STATUSES = ["applied", "member", "suspended", "left"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** The statuses a membership may move to from each status. */
const NEXT: Readonly<Record<MembershipStatus, readonly MembershipStatus[]>> = {
  applied: ["member", "left"],
  member: ["suspended", "left"],
  suspended: ["member", "left"],
  left: ["applied", "member"],
};

/** Changes that must say why (the reason is kept in the history and told to the organisation). */
const NEEDS_REASON: ReadonlySet<string> = new Set([
  "member>suspended",
  "member>left",
  "suspended>left",
  "applied>left",
]);

/** The date column each status sets when an organisation enters it. */
export const STATUS_DATE: Readonly<
  Record<MembershipStatus, "appliedOn" | "joinedOn" | "suspendedOn" | "leftOn">
> = {
  applied: "appliedOn",
  member: "joinedOn",
  suspended: "suspendedOn",
  left: "leftOn",
};

/**
 * Why a membership cannot move from `from` to `to` (a message naming what to fix), or null when
 * it may. Suspending, ending or refusing a membership needs a reason.
 */
export function checkStatusChange(
  from: MembershipStatus,
  to: MembershipStatus,
  reason?: string | null,
): string | null {
  if (from === to) return `status: the organisation is already "${to}"`;
  if (!NEXT[from].includes(to)) {
    return `status: a membership that is "${from}" can become ${NEXT[from].map((s) => `"${s}"`).join(" or ")}, not "${to}"`;
  }
  if (NEEDS_REASON.has(`${from}>${to}`) && !reason?.trim())
    return `reason: say why the membership becomes "${to}"`;
  return null;
}

/** The statuses an organisation may move to now, for the web app's choices. */
export function nextStatuses(from: MembershipStatus): readonly MembershipStatus[] {
  return NEXT[from];
}

/** True when a change to `to` from `from` must carry a reason. */
export function needsReason(from: MembershipStatus, to: MembershipStatus): boolean {
  return NEEDS_REASON.has(`${from}>${to}`);
}

/** An organisation with its parent, as the network's tree needs it. */
export interface NetworkNode {
  id: string;
  parentId: string | null;
}

/**
 * The organisation and every organisation above it (member → coalition → regional network),
 * nearest first; a loop in the data stops the walk rather than running forever.
 */
export function organisationPath(id: string, nodes: ReadonlyMap<string, NetworkNode>): string[] {
  const path: string[] = [];
  let current: string | null = id;
  while (current && !path.includes(current)) {
    path.push(current);
    current = nodes.get(current)?.parentId ?? null;
  }
  return path;
}

/** True when making `parentId` the parent of `id` would put the organisation below itself. */
export function makesLoop(
  id: string,
  parentId: string | null,
  nodes: ReadonlyMap<string, NetworkNode>,
): boolean {
  if (!parentId) return false;
  return organisationPath(parentId, nodes).includes(id);
}
