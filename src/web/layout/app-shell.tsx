import type { ReactNode } from "react";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { uiLanguageCodes } from "../i18n/language-files.ts";
import { languageName } from "../i18n/messages.ts";
import { Link, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { type AppModule, currentPage, type ModulePage, visibleModules } from "./modules.ts";
import { NotificationsBell } from "./notifications-bell.tsx";
import { UserMenu } from "./user-menu.tsx";
import "./workspace.css";

function LanguageSwitch() {
  const { lang, pending, setLang, t } = useLanguage();
  return (
    <div className="language-switch">
      <label htmlFor="language">{t("language")}</label>
      <select
        id="language"
        value={pending ?? lang}
        aria-busy={pending !== null}
        onChange={(e) => setLang(e.target.value)}
      >
        {uiLanguageCodes.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code)}
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

/** The modules (Index, Recommendations, Results, Administration) a person may use, the current one marked. */
function ModuleLinks({ modules, current }: { modules: AppModule[]; current: AppModule | undefined }) {
  const { t } = useLanguage();
  return (
    <>
      {modules.map((m) => (
        <Link key={m.key} to={m.pages[0]!.to} aria-current={m === current ? "true" : undefined}>
          {t(m.label)}
        </Link>
      ))}
    </>
  );
}

/** The pages of the current module, under the header; the page being shown is marked. */
function ModulePages({ module, page }: { module: AppModule; page: ModulePage | undefined }) {
  const { t } = useLanguage();
  return (
    <nav aria-label={t("navModulePages", { module: t(module.label) })} className="module-nav">
      <div className="module-nav__inner">
        {module.pages.map((p) => (
          <Link key={p.to} to={p.to} aria-current={p === page ? "page" : undefined}>
            {t(p.label)}
          </Link>
        ))}
      </div>
    </nav>
  );
}

/** Header, skip link, main landmark and footer around every page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useLanguage();
  const { user, may } = useSession();
  const { pathname } = useLocation();
  const modules = visibleModules(!!user, (action) => may(action));
  const here = currentPage(modules, pathname);
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
            <ModuleLinks modules={modules} current={here?.module} />
            <a href="/portal/">{t("publicPortal")}</a>
          </nav>
          <div className="site-header__tools">
            <LanguageSwitch />
            <NotificationsBell />
            <UserMenu />
          </div>
        </div>
        {here && <ModulePages module={here.module} page={here.page} />}
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t("footer")} · <a href="/api/docs">{t("apiDocs")}</a>
        </p>
      </footer>
    </>
  );
}
