import type { ReactNode } from "react";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { type UiLanguage, uiLanguageNames, uiLanguages } from "../i18n/messages.ts";
import { Link, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { NotificationsBell } from "./notifications-bell.tsx";
import { UserMenu } from "./user-menu.tsx";
import "./workspace.css";

function LanguageSwitch() {
  const { lang, setLang, t } = useLanguage();
  return (
    <div className="language-switch">
      <label htmlFor="language">{t("language")}</label>
      <select id="language" value={lang} onChange={(e) => setLang(e.target.value as UiLanguage)}>
        {(Object.keys(uiLanguages) as UiLanguage[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {uiLanguageNames[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

function BrandMark() {
  // A simple mark: a rising bar chart inside a rounded square.
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <rect x="8" y="17" width="4" height="8" rx="1" fill="#7dd3c8" />
      <rect x="14" y="12" width="4" height="13" rx="1" fill="#b9e6df" />
      <rect x="20" y="7" width="4" height="18" rx="1" fill="#ffffff" />
    </svg>
  );
}

/** Links to the workspace pages, each shown only to those who may use it. */
function WorkspaceLinks() {
  const { t } = useLanguage();
  const { user, may } = useSession();
  if (!user) return null;
  return (
    <>
      <NavLink to={paths.work()}>{t("myWork")}</NavLink>
      {may("assessment:review") && <NavLink to={paths.reviewQueue()}>{t("rvQueueNav")}</NavLink>}
      <NavLink to={paths.recommendations()}>{t("rcNav")}</NavLink>
      {may("cycle:manage") && <NavLink to={paths.adminNewCycle()}>{t("newCycleNav")}</NavLink>}
      {may("user:invite") && <NavLink to={paths.adminInvitations()}>{t("inviteNav")}</NavLink>}
      {may("outbox:read") && <NavLink to={paths.adminOutbox()}>{t("outboxNav")}</NavLink>}
      {may("release:publish") && <NavLink to={paths.adminReleases()}>{t("pbNav")}</NavLink>}
    </>
  );
}

/** A header link that says (aria-current) when it is the page being shown. */
function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <Link to={to} aria-current={pathname === to ? "page" : undefined}>
      {children}
    </Link>
  );
}

/** Header, skip link, main landmark and footer around every page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useLanguage();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={paths.overview()} className="brand">
            <BrandMark />
            <span className="brand__text">
              <span className="brand__name">{t("appName")}</span>
              <span className="brand__tagline">{t("tagline")}</span>
            </span>
          </Link>
          <nav aria-label={t("workspaceNav")} className="site-nav">
            <Link to={paths.overview()}>{t("frameworks")}</Link>
            <WorkspaceLinks />
            <a href="/portal/">{t("publicPortal")}</a>
            <a href="/api/docs">{t("apiDocs")}</a>
          </nav>
          <div className="site-header__tools">
            <LanguageSwitch />
            <NotificationsBell />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer")}</p>
      </footer>
    </>
  );
}
