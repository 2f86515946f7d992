import { Suspense } from "react";
import { AccountRoutePage } from "./account/account-routes.tsx";
import { useEnrolmentFirst } from "./account/enrolment-first.ts";
import { SessionProvider } from "./auth/session.tsx";
import { ChildPage } from "./children/child-page.tsx";
import { ConsultationPage } from "./children/consultation-page.tsx";
import { ConsultationsPage } from "./children/consultations-page.tsx";
import { Loading } from "./components/status.tsx";
import { FrameworksPage } from "./frameworks/frameworks-page.tsx";
import { LanguageProvider } from "./i18n/language.tsx";
import { AppShell } from "./layout/app-shell.tsx";
import { CountryPage } from "./pages/country-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { OverviewPage } from "./pages/overview-page.tsx";
import { ScoresPage } from "./pages/scores-page.tsx";
import { StructurePage } from "./pages/structure-page.tsx";
import { RecommendationDashboardPage } from "./recommendations/dashboard-page.tsx";
import { RecommendationImportPage } from "./recommendations/import-page.tsx";
import { RecommendationPage } from "./recommendations/recommendation-page.tsx";
import { RecommendationSearchPage } from "./recommendations/search-page.tsx";
import { ReleasesPage } from "./releases/releases-page.tsx";
import { PlanPage } from "./results/plan-page.tsx";
import { PlansPage } from "./results/plans-page.tsx";
import { ChangesPage } from "./review/changes-page.tsx";
import { ProgressPage } from "./review/progress-page.tsx";
import { ReviewQueuePage } from "./review/review-queue-page.tsx";
import { TimelinePage } from "./review/timeline-page.tsx";
import { useLocation } from "./routing/router.tsx";
import { matchRoute } from "./routing/routes.ts";
import { WorkspacePage } from "./workspace/workspace-page.tsx";

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
