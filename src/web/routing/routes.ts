/** The pages of the app and the paths that lead to them. */
export type Route =
  | { page: "overview" }
  | { page: "scores"; frameworkId: string }
  | { page: "structure"; frameworkId: string }
  | { page: "country"; frameworkId: string; country: string }
  | { page: "sign-in" }
  | { page: "forgot-password" }
  | { page: "reset-password" }
  | { page: "accept-invitation" }
  | { page: "work" }
  | { page: "assessment"; id: string }
  | { page: "assessment-section"; id: string; nodeCode: string }
  | { page: "admin-new-cycle" }
  | { page: "admin-invitations" }
  | { page: "admin-outbox" }
  | { page: "account-security" }
  | { page: "admin-security" }
  | { page: "admin-users" }
  | { page: "admin-audit" }
  | { page: "admin-releases" }
  | { page: "admin-frameworks" }
  | { page: "analysis" }
  | { page: "assessment-progress"; id: string }
  | { page: "assessment-changes"; id: string }
  | { page: "assessment-timeline"; id: string }
  | { page: "recommendations" }
  | { page: "review-queue" }
  | { page: "recommendations-dashboard" }
  | { page: "recommendations-import" }
  | { page: "recommendations-synergies" }
  | { page: "recommendation"; id: string }
  | { page: "results" }
  | { page: "network" }
  | { page: "network-organisation"; id: string }
  | { page: "network-group"; id: string }
  | { page: "network-applications" }
  | { page: "network-areas"; country?: string }
  | { page: "results-plan"; id: string }
  | { page: "children" }
  | { page: "children-consultation"; id: string }
  | { page: "children-new" }
  | { page: "children-design"; id: string }
  | { page: "children-moderation"; id: string }
  | { page: "child-code" }
  | { page: "child"; code: string }
  | { page: "child-results"; code: string }
  | { page: "reporting-calendar" }
  | { page: "reporting-reports" }
  | { page: "reporting-report"; id: string }
  | { page: "budgets" }
  | { page: "budgets-country"; country: string }
  | { page: "not-found" };

const patterns: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/$/, () => ({ page: "overview" })],
  [/^\/frameworks\/([^/]+)$/, (m) => ({ page: "scores", frameworkId: m[1]! })],
  [/^\/frameworks\/([^/]+)\/structure$/, (m) => ({ page: "structure", frameworkId: m[1]! })],
  [
    /^\/frameworks\/([^/]+)\/countries\/([A-Za-z]{2})$/,
    (m) => ({ page: "country", frameworkId: m[1]!, country: m[2]!.toUpperCase() }),
  ],
  [/^\/sign-in$/, () => ({ page: "sign-in" })],
  [/^\/forgot-password$/, () => ({ page: "forgot-password" })],
  [/^\/reset-password$/, () => ({ page: "reset-password" })],
  [/^\/accept-invitation$/, () => ({ page: "accept-invitation" })],
  [/^\/work$/, () => ({ page: "work" })],
  [/^\/assessments\/([^/]+)$/, (m) => ({ page: "assessment", id: m[1]! })],
  [
    /^\/assessments\/([^/]+)\/sections\/([^/]+)$/,
    (m) => ({ page: "assessment-section", id: m[1]!, nodeCode: decodeURIComponent(m[2]!) }),
  ],
  [/^\/assessments\/([^/]+)\/progress$/, (m) => ({ page: "assessment-progress", id: m[1]! })],
  [/^\/assessments\/([^/]+)\/changes$/, (m) => ({ page: "assessment-changes", id: m[1]! })],
  [/^\/assessments\/([^/]+)\/timeline$/, (m) => ({ page: "assessment-timeline", id: m[1]! })],
  [/^\/recommendations$/, () => ({ page: "recommendations" })],
  [/^\/review$/, () => ({ page: "review-queue" })],
  [/^\/recommendations\/dashboard$/, () => ({ page: "recommendations-dashboard" })],
  [/^\/recommendations\/import$/, () => ({ page: "recommendations-import" })],
  [/^\/recommendations\/synergies$/, () => ({ page: "recommendations-synergies" })],
  [/^\/recommendations\/([0-9a-f-]{36})$/i, (m) => ({ page: "recommendation", id: m[1]! })],
  [/^\/results$/, () => ({ page: "results" })],
  [/^\/network$/, () => ({ page: "network" })],
  [/^\/network\/organisations\/([0-9a-f-]{36})$/i, (m) => ({ page: "network-organisation", id: m[1]! })],
  [/^\/network\/groups\/([0-9a-f-]{36})$/i, (m) => ({ page: "network-group", id: m[1]! })],
  [/^\/network\/applications$/, () => ({ page: "network-applications" })],
  [/^\/network\/areas$/, () => ({ page: "network-areas" })],
  [/^\/network\/areas\/([A-Za-z]{2})$/, (m) => ({ page: "network-areas", country: m[1]!.toUpperCase() })],
  [/^\/results\/plans\/([0-9a-f-]{36})$/i, (m) => ({ page: "results-plan", id: m[1]! })],
  [/^\/children$/, () => ({ page: "children" })],
  [/^\/budgets$/, () => ({ page: "budgets" })],
  [
    /^\/budgets\/countries\/([A-Za-z]{2})$/,
    (m) => ({ page: "budgets-country", country: m[1]!.toUpperCase() }),
  ],
  [/^\/children\/consultations\/([0-9a-f-]{36})$/i, (m) => ({ page: "children-consultation", id: m[1]! })],
  [/^\/children\/new$/, () => ({ page: "children-new" })],
  [/^\/children\/consultations\/([0-9a-f-]{36})\/design$/i, (m) => ({ page: "children-design", id: m[1]! })],
  [
    /^\/children\/consultations\/([0-9a-f-]{36})\/moderation$/i,
    (m) => ({ page: "children-moderation", id: m[1]! }),
  ],
  [/^\/reporting\/calendar$/, () => ({ page: "reporting-calendar" })],
  [/^\/reporting\/reports$/, () => ({ page: "reporting-reports" })],
  [/^\/reporting\/reports\/([0-9a-f-]{36})$/i, (m) => ({ page: "reporting-report", id: m[1]! })],
  [/^\/c\/?$/, () => ({ page: "child-code" })],
  [/^\/c\/([A-Za-z0-9]{4,12})$/, (m) => ({ page: "child", code: m[1]!.toUpperCase() })],
  [/^\/c\/([A-Za-z0-9]{4,12})\/results$/, (m) => ({ page: "child-results", code: m[1]!.toUpperCase() })],
  [/^\/admin\/cycles\/new$/, () => ({ page: "admin-new-cycle" })],
  [/^\/admin\/invitations$/, () => ({ page: "admin-invitations" })],
  [/^\/admin\/outbox$/, () => ({ page: "admin-outbox" })],
  [/^\/account\/security$/, () => ({ page: "account-security" })],
  [/^\/admin\/security$/, () => ({ page: "admin-security" })],
  [/^\/admin\/users$/, () => ({ page: "admin-users" })],
  [/^\/admin\/audit$/, () => ({ page: "admin-audit" })],
  [/^\/admin\/releases$/, () => ({ page: "admin-releases" })],
  [/^\/admin\/frameworks$/, () => ({ page: "admin-frameworks" })],
  [/^\/analysis$/, () => ({ page: "analysis" })],
];

/** Finds the page for a path; unknown paths get the not-found page rather than a blank screen. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const [pattern, build] of patterns) {
    const match = path.match(pattern);
    if (match) return build(match);
  }
  return { page: "not-found" };
}

/** Paths to each page, so links are written in one place. */
export const paths = {
  overview: () => "/",
  scores: (frameworkId: string, period?: string) =>
    `/frameworks/${frameworkId}${period ? `?cycle=${encodeURIComponent(period)}` : ""}`,
  structure: (frameworkId: string) => `/frameworks/${frameworkId}/structure`,
  country: (frameworkId: string, country: string) => `/frameworks/${frameworkId}/countries/${country}`,
  /** Sign-in, coming back to `next` (a path in the app) afterwards. */
  signIn: (next?: string) =>
    `/sign-in${next && next !== "/sign-in" ? `?next=${encodeURIComponent(next)}` : ""}`,
  forgotPassword: () => "/forgot-password",
  work: () => "/work",
  /** The assessment workspace (data entry, review) of one assessment. */
  assessment: (id: string) => `/assessments/${id}`,
  /** One section of the workspace; `indicator` scrolls to it, `filter` picks a filter chip. */
  assessmentSection: (id: string, nodeCode: string, query: { indicator?: string; filter?: string } = {}) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    return `/assessments/${id}/sections/${encodeURIComponent(nodeCode)}${q.size ? `?${q}` : ""}`;
  },
  reviewQueue: () => "/review",
  assessmentProgress: (id: string) => `/assessments/${id}/progress`,
  assessmentChanges: (id: string) => `/assessments/${id}/changes`,
  assessmentTimeline: (id: string) => `/assessments/${id}/timeline`,
  recommendations: () => "/recommendations",
  recommendationsDashboard: () => "/recommendations/dashboard",
  recommendationsImport: () => "/recommendations/import",
  /** A State's synergies: recommendations of several mechanisms asking the same, tracked once. */
  recommendationsSynergies: (state?: string) =>
    `/recommendations/synergies${state ? `?state=${encodeURIComponent(state)}` : ""}`,
  recommendation: (id: string) => `/recommendations/${id}`,
  /** Results: the organisations' plans, and one plan with its progress. */
  results: () => "/results",
  network: () => "/network",
  /** The network: one organisation (profile, members, people, history); one working group's space; the applications to decide. */
  networkOrganisation: (id: string) => `/network/organisations/${id}`,
  networkGroup: (id: string) => `/network/groups/${id}`,
  networkApplications: () => "/network/applications",
  /** A country's areas below the country (tree, list, map shapes); without a country, the choice of one. */
  networkAreas: (country?: string) =>
    country ? `/network/areas/${country.toUpperCase()}` : "/network/areas",
  resultsPlan: (id: string, period?: string) =>
    `/results/plans/${id}${period ? `?period=${encodeURIComponent(period)}` : ""}`,
  /** Children's consultations; one consultation; the child's page of a session code (no account). */
  children: () => "/children",
  budgets: () => "/budgets",
  budgetsCountry: (country: string) => `/budgets/countries/${country}`,
  childrenConsultation: (id: string) => `/children/consultations/${id}`,
  /** The consultation designer: a new consultation, or a draft's questions. */
  childrenNew: () => "/children/new",
  childrenDesign: (id: string) => `/children/consultations/${id}/design`,
  childrenModeration: (id: string) => `/children/consultations/${id}/moderation`,
  /** Where a child types the short code a facilitator hands out. */
  childCode: () => "/c",
  child: (code: string) => `/c/${code}`,
  /** The child-friendly results of a closed, published consultation, by the same code. */
  childResults: (code: string) => `/c/${code}/results`,
  /** Reporting: the calendar of reviews; alternative reports (with a country and review to start one); one report. */
  reportingCalendar: (query: { country?: string; view?: string } = {}) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    return `/reporting/calendar${q.size ? `?${q}` : ""}`;
  },
  reportingReports: (query: { country?: string; cycleId?: string } = {}) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    return `/reporting/reports${q.size ? `?${q}` : ""}`;
  },
  reportingReport: (id: string) => `/reporting/reports/${id}`,
  adminNewCycle: () => "/admin/cycles/new",
  adminInvitations: () => "/admin/invitations",
  adminOutbox: () => "/admin/outbox",
  /** Two-factor sign-in of the signed-in person. */
  accountSecurity: () => "/account/security",
  /** The roles that must use two-factor sign-in. */
  adminSecurity: () => "/admin/security",
  adminUsers: () => "/admin/users",
  adminAudit: () => "/admin/audit",
  /** Publishing: the releases and the publish panel of each cycle. */
  adminReleases: () => "/admin/releases",
  /** Framework files: check, preview and import one; download each as an XLSForm. */
  adminFrameworks: () => "/admin/frameworks",
  /** Robustness of the ranking: uncertainty and sensitivity analyses of releases. */
  analysis: () => "/analysis",
};

/** The `next` path after signing in: only a path inside the app, never another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : paths.work();
}

/** The ids that page paths carry. */
export interface PageIds {
  frameworkId: string;
  period: string;
  country: string;
  assessmentId: string;
  recommendationId: string;
  planId: string;
}

/**
 * A path to every kind of page of the route table, so tests can visit them all (the canary
 * test does, signed out and as people of other countries). The type requires an entry for each
 * kind of `Route`: a new page cannot be left out.
 */
export const EVERY_PAGE: { readonly [P in Route["page"]]: (ids: PageIds) => string } = {
  overview: () => paths.overview(),
  scores: (ids) => paths.scores(ids.frameworkId, ids.period),
  structure: (ids) => paths.structure(ids.frameworkId),
  country: (ids) => paths.country(ids.frameworkId, ids.country),
  "sign-in": () => paths.signIn(),
  "forgot-password": () => paths.forgotPassword(),
  "reset-password": () => "/reset-password?token=not-a-real-token",
  "accept-invitation": () => "/accept-invitation?token=not-a-real-token",
  work: () => paths.work(),
  assessment: (ids) => paths.assessment(ids.assessmentId),
  "assessment-section": (ids) => paths.assessmentSection(ids.assessmentId, "vulnerability"),
  "review-queue": () => paths.reviewQueue(),
  "admin-new-cycle": () => paths.adminNewCycle(),
  "admin-invitations": () => paths.adminInvitations(),
  "admin-outbox": () => paths.adminOutbox(),
  "admin-releases": () => paths.adminReleases(),
  "admin-frameworks": () => paths.adminFrameworks(),
  analysis: () => paths.analysis(),
  "account-security": () => paths.accountSecurity(),
  "admin-security": () => paths.adminSecurity(),
  "admin-users": () => paths.adminUsers(),
  "admin-audit": () => paths.adminAudit(),
  "assessment-progress": (ids) => paths.assessmentProgress(ids.assessmentId),
  "assessment-changes": (ids) => paths.assessmentChanges(ids.assessmentId),
  "assessment-timeline": (ids) => paths.assessmentTimeline(ids.assessmentId),
  recommendations: () => paths.recommendations(),
  "recommendations-dashboard": () => paths.recommendationsDashboard(),
  "recommendations-import": () => paths.recommendationsImport(),
  "recommendations-synergies": (ids) => paths.recommendationsSynergies(ids.country),
  recommendation: (ids) => paths.recommendation(ids.recommendationId),
  results: () => paths.results(),
  network: () => paths.network(),
  // No organisation or group id among the page ids: an unknown one shows the not-found message.
  "network-organisation": () => paths.networkOrganisation("00000000-0000-4000-8000-000000000000"),
  "network-group": () => paths.networkGroup("00000000-0000-4000-8000-000000000000"),
  "network-applications": () => paths.networkApplications(),
  "network-areas": (ids) => paths.networkAreas(ids.country),
  "results-plan": (ids) => paths.resultsPlan(ids.planId),
  children: () => paths.children(),
  // No consultation id among the page ids: an unknown one shows the not-found message.
  "children-consultation": () => paths.childrenConsultation("00000000-0000-4000-8000-000000000000"),
  "children-new": () => paths.childrenNew(),
  "children-design": () => paths.childrenDesign("00000000-0000-4000-8000-000000000000"),
  "children-moderation": () => paths.childrenModeration("00000000-0000-4000-8000-000000000000"),
  "child-code": () => paths.childCode(),
  child: () => paths.child("NOCODE"),
  "child-results": () => paths.childResults("NOCODE"),
  "reporting-calendar": (ids) => paths.reportingCalendar({ country: ids.country }),
  "reporting-reports": () => paths.reportingReports(),
  // No report id among the page ids: an unknown one shows the not-found message.
  "reporting-report": () => paths.reportingReport("00000000-0000-4000-8000-000000000000"),
  budgets: () => paths.budgets(),
  "budgets-country": (ids) => paths.budgetsCountry(ids.country),
  "not-found": () => "/no-such-page",
};
