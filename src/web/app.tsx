import { type ReactElement, Suspense } from "react";
import { type AccountRoute, AccountRoutePage, accountPageFor } from "./account/account-routes.tsx";
import { useEnrolmentFirst } from "./account/enrolment-first.ts";
import { SessionProvider } from "./auth/session.tsx";
import { PageLoading } from "./components/status.tsx";
import { LanguageProvider } from "./i18n/language.tsx";
import { AppShell } from "./layout/app-shell.tsx";
import { lazyPage, preloadComponent } from "./routing/lazy-page.ts";
import { useLocation } from "./routing/router.tsx";
import { matchRoute, type Route } from "./routing/routes.ts";

const AnalysisPage = lazyPage(() => import("./analysis/analysis-page.tsx"), "AnalysisPage");
const AreasPage = lazyPage(() => import("./network/areas-page.tsx"), "AreasPage");
const BudgetsPage = lazyPage(() => import("./budgets/budgets-page.tsx"), "BudgetsPage");
const BudgetCountryPage = lazyPage(() => import("./budgets/country-page.tsx"), "BudgetCountryPage");
const ChildPage = lazyPage(() => import("./children/child-page.tsx"), "ChildPage");
const ChildCodePage = lazyPage(() => import("./children/child-page.tsx"), "ChildCodePage");
const ChildResultsPage = lazyPage(() => import("./children/child-results-page.tsx"), "ChildResultsPage");
const ConsultationPage = lazyPage(() => import("./children/consultation-page.tsx"), "ConsultationPage");
const ConsultationsPage = lazyPage(() => import("./children/consultations-page.tsx"), "ConsultationsPage");
const DesignerPage = lazyPage(() => import("./children/designer-page.tsx"), "DesignerPage");
const ModerationPage = lazyPage(() => import("./children/moderation-page.tsx"), "ModerationPage");
const FrameworksPage = lazyPage(() => import("./frameworks/frameworks-page.tsx"), "FrameworksPage");
const ApplicationsPage = lazyPage(() => import("./network/applications-page.tsx"), "ApplicationsPage");
const GroupPage = lazyPage(() => import("./network/group-page.tsx"), "GroupPage");
const NetworkPage = lazyPage(() => import("./network/network-page.tsx"), "NetworkPage");
const OrganisationPage = lazyPage(() => import("./network/organisation-page.tsx"), "OrganisationPage");
const CountryPage = lazyPage(() => import("./pages/country-page.tsx"), "CountryPage");
const NotFoundPage = lazyPage(() => import("./pages/not-found-page.tsx"), "NotFoundPage");
const OverviewPage = lazyPage(() => import("./pages/overview-page.tsx"), "OverviewPage");
const ScoresPage = lazyPage(() => import("./pages/scores-page.tsx"), "ScoresPage");
const StructurePage = lazyPage(() => import("./pages/structure-page.tsx"), "StructurePage");
const RecommendationDashboardPage = lazyPage(
  () => import("./recommendations/dashboard-page.tsx"),
  "RecommendationDashboardPage",
);
const RecommendationImportPage = lazyPage(
  () => import("./recommendations/import-page.tsx"),
  "RecommendationImportPage",
);
const RecommendationPage = lazyPage(
  () => import("./recommendations/recommendation-page.tsx"),
  "RecommendationPage",
);
const RecommendationSynergiesPage = lazyPage(
  () => import("./recommendations/synergies-page.tsx"),
  "RecommendationSynergiesPage",
);
const RecommendationSearchPage = lazyPage(
  () => import("./recommendations/search-page.tsx"),
  "RecommendationSearchPage",
);
const ReleasesPage = lazyPage(() => import("./releases/releases-page.tsx"), "ReleasesPage");
const ReportingCalendarPage = lazyPage(
  () => import("./reporting/calendar-page.tsx"),
  "ReportingCalendarPage",
);
const ReportingReportPage = lazyPage(() => import("./reporting/report-page.tsx"), "ReportingReportPage");
const ReportingReportsPage = lazyPage(() => import("./reporting/reports-page.tsx"), "ReportingReportsPage");
const PlanPage = lazyPage(() => import("./results/plan-page.tsx"), "PlanPage");
const PlansPage = lazyPage(() => import("./results/plans-page.tsx"), "PlansPage");
const ChangesPage = lazyPage(() => import("./review/changes-page.tsx"), "ChangesPage");
const ProgressPage = lazyPage(() => import("./review/progress-page.tsx"), "ProgressPage");
const ReviewQueuePage = lazyPage(() => import("./review/review-queue-page.tsx"), "ReviewQueuePage");
const TimelinePage = lazyPage(() => import("./review/timeline-page.tsx"), "TimelinePage");
const WorkspacePage = lazyPage(() => import("./workspace/workspace-page.tsx"), "WorkspacePage");

/** The page for `route` (its chunk loads the first time it is rendered or preloaded). */
function pageFor(route: Route): ReactElement {
  switch (route.page) {
    case "overview":
      return <OverviewPage />;
    case "scores":
      return <ScoresPage key={route.frameworkId} frameworkId={route.frameworkId} />;
    case "structure":
      return <StructurePage key={route.frameworkId} frameworkId={route.frameworkId} />;
    case "country":
      return <CountryPage key={`${route.frameworkId}/${route.country}`} {...route} />;
    case "assessment":
    case "assessment-section":
      return <WorkspacePage key={route.id} assessmentId={route.id} />;
    case "review-queue":
      return <ReviewQueuePage />;
    case "sign-in":
    case "forgot-password":
    case "reset-password":
    case "accept-invitation":
    case "work":
    case "admin-new-cycle":
    case "admin-invitations":
    case "admin-outbox":
    case "account-security":
    case "admin-security":
    case "admin-users":
    case "admin-audit":
      return <AccountRoutePage route={route} />;
    case "assessment-progress":
      return <ProgressPage key={route.id} assessmentId={route.id} />;
    case "assessment-changes":
      return <ChangesPage key={route.id} assessmentId={route.id} />;
    case "assessment-timeline":
      return <TimelinePage key={route.id} assessmentId={route.id} />;
    case "recommendations":
      return <RecommendationSearchPage />;
    case "recommendations-dashboard":
      return <RecommendationDashboardPage />;
    case "recommendations-import":
      return <RecommendationImportPage />;
    case "recommendations-synergies":
      return <RecommendationSynergiesPage />;
    case "recommendation":
      return <RecommendationPage key={route.id} id={route.id} />;
    case "results":
      return <PlansPage />;
    case "network":
      return <NetworkPage />;
    case "network-organisation":
      return <OrganisationPage key={route.id} id={route.id} />;
    case "network-group":
      return <GroupPage key={route.id} id={route.id} />;
    case "network-applications":
      return <ApplicationsPage />;
    case "network-areas":
      return <AreasPage key={route.country ?? ""} country={route.country} />;
    case "results-plan":
      return <PlanPage key={route.id} id={route.id} />;
    case "admin-releases":
      return <ReleasesPage />;
    case "children":
      return <ConsultationsPage />;
    case "budgets":
      return <BudgetsPage />;
    case "budgets-country":
      return <BudgetCountryPage country={route.country} />;
    case "children-consultation":
      return <ConsultationPage key={route.id} id={route.id} />;
    case "children-new":
      return <DesignerPage />;
    case "children-design":
      return <DesignerPage key={route.id} id={route.id} />;
    case "children-moderation":
      return <ModerationPage key={route.id} id={route.id} />;
    case "admin-frameworks":
      return <FrameworksPage />;
    case "analysis":
      return <AnalysisPage />;
    case "reporting-calendar":
      return <ReportingCalendarPage />;
    case "reporting-reports":
      return <ReportingReportsPage />;
    case "reporting-report":
      return <ReportingReportPage key={route.id} id={route.id} />;
    default:
      return <NotFoundPage />;
  }
}

/** Picks the page for the current address. */
function CurrentPage() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  useEnrolmentFirst(route.page);
  return pageFor(route);
}

/**
 * Starts loading the chunk of the page at `pathname`, so that it arrives alongside the interface
 * language's file rather than after it (the page is rendered only once the language is in).
 */
export function preloadPage(pathname: string): void {
  const route = matchRoute(pathname);
  const page = pageFor(route);
  preloadComponent(page.type === AccountRoutePage ? accountPageFor(route as AccountRoute).type : page.type);
}

/** The Childmark web app. */
export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  // The child's page stands alone: no account, no menus, nothing but the questions.
  if (route.page === "child-results")
    return (
      <Suspense fallback={null}>
        <ChildResultsPage code={route.code} />
      </Suspense>
    );
  if (route.page === "child-code")
    return (
      <Suspense fallback={null}>
        <ChildCodePage />
      </Suspense>
    );
  if (route.page === "child") {
    return (
      <Suspense fallback={null}>
        <ChildPage code={route.code} />
      </Suspense>
    );
  }
  return (
    // The session is asked for while the interface language's file loads.
    <SessionProvider>
      <LanguageProvider>
        <AppShell>
          <Suspense fallback={<PageLoading />}>
            <CurrentPage />
          </Suspense>
        </AppShell>
      </LanguageProvider>
    </SessionProvider>
  );
}
