import type { Action } from "../../core/index.ts";

/**
 * Who may call each API route: the matrix that `docs/permissions.md` shows
 * and `test/integration/permissions.test.ts` checks route by route, role by
 * role. Handlers enforce it with `authorize`; this table states it.
 *
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in user (401 otherwise); what they see is filtered to their scope.
 * - an action: `can(actor, action, target)` must hold, where the target is the
 *   route's object (`on`); otherwise 403, or 404 when `hidden` (the object's
 *   existence is not revealed to those outside its scope).
 */
export type RouteAccess =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "action"; action: Action; on: AccessTarget; hidden?: boolean };

/**
 * What a route acts on: the whole platform; a country (named in the body, as
 * for invitations); a cycle (any of its countries); an assessment (its country
 * and region); an indicator of an assessment (also its place in the tree, for
 * section-limited contributors and working groups with review rights); a section of an assessment
 * (the node and those above it); a recommendation (its State, id and themes, which a working
 * group's review rights may match); an organisation (named in the body) or a plan
 * (its organisation's scope: a coalition's country and region, a network's region); a children's
 * consultation (its organisation's scope too); in the network, an organisation with those above
 * it (`network-organisation`: organisation-scoped roles reach it and its members), a membership
 * (decided by the organisation it is a membership of), an application (the coalition applied to)
 * and a working group (its organisation's scope and the group's own roles).
 */
export type AccessTarget =
  | "platform"
  | "country"
  | "cycle"
  | "assessment"
  | "indicator"
  | "section"
  | "recommendation"
  | "organisation"
  | "plan"
  | "consultation"
  | "network-organisation"
  | "membership"
  | "application"
  | "group";

const pub: RouteAccess = { kind: "public" };
const signedIn: RouteAccess = { kind: "signed-in" };
const on = (action: Action, target: AccessTarget, hidden = false): RouteAccess => ({
  kind: "action",
  action,
  on: target,
  hidden,
});

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  "GET /api/health": pub,
  "GET /api/frameworks": pub,
  "GET /api/frameworks/:id": pub,
  "GET /api/frameworks/:id/cycles": pub,
  "GET /api/frameworks/:id/scores": pub,
  "GET /api/frameworks/:id/xlsform": pub,
  "POST /api/frameworks/checks": on("framework:manage", "platform"),
  "POST /api/frameworks/imports": on("framework:manage", "platform"),
  "GET /api/countries": pub,

  "POST /api/auth/sign-in": pub,
  "POST /api/auth/sign-in/two-factor": pub,
  "POST /api/auth/sign-out": pub,
  "GET /api/auth/me": signedIn,
  "GET /api/auth/session": pub,
  "POST /api/auth/password-reset": pub,
  "POST /api/auth/password-reset/confirm": pub,
  "POST /api/invitations": on("user:invite", "country"),
  "POST /api/invitations/accept": pub,
  "GET /api/admin/outbox": on("outbox:read", "platform"),
  "GET /api/account/two-factor": signedIn,
  "POST /api/account/two-factor/enrolment": signedIn,
  "POST /api/account/two-factor/enrolment/confirm": signedIn,
  "POST /api/account/two-factor/recovery-codes": signedIn,
  "POST /api/account/two-factor/disable": signedIn,
  "GET /api/admin/security-settings": on("security:manage", "platform"),
  "PUT /api/admin/security-settings": on("security:manage", "platform"),
  // Accounts: a secretariat manages those within its scope; others in scope get 404 from handlers.
  "GET /api/admin/users": on("user:manage", "platform"),
  "GET /api/admin/users/:id": on("user:manage", "country"),
  "PUT /api/admin/users/:id/roles": on("user:manage", "country"),
  "POST /api/admin/users/:id/deactivate": on("user:manage", "country"),
  "POST /api/admin/users/:id/reactivate": on("user:manage", "country"),
  "POST /api/admin/users/:id/revoke-sessions": on("user:manage", "country"),
  "GET /api/admin/audit": on("audit:read", "platform"),
  "GET /api/admin/audit.csv": on("audit:read", "platform"),

  "POST /api/cycles": on("cycle:manage", "platform"),
  "GET /api/cycles": signedIn,
  "GET /api/cycles/:id": on("cycle:read", "cycle", true),

  "GET /api/assessments/:id": on("assessment:read", "assessment"),
  "GET /api/assessments/:id/completion": on("assessment:read", "assessment"),
  "POST /api/assessments/:id/score-preview": on("assessment:read", "assessment"),
  "GET /api/assessments/:id/people": on("assessment:assign", "assessment"),
  "PUT /api/assessments/:id/assignments": on("assessment:assign", "assessment"),
  "DELETE /api/assessments/:id/assignments/:assignmentId": on("assessment:assign", "assessment"),
  "PUT /api/assessments/:id/answers/:indicatorCode": on("answer:write", "indicator"),
  "GET /api/assessments/:id/answers/:indicatorCode/history": on("assessment:read", "assessment"),
  "POST /api/assessments/:id/answers/:indicatorCode/restore": on("answer:write", "indicator"),
  "GET /api/assessments/:id/export.xlsx": on("assessment:read", "assessment"),
  "POST /api/assessments/:id/import": on("answer:write", "assessment"),

  "GET /api/assessments/:id/answers/:indicatorCode/evidence": on("assessment:read", "assessment"),
  "POST /api/assessments/:id/answers/:indicatorCode/evidence": on("answer:write", "indicator"),
  "DELETE /api/evidence/:id": on("answer:write", "indicator"),
  "GET /api/evidence/:id/file": on("assessment:read", "assessment"),

  "GET /api/assessments/:id/answers/:indicatorCode/comments": on("assessment:read", "assessment"),
  "POST /api/assessments/:id/answers/:indicatorCode/comments": on("comment:write", "indicator"),
  "POST /api/assessments/:id/submit": on("assessment:submit", "assessment"),
  "POST /api/assessments/:id/start-review": on("assessment:review", "assessment"),
  "POST /api/assessments/:id/answers/:indicatorCode/rework": on("assessment:review", "indicator"),
  "DELETE /api/assessments/:id/answers/:indicatorCode/rework": on("assessment:review", "indicator"),
  "POST /api/assessments/:id/answers/:indicatorCode/approve": on("assessment:review", "indicator"),
  "POST /api/assessments/:id/sections/:nodeCode/review": on("assessment:review", "section"),
  "GET /api/review/queue": signedIn,
  "POST /api/assessments/:id/return": on("assessment:review", "assessment"),
  "POST /api/assessments/:id/validate": on("assessment:review", "assessment"),
  "POST /api/assessments/:id/reopen": on("assessment:reopen", "assessment"),
  "GET /api/assessments/:id/events": on("assessment:read", "assessment"),
  "GET /api/assessments/:id/changes": on("assessment:read", "assessment"),

  "GET /api/notifications": signedIn,
  "POST /api/notifications/:id/read": signedIn,
  "POST /api/notifications/read-all": signedIn,

  // Recommendation texts are public UN documents; tracking (statuses, assessments) is internal to
  // the State's coalition and the region or platform over it: search shows it within that scope.
  "GET /api/recommendations": signedIn,
  "GET /api/recommendations/dashboard": on("recommendation:read-tracking", "country"),
  "GET /api/recommendations/report.docx": on("recommendation:read-tracking", "country"),
  "GET /api/recommendations/report.xlsx": on("recommendation:read-tracking", "country"),
  "GET /api/recommendations/report-card": on("recommendation:read-tracking", "country"),
  "GET /api/recommendations/report-card.docx": on("recommendation:read-tracking", "country"),
  "GET /api/recommendations/:id": signedIn,
  "GET /api/recommendations/:id/assessments": on("recommendation:read-tracking", "recommendation"),
  "GET /api/recommendations/:id/timeline": on("recommendation:read-tracking", "recommendation"),
  "POST /api/recommendations/:id/assessments": on("recommendation:track", "recommendation"),
  "POST /api/recommendations/imports": on("recommendation:import", "platform"),
  "POST /api/recommendations/imports/preview": on("recommendation:import", "platform"),
  "GET /api/recommendations/imports": on("recommendation:import", "platform"),
  "GET /api/recommendations/mappings": on("recommendation:import", "platform"),
  "PUT /api/recommendations/mappings/:name": on("recommendation:import", "platform"),
  "GET /api/recommendations/:id/suggestions": signedIn,
  "GET /api/recommendations/:id/indicator-suggestions": signedIn,
  "POST /api/recommendations/:id/indicator-suggestions": on("recommendation:track", "country"),
  "GET /api/recommendations/saved-searches": signedIn,
  "POST /api/recommendations/saved-searches": signedIn,
  "DELETE /api/recommendations/saved-searches/:id": signedIn,
  "POST /api/recommendations/tags": on("recommendation:track", "country"),
  // Synergies: a State's groups of recommendations that ask for the same thing, tracked once.
  "GET /api/recommendations/synergies": on("recommendation:read-tracking", "country"),
  "POST /api/recommendations/synergies": on("recommendation:track", "country"),
  "POST /api/recommendations/synergies/dismissals": on("recommendation:track", "country"),
  "POST /api/recommendations/synergies/:id/assessments": on("recommendation:track", "country"),
  "DELETE /api/recommendations/synergies/:id": on("recommendation:track", "country"),
  "GET /api/recommendations/:id/synergy": on("recommendation:read-tracking", "country"),

  // Publishing: a release speaks for every country of its cycle, so each must be in the publisher's scope.
  "GET /api/releases": signedIn,
  "POST /api/cycles/:id/releases": on("release:publish", "cycle"),
  "GET /api/cycles/:id/release-candidates": on("release:publish", "cycle"),
  // Uncertainty analyses of a cycle's releases: those who may publish the cycle.
  "GET /api/cycles/:id/analyses": on("release:publish", "cycle"),
  "POST /api/cycles/:id/analyses": on("release:publish", "cycle"),
  "DELETE /api/cycles/:id/analyses/job": on("release:publish", "cycle"),
  "GET /api/cycles/:id/analyses/:analysisId": on("release:publish", "cycle"),
  "POST /api/cycles/:id/analyses/:analysisId/publish": on("release:publish", "cycle"),
  // The public API: published releases only, for anyone, from any site (CORS).
  "OPTIONS /api/public/*": pub,
  // A coalition's tracking of UN recommendations, made public by its coordinator or above.
  "POST /api/tracking-publications": on("recommendation:publish", "country"),
  "GET /api/tracking-publications": signedIn,
  "GET /api/public/tracking": pub,
  "GET /api/public/plans": pub,
  "GET /api/public/plans/:id": pub,
  "GET /api/public/tracking/:slug": pub,
  "GET /api/public/tracking/countries/:country/series": pub,
  "GET /api/public/tracking/countries/:country/series.csv": pub,
  "GET /api/public/releases": pub,
  "GET /api/public/releases/:slug": pub,
  "GET /api/public/releases/:slug/countries/:code": pub,
  "GET /api/public/releases/:slug/indicators/:code": pub,
  "GET /api/public/releases/:slug/downloads/:file": pub,
  "GET /api/public/releases/:slug/downloads/countries/:file": pub,

  // Results: an organisation's plans are internal to its scope until published; lists are filtered to it.
  "GET /api/results/organisations": signedIn,
  "GET /api/results/plans": signedIn,
  "PUT /api/results/organisations/:id/publishing": on("plan:approve", "organisation"),
  "POST /api/results/plans": on("plan:edit", "organisation"),
  "GET /api/results/plans/:id": on("plan:read", "plan", true),
  "POST /api/results/plans/import-iati": on("plan:edit", "organisation"),
  "GET /api/results/plans/:id/export.iati.xml": on("plan:read", "plan", true),
  "POST /api/results/plans/:id/import-iati": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id": on("plan:edit", "plan"),
  "DELETE /api/results/plans/:id": on("plan:edit", "plan"),
  "POST /api/results/plans/:id/approval": on("plan:approve", "plan"),
  "POST /api/results/plans/:id/nodes": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/nodes/:nodeId": on("plan:edit", "plan"),
  "DELETE /api/results/plans/:id/nodes/:nodeId": on("plan:edit", "plan"),
  "POST /api/results/plans/:id/indicators": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/indicators/:indicatorId": on("plan:edit", "plan"),
  "DELETE /api/results/plans/:id/indicators/:indicatorId": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/indicators/:indicatorId/targets/:period": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/indicators/:indicatorId/actuals/:period": on("plan:report", "plan"),
  "GET /api/results/plans/:id/indicators/:indicatorId/history": on("plan:read", "plan", true),
  "GET /api/results/plans/:id/dashboard": on("plan:read", "plan", true),
  "GET /api/results/plans/:id/report.docx": on("plan:read", "plan", true),
  "GET /api/results/plans/:id/report.pdf": on("plan:read", "plan", true),
  "GET /api/results/plans/:id/export.xlsx": on("plan:read", "plan", true),
  "POST /api/results/plans/:id/import": on("plan:report", "plan"),
  // Evaluations and advocacy outcomes: read with the plan, recorded by its editors; a
  // recommendation's management response and follow-up status by those who report actuals.
  "GET /api/results/plans/:id/evaluations": on("plan:read", "plan", true),
  "GET /api/results/plans/:id/evaluations/summary": on("plan:read", "plan", true),
  "POST /api/results/plans/:id/evaluations": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/evaluations/:evaluationId": on("plan:edit", "plan"),
  "DELETE /api/results/plans/:id/evaluations/:evaluationId": on("plan:edit", "plan"),
  "POST /api/results/plans/:id/evaluations/:evaluationId/recommendations": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/evaluations/:evaluationId/recommendations/:recommendationId": on(
    "plan:report",
    "plan",
  ),
  "GET /api/results/plans/:id/outcomes": on("plan:read", "plan", true),
  "POST /api/results/plans/:id/outcomes": on("plan:edit", "plan"),
  "PUT /api/results/plans/:id/outcomes/:outcomeId": on("plan:edit", "plan"),

  // Children's consultations: designed and read by their organisation's scope, results in aggregate
  // only; children answer without an account, by a session code.
  "GET /api/children/consultations": signedIn,
  "POST /api/children/consultations": on("consultation:design", "organisation"),
  "GET /api/children/consultations/:id": on("consultation:read", "consultation", true),
  "PUT /api/children/consultations/:id": on("consultation:design", "consultation"),
  "POST /api/children/consultations/:id/status": on("consultation:design", "consultation"),
  "POST /api/children/consultations/:id/sessions": on("consultation:design", "consultation"),
  "GET /api/children/consultations/:id/results": on("consultation:read", "consultation", true),
  "GET /api/children/consultations/:id/results.csv": on("consultation:read", "consultation", true),
  "GET /api/children/consultations/:id/report.pdf": on("consultation:read", "consultation", true),
  "GET /api/children/consultations/:id/report.docx": on("consultation:read", "consultation", true),
  "GET /api/children/consultations/:id/moderation": on("consultation:moderate", "consultation"),
  "PUT /api/children/consultations/:id/moderation/:submissionId/:questionCode": on(
    "consultation:moderate",
    "consultation",
  ),
  "POST /api/children/consultations/:id/audio": on("consultation:design", "consultation"),
  "GET /api/children/consultations/:id/audio/:audioId": on("consultation:read", "consultation", true),
  "GET /api/children/consultations/:id/xlsform": on("consultation:read", "consultation", true),
  // The organisation comes in the multipart body: checked in the handler once the body is read.
  "POST /api/children/consultations/xlsform-imports": on("consultation:design", "organisation"),
  "POST /api/children/consultations/:id/kobo-imports": on("consultation:design", "consultation"),
  "POST /api/children/consultations/:id/kobo-imports/preview": on("consultation:design", "consultation"),
  "GET /api/children/join/:code": pub,
  "GET /api/children/join/:code/audio/:audioId": pub,
  "POST /api/children/join/:code/submissions": pub,
  "GET /api/children/join/:code/results": pub,
  "GET /api/public/children/indicators/:code": pub,
  "GET /api/public/children/voices": pub,
  // The reporting cycle: a country's calendar and alternative reports are its team's; a feed is
  // read by calendar applications without a session, its private token standing for its maker.
  "GET /api/reporting/countries/:code": on("report:read", "country"),
  "GET /api/reporting/countries/:code/history": on("report:read", "country"),
  "GET /api/reporting/countries/:code/follow-up": on("report:read", "country"),
  "PUT /api/reporting/countries/:code/ratifications/:instrument": on("report:write", "country"),
  "DELETE /api/reporting/countries/:code/ratifications/:instrument": on("report:write", "country"),
  "POST /api/reporting/countries/:code/reviews": on("report:write", "country"),
  "PUT /api/reporting/reviews/:id": on("report:write", "country", true),
  "DELETE /api/reporting/reviews/:id": on("report:write", "country", true),
  "GET /api/reporting/calendar": signedIn,
  "POST /api/reporting/feeds": on("report:read", "country"),
  "GET /api/reporting/feeds/:token": pub,
  "GET /api/reporting/reports": signedIn,
  "POST /api/reporting/reports": on("report:write", "country"),
  "GET /api/reporting/reports/:id": on("report:read", "country", true),
  "PUT /api/reporting/reports/:id/sections/:key": on("report:write", "country", true),
  "GET /api/reporting/reports/:id/sections/:key/history": on("report:read", "country", true),
  "GET /api/reporting/reports/:id/report.docx": on("report:read", "country", true),
  "GET /api/reporting/reports/:id/report.pdf": on("report:read", "country", true),
  "DELETE /api/results/plans/:id/outcomes/:outcomeId": on("plan:edit", "plan"),
  "GET /api/results/plans/:id/files": on("plan:read", "plan", true),
  "POST /api/results/plans/:id/evaluations/:evaluationId/findings/:criterion/files": on("plan:edit", "plan"),
  "POST /api/results/plans/:id/outcomes/:outcomeId/files": on("plan:edit", "plan"),
  "GET /api/results/plans/:id/files/:fileId": on("plan:read", "plan", true),
  "DELETE /api/results/plans/:id/files/:fileId": on("plan:edit", "plan"),

  // The network: organisations and their people are internal to their scope (an organisation-scoped
  // role reaches its organisation and the members below it); the directory shows only what each
  // organisation chose to publish.
  "GET /api/network/organisations": signedIn,
  "POST /api/network/organisations": on("network:manage", "network-organisation"),
  "GET /api/network/organisations/:id": on("network:read", "network-organisation", true),
  "PUT /api/network/organisations/:id": on("network:manage", "network-organisation", true),
  "POST /api/network/organisations/:id/status": on("network:manage", "membership", true),
  // Refused with 403 (not hidden): the coalitions of the network are public in its directory.
  "POST /api/network/organisations/:id/member-imports": on("network:manage", "network-organisation"),
  "PUT /api/network/organisations/:id/logo": on("network:manage", "network-organisation", true),
  "DELETE /api/network/organisations/:id/logo": on("network:manage", "network-organisation", true),
  "GET /api/network/organisations/:id/logo": on("network:read", "network-organisation", true),
  "GET /api/network/organisations/:id/history": on("network:read", "network-organisation", true),
  "GET /api/network/organisations/:id/people": on("network:read", "network-organisation", true),
  "POST /api/network/organisations/:id/people": on("network:manage", "network-organisation", true),
  "PUT /api/network/organisations/:id/people/:userId": on("network:manage", "network-organisation", true),
  "DELETE /api/network/organisations/:id/people/:userId": on("network:manage", "network-organisation", true),
  "POST /api/network/applications": signedIn,
  "GET /api/network/applications": signedIn,
  "POST /api/network/applications/:id/decision": on("network:manage", "application", true),
  "GET /api/network/groups": signedIn,
  "POST /api/network/groups": on("group:manage", "network-organisation"),
  "GET /api/network/groups/:id": on("group:read", "group", true),
  "POST /api/network/groups/:id/members": on("group:manage", "group", true),
  "DELETE /api/network/groups/:id/members/:userId": on("group:manage", "group", true),
  "POST /api/network/groups/:id/documents": on("group:write", "group", true),
  "GET /api/network/groups/:id/files/:fileId": on("group:read", "group", true),
  // Review rights: given by those who manage the group through a role outside it (never its lead alone).
  "GET /api/network/groups/:id/review-rights": on("group:read", "group", true),
  "POST /api/network/groups/:id/review-rights": on("group:manage", "group", true),
  "PUT /api/network/groups/:id/review-rights/:rightId": on("group:manage", "group", true),
  "DELETE /api/network/groups/:id/review-rights/:rightId": on("group:manage", "group", true),
  "POST /api/network/groups/:id/meetings": on("group:write", "group", true),
  "POST /api/network/groups/:id/follows": on("group:write", "group", true),
  "GET /api/network/areas/:country": pub,
  "PUT /api/network/areas/:country": on("network:manage", "country"),
  "GET /api/network/areas/:country/assessments": on("assessment:read", "country"),
  "POST /api/network/areas/:country/assessments": on("network:manage", "country"),
  "GET /api/network/areas/:country/scores": on("assessment:read", "country"),
  "GET /api/network/areas/:country/shapes": pub,
  "PUT /api/network/areas/:country/shapes": on("network:manage", "country"),
  "DELETE /api/network/areas/:country/shapes": on("network:manage", "country"),
  "GET /api/public/directory": pub,
  "GET /api/public/directory.csv": pub,
  "GET /api/public/directory.xlsx": pub,
  // Only a listed member's logo that it chose to publish; 404 for any other.
  "GET /api/public/directory/:id/logo": pub,
  // Public investment in children: a country's budget data, for its team and its region.
  "GET /api/budgets/sectors": signedIn,
  "POST /api/budgets/sectors": on("framework:manage", "platform"),
  "GET /api/budgets/countries": signedIn,
  "GET /api/budgets/compare": signedIn,
  "GET /api/budgets/countries/:country": on("budget:read", "country"),
  "POST /api/budgets/countries/:country/lines": on("budget:edit", "country"),
  "PUT /api/budgets/lines/:id": on("budget:edit", "country"),
  "DELETE /api/budgets/lines/:id": on("budget:edit", "country"),
  "GET /api/budgets/lines/:id/history": on("budget:read", "country"),
  "GET /api/budgets/countries/:country/export.csv": on("budget:read", "country"),
  "GET /api/budgets/countries/:country/export.xlsx": on("budget:read", "country"),
  "POST /api/budgets/countries/:country/publications": on("budget:publish", "country"),
  // The review of budget data, under the same roles as the review of assessments.
  "POST /api/budgets/countries/:country/reviews/submit": on("assessment:submit", "country"),
  "POST /api/budgets/countries/:country/reviews/validate": on("assessment:review", "country"),
  "POST /api/budgets/countries/:country/reviews/return": on("assessment:review", "country"),
  "POST /api/budgets/countries/:country/reviews/reopen": on("assessment:reopen", "country"),
  // Imports: allowed to those who may edit budgets somewhere; rows of other countries get 403.
  "POST /api/budgets/imports/lines": on("budget:edit", "platform"),
  "POST /api/budgets/imports/context": on("budget:edit", "platform"),
  "GET /api/public/budgets": pub,
  "GET /api/public/budgets/:key": pub,
  "GET /api/public/budgets/:key/budgets.csv": pub,
  "GET /api/public/budgets/:key/budgets.xlsx": pub,
};
