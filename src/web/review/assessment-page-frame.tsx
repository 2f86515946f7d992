import type { ReactNode } from "react";
import type { z } from "zod";
import { assessmentOut } from "../../server/api-schemas/assessments.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { StatusChip } from "./status-chip.tsx";
import "./review.css";

export type AssessmentData = z.infer<typeof assessmentOut>;

/** Links between the assessment's pages; the current one is marked for assistive tech. */
export function AssessmentLinks({
  id,
  current,
}: {
  id: string;
  current?: "progress" | "changes" | "timeline";
}) {
  const { t } = useLanguage();
  const links: [string, string, MessageKey][] = [
    ["progress", paths.assessmentProgress(id), "rvProgress"],
    ["changes", paths.assessmentChanges(id), "rvChanges"],
    ["timeline", paths.assessmentTimeline(id), "rvTimeline"],
  ];
  return (
    <nav className="rv-links" aria-label={t("rvWorkflow")}>
      {current && (
        <Link to={paths.assessment(id)}>
          <span className="rv-arrow" aria-hidden="true">
            ←
          </span>{" "}
          {t("rvBackToAssessment")}
        </Link>
      )}
      {links.map(([key, to, label]) => (
        <Link key={key} to={to} aria-current={key === current ? "page" : undefined}>
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}

/** Loads an assessment and frames one of its pages: title with country and cycle, status, links. */
export function AssessmentPageFrame({
  assessmentId,
  current,
  title,
  children,
}: {
  assessmentId: string;
  current: "progress" | "changes" | "timeline";
  title: MessageKey;
  children: (data: AssessmentData) => ReactNode;
}) {
  const { t, pick } = useLanguage();
  const { user } = useSession();
  const state = useApi(user ? `/api/assessments/${assessmentId}` : null, assessmentOut);
  if (user === undefined) return <Loading />;
  if (user === null) {
    const here = window.location.pathname;
    return (
      <div className="rv-page">
        <PageTitle text={t("rvSignInTitle")}>{t("rvSignInTitle")}</PageTitle>
        <p>
          <Link to={paths.signIn(here)}>{t("rvSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <Loaded states={[state]}>
      {(data) => {
        const { assessment } = data;
        const heading = t(title, {
          country: pick(assessment.country.name),
          cycle: pick(assessment.cycle.name),
        });
        return (
          <div className="rv-page">
            <PageTitle text={heading} eyebrow={<StatusChip status={assessment.status} />}>
              {heading}
            </PageTitle>
            <AssessmentLinks id={assessmentId} current={current} />
            {children(data)}
          </div>
        );
      }}
    </Loaded>
  );
}
