import { Suspense } from "react";
import { AccountRoutePage } from "./account/account-routes.tsx";
import { useEnrolmentFirst } from "./account/enrolment-first.ts";
import { SessionProvider } from "./auth/session.tsx";
import { Loading } from "./components/status.tsx";
import { LanguageProvider } from "./i18n/language.tsx";
import { AppShell } from "./layout/app-shell.tsx";
import { lazyPage } from "./routing/lazy-page.ts";
import { useLocation } from "./routing/router.tsx";
import { matchRoute } from "./routing/routes.ts";

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
const RecommendationSearchPage = lazyPage(
  () => import("./recommendations/search-page.tsx"),
  "RecommendationSearchPage",
);
const ReleasesPage = lazyPage(() => import("./releases/releases-page.tsx"), "ReleasesPage");
const PlanPage = lazyPage(() => import("./results/plan-page.tsx"), "PlanPage");
const PlansPage = lazyPage(() => import("./results/plans-page.tsx"), "PlansPage");
const ChangesPage = lazyPage(() => import("./review/changes-page.tsx"), "ChangesPage");
const ProgressPage = lazyPage(() => import("./review/progress-page.tsx"), "ProgressPage");
const ReviewQueuePage = lazyPage(() => import("./review/review-queue-page.tsx"), "ReviewQueuePage");
const TimelinePage = lazyPage(() => import("./review/timeline-page.tsx"), "TimelinePage");
const ChildPage = lazyPage(() => import("./children/child-page.tsx"), "ChildPage");
const ConsultationPage = lazyPage(() => import("./children/consultation-page.tsx"), "ConsultationPage");
const ConsultationsPage = lazyPage(() => import("./children/consultations-page.tsx"), "ConsultationsPage");
const FrameworksPage = lazyPage(() => import("./frameworks/frameworks-page.tsx"), "FrameworksPage");
const WorkspacePage = lazyPage(() => import("./workspace/workspace-page.tsx"), "WorkspacePage");

/** Picks the page for the current address. */
function CurrentPage() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  useEnrolmentFirst(route.page);
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
    case "recommendation":
      return <RecommendationPage key={route.id} id={route.id} />;
    case "results":
      return <PlansPage />;
    case "results-plan":
      return <PlanPage key={route.id} id={route.id} />;
    case "admin-releases":
      return <ReleasesPage />;
    case "children":
      return <ConsultationsPage />;
    case "children-consultation":
      return <ConsultationPage key={route.id} id={route.id} />;
    case "admin-frameworks":
      return <FrameworksPage />;
    default:
      return <NotFoundPage />;
  }
}

/** The Childmark web app. */
export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  // The child's page stands alone: no account, no menus, nothing but the questions.
  if (route.page === "child") {
    return (
      <Suspense fallback={null}>
        <ChildPage code={route.code} />
      </Suspense>
    );
  }
  return (
    <LanguageProvider>
      <SessionProvider>
        <AppShell>
          <Suspense fallback={<Loading />}>
            <CurrentPage />
          </Suspense>
        </AppShell>
      </SessionProvider>
    </LanguageProvider>
  );
}
