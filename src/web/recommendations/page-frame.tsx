import type { ReactNode } from "react";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import "../review/review.css";
import "./recommendations.css";

type Section = "search" | "dashboard" | "synergies" | "import" | "detail";

/** Links between the recommendations pages; the current one is marked for assistive tech. */
function SectionLinks({ current }: { current: Section }) {
  const { t } = useLanguage();
  const { may } = useSession();
  const links: [Section, string, MessageKey][] = [
    ["search", paths.recommendations(), "rcSearchNav"],
    ["dashboard", paths.recommendationsDashboard(), "rcDashboardNav"],
    ["synergies", paths.recommendationsSynergies(), "rcSynergiesNav"],
  ];
  if (may("recommendation:import")) links.push(["import", paths.recommendationsImport(), "rcImportNav"]);
  return (
    <nav className="rv-links" aria-label={t("rcSectionNav")}>
      {links.map(([key, to, label]) => (
        <Link key={key} to={to} aria-current={key === current ? "page" : undefined}>
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}

/** Frames a recommendations page: sign-in first, then the title, the section links and the page. */
export function RecommendationsFrame({
  title,
  current,
  lead,
  children,
}: {
  title: string;
  current: Section;
  lead?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  if (user === null) {
    const here = window.location.pathname + window.location.search;
    return (
      <div className="rv-page">
        <PageTitle text={t("rcSignInTitle")}>{t("rcSignInTitle")}</PageTitle>
        <p>
          <Link to={paths.signIn(here)}>{t("rcSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="rv-page rc-page">
      <PageTitle text={title}>{title}</PageTitle>
      <SectionLinks current={current} />
      {lead && <p className="lead">{lead}</p>}
      {children}
    </div>
  );
}
