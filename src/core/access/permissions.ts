/**
 * Who may do what: one declarative table, checked on the server for every
 * route and read by the web app to show only what a person may do. Access is
 * denied unless a grant allows it.
 */

export const ROLES = ["admin", "secretariat", "coordinator", "contributor", "reviewer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The places a role can cover (the accounts page hands these out). */
export const SCOPE_TYPES = ["platform", "region", "country"] as const;
/** Scopes of the network: one organisation (and its members below it), or one working group. */
export const NETWORK_SCOPE_TYPES = ["organisation", "group"] as const;
export type PlaceScopeType = (typeof SCOPE_TYPES)[number];
export type ScopeType = PlaceScopeType | (typeof NETWORK_SCOPE_TYPES)[number];

/**
 * A role held over the whole platform, one region, one country, one organisation (scope code: its
 * id; it covers the organisation and the members below it) or one working group (its id).
 */
export interface Grant {
  role: Role;
  scopeType: ScopeType;
  /** Region or country code, organisation or group id; null for the platform. */
  scopeCode: string | null;
  /** For contributors: node codes (sections, articles) they may answer; empty or absent = all. */
  sections?: readonly string[] | null;
}

export interface Actor {
  userId: string;
  isAdmin: boolean;
  grants: readonly Grant[];
  /** Review rights of the working groups the person belongs to (see `ReviewRight`). */
  reviewRights?: readonly ReviewRight[];
}

/**
 * A working group's review rights, held by each of its members: over one country or one region,
 * the answers of chosen sections (node codes) of one framework, and/or the recommendations with one
 * of some themes or chosen by id. They allow reviewing those and nothing else: reading an
 * assessment of that framework in scope (to see what is reviewed), approving, returning and
 * commenting on the answers of the sections; reading and recording the tracking of the
 * recommendations. Never a whole assessment's workflow step (start, validate, return, reopen).
 */
export interface ReviewRight {
  groupId: string;
  scopeType: "country" | "region";
  scopeCode: string;
  /** The framework (its id, every version) whose sections are reviewed; null with no sections. */
  framework: string | null;
  sections: readonly string[];
  themes: readonly string[];
  recommendations: readonly string[];
}

/** The actions a review right can allow, on a matching target only. */
export const REVIEW_RIGHT_ACTIONS: readonly Action[] = [
  "assessment:read",
  "assessment:review",
  "comment:write",
  "recommendation:read-tracking",
  "recommendation:track",
];

export const ACTIONS = [
  "framework:manage",
  "cycle:manage",
  "cycle:read",
  "assessment:read",
  "assessment:assign",
  "assessment:submit",
  "assessment:review",
  "assessment:reopen",
  "answer:write",
  "comment:write",
  "user:invite",
  "user:manage",
  "audit:read",
  "outbox:read",
  "recommendation:track",
  "recommendation:import",
  "recommendation:read-tracking",
  "recommendation:publish",
  "release:publish",
  "security:manage",
  "plan:read",
  "plan:edit",
  "plan:report",
  "plan:approve",
  "consultation:read",
  "consultation:design",
  "consultation:moderate",
  "report:read",
  "report:write",
  "network:read",
  "network:manage",
  "group:read",
  "group:write",
  "group:manage",
  "budget:read",
  "budget:edit",
  "budget:publish",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What each role may do within its scope. Admins may do everything everywhere. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  admin: ACTIONS,
  secretariat: [
    "framework:manage",
    "cycle:manage",
    "cycle:read",
    "assessment:read",
    "assessment:review",
    "assessment:reopen",
    "comment:write",
    "user:invite",
    "user:manage",
    "recommendation:track",
    "recommendation:import",
    "recommendation:read-tracking",
    "recommendation:publish",
    "release:publish",
    "plan:read",
    "plan:edit",
    "plan:report",
    "plan:approve",
    "consultation:read",
    "consultation:design",
    "consultation:moderate",
    "report:read",
    "report:write",
    "network:read",
    "network:manage",
    "group:read",
    "group:write",
    "group:manage",
    "budget:read",
    "budget:edit",
    "budget:publish",
  ],
  coordinator: [
    "cycle:read",
    "assessment:read",
    "assessment:assign",
    "assessment:submit",
    "answer:write",
    "comment:write",
    "user:invite",
    "recommendation:track",
    "recommendation:read-tracking",
    "recommendation:publish",
    "plan:read",
    "plan:edit",
    "plan:report",
    "consultation:read",
    "consultation:design",
    "consultation:moderate",
    "report:read",
    "report:write",
    "network:read",
    "network:manage",
    "group:read",
    "group:write",
    "group:manage",
    "budget:read",
    "budget:edit",
    "budget:publish",
  ],
  contributor: [
    "cycle:read",
    "assessment:read",
    "answer:write",
    "comment:write",
    "recommendation:read-tracking",
    "plan:read",
    "plan:report",
    "consultation:read",
    "report:read",
    "report:write",
    "network:read",
    "group:read",
    "group:write",
    "budget:read",
    "budget:edit",
  ],
  reviewer: [
    "cycle:read",
    "assessment:read",
    "assessment:review",
    "comment:write",
    "recommendation:read-tracking",
    "plan:read",
    "consultation:read",
    "report:read",
    "network:read",
    "group:read",
    "budget:read",
  ],
  viewer: [
    "cycle:read",
    "assessment:read",
    "recommendation:read-tracking",
    "plan:read",
    "consultation:read",
    "report:read",
    "network:read",
    "budget:read",
  ],
};

/**
 * Actions that only make sense over the whole platform (not a region or country). A secretariat
 * manages the accounts of its own scope (`user:manage`, see manage-users.ts); the audit log, which
 * mixes every country with sign-ins of everyone, is read over the whole platform only.
 */
export const PLATFORM_ONLY: ReadonlySet<Action> = new Set([
  "framework:manage",
  "audit:read",
  "outbox:read",
  "security:manage",
]);

/**
 * What an action is about: a country (and its region), optionally a node of the framework tree.
 * A plan's target is its organisation's: a national coalition's country and region, or a
 * regional network's region alone (so country roles do not reach a regional plan).
 */
export interface Target {
  country?: string;
  region?: string | null;
  /** Codes of the node the answer belongs to and all its ancestors, for section-limited contributors. */
  nodePath?: readonly string[];
  /**
   * An organisation and those above it in the network (a member, its coalition, the regional
   * network): an organisation-scoped grant on any of them covers the target.
   */
  organisations?: readonly string[];
  /** A working group: a grant scoped to it covers the target. */
  group?: string;
  /** The framework (id) of an assessment: a working group's review rights name one. */
  framework?: string;
  /** A recommendation (its id and themes): a working group's review rights may match it. */
  recommendation?: { id: string; themes: readonly string[] };
}

function covers(grant: Grant, target: Target): boolean {
  if (grant.scopeType === "platform") return true;
  if (grant.scopeType === "region") return !!target.region && grant.scopeCode === target.region;
  if (grant.scopeType === "organisation")
    return !!grant.scopeCode && !!target.organisations?.includes(grant.scopeCode);
  if (grant.scopeType === "group") return !!target.group && grant.scopeCode === target.group;
  return !!target.country && grant.scopeCode === target.country;
}

function allowsSection(grant: Grant, target: Target): boolean {
  if (!grant.sections?.length || !target.nodePath) return true;
  return target.nodePath.some((code) => grant.sections!.includes(code));
}

/**
 * True when one of the actor's grants allows `action` on `target`.
 * Without a target, asks whether the actor may do it anywhere (e.g. to show a menu).
 */
export function can(actor: Actor | null | undefined, action: Action, target?: Target): boolean {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  if (actor.reviewRights?.some((right) => reviewRightAllows(right, action, target))) return true;
  return actor.grants.some((grant) => {
    if (!ROLE_ACTIONS[grant.role].includes(action)) return false;
    if (PLATFORM_ONLY.has(action) && grant.scopeType !== "platform") return false;
    if (!target) return true;
    if (!covers(grant, target)) return false;
    return action !== "answer:write" || grant.role !== "contributor" || allowsSection(grant, target);
  });
}

/**
 * True when a working group's review right allows `action` on `target`. Without a target (may the
 * person do it anywhere?), true when it names sections (assessment actions) or recommendations. Reading an assessment needs its
 * framework; reviewing and commenting need an answer's or a section's place in the tree under one
 * of the sections; a recommendation must be chosen or carry one of the themes.
 */
export function reviewRightAllows(right: ReviewRight, action: Action, target?: Target): boolean {
  if (!REVIEW_RIGHT_ACTIONS.includes(action)) return false;
  const onAssessments = action.startsWith("assessment:") || action === "comment:write";
  if (!target)
    return onAssessments ? right.sections.length > 0 : right.themes.length + right.recommendations.length > 0;
  const inPlace =
    right.scopeType === "country" ? target.country === right.scopeCode : target.region === right.scopeCode;
  if (!inPlace) return false;
  if (onAssessments) {
    if (!right.framework || target.framework !== right.framework || !right.sections.length) return false;
    if (action === "assessment:read") return true;
    return !!target.nodePath?.some((code) => right.sections.includes(code));
  }
  const rec = target.recommendation;
  if (!rec) return false;
  return right.recommendations.includes(rec.id) || rec.themes.some((t) => right.themes.includes(t));
}

/**
 * The sections (node codes) of an assessment the actor may review through a working group's review
 * rights alone; empty when none. `target` is the assessment's (country, region, framework).
 */
export function reviewableSections(actor: Actor | null | undefined, target: Target): string[] {
  if (!actor?.reviewRights) return [];
  const rights = actor.reviewRights.filter((r) => reviewRightAllows(r, "assessment:read", target));
  return [...new Set(rights.flatMap((r) => r.sections))];
}

/** Where an action is allowed: everywhere, or in some countries and regions (by code). */
export type ActionScope =
  | { everywhere: true }
  | { everywhere: false; countries: string[]; regions: string[]; organisations: string[]; groups: string[] };

/**
 * The scopes in which the actor may do `action`, to filter lists (e.g. the States whose
 * recommendation tracking a person may read) with the same grants `can` checks one by one.
 */
export function scopeOf(actor: Actor | null | undefined, action: Action): ActionScope {
  const none: ActionScope = { everywhere: false, countries: [], regions: [], organisations: [], groups: [] };
  if (!actor) return none;
  if (actor.isAdmin) return { everywhere: true };
  const grants = actor.grants.filter((g) => ROLE_ACTIONS[g.role].includes(action));
  if (grants.some((g) => g.scopeType === "platform")) return { everywhere: true };
  const codesOf = (type: ScopeType) =>
    grants.filter((g) => g.scopeType === type && g.scopeCode).map((g) => g.scopeCode!);
  return {
    everywhere: false,
    countries: codesOf("country"),
    regions: codesOf("region"),
    organisations: codesOf("organisation"),
    groups: codesOf("group"),
  };
}

/** Roles each role may hand out through invitations (within its own scope). */
const GRANTABLE: Readonly<Record<Role, readonly Role[]>> = {
  admin: ROLES,
  secretariat: ["secretariat", "coordinator", "contributor", "reviewer", "viewer"],
  coordinator: ["contributor", "reviewer", "viewer"],
  contributor: [],
  reviewer: [],
  viewer: [],
};

/**
 * True when the actor may give `grant` to someone: they may invite over the
 * grant's scope and hold a role that may hand that role out there.
 * `target` describes the grant's scope (its country and region).
 */
export function canGrant(actor: Actor | null | undefined, grant: Grant, target: Target): boolean {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  if (grant.role === "admin") return false;
  return actor.grants.some((own) => {
    if (!GRANTABLE[own.role].includes(grant.role)) return false;
    if (own.scopeType === "platform") return true;
    if (grant.scopeType === "platform") return false;
    if (own.scopeType === "region") return target.region === own.scopeCode;
    // An organisation's coordinator hands out roles in her organisation and the members below it.
    if (own.scopeType === "organisation")
      return grant.scopeType === "organisation" && !!target.organisations?.includes(own.scopeCode ?? "");
    if (own.scopeType === "group") return false;
    return (
      (grant.scopeType === "country" || grant.scopeType === "organisation") &&
      target.country === own.scopeCode
    );
  });
}
