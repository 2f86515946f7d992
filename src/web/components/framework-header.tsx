import type { ReactNode } from "react";
import type { FrameworkDetail } from "../api/endpoints.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { PageTitle } from "./page-title.tsx";

/** Breadcrumbs, title and the Scores / Structure tabs shared by a framework's pages. */
export function FrameworkHeader({
  framework,
  current,
  title,
  crumbs = [],
}: {
  framework: FrameworkDetail;
  current: "scores" | "structure" | "country";
  /** Page heading; defaults to the framework's title. */
  title?: string;
  crumbs?: { to: string; label: string }[];
}) {
  const { t, pick } = useLanguage();
  const frameworkTitle = pick(framework.title, framework.defaultLanguage);
  const heading = title ?? frameworkTitle;
  const tab = (page: "scores" | "structure", label: ReactNode) => (
    <Link
      to={page === "scores" ? paths.scores(framework.id) : paths.structure(framework.id)}
      className="tabs__tab"
      aria-current={current === page ? "page" : undefined}
    >
      {label}
    </Link>
  );
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={paths.overview()}>{t("frameworks")}</Link>
          </li>
          <li>
            <Link to={paths.scores(framework.id)}>{frameworkTitle}</Link>
          </li>
          {crumbs.map((crumb) => (
            <li key={crumb.to}>
              <Link to={crumb.to}>{crumb.label}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <PageTitle
        text={heading}
        eyebrow={
          title ? frameworkTitle : `${t("version")} ${framework.version} · ${framework.code.toUpperCase()}`
        }
      >
        {heading}
      </PageTitle>
      {current !== "country" && (
        <>
          {framework.description && (
            <p className="lead">{pick(framework.description, framework.defaultLanguage)}</p>
          )}
          <nav className="tabs" aria-label={frameworkTitle}>
            {tab("scores", t("scoresTab"))}
            {tab("structure", t("structureTab"))}
          </nav>
        </>
      )}
    </>
  );
}
