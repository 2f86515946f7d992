import type { ReactNode } from "react";
import type { PageEnv } from "./context.ts";
import { directionOf, languageNames } from "./i18n/translate.ts";
import { assetPaths, type LanguagePage, type PortalRoute, routePath } from "./routes.ts";

/** The same page in another language (the route with its language swapped). */
export function inLanguage(route: PortalRoute, lang: string): PortalRoute {
  return route.page === "root" ? route : { ...route, lang };
}

/** What every portal document's head starts with: charset, viewport, title, description, and no favicon request. */
export function HeadStart({ title, description }: { title: string; description: string }) {
  return (
    <>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <meta name="description" content={description} />
      <link rel="icon" href="data:," />
    </>
  );
}

function Head({ env, title, description }: { env: PageEnv; title: string; description: string }) {
  return (
    <head>
      <HeadStart title={title} description={description} />
      {env.snap.release.isDemo && <meta name="robots" content="noindex" />}
      <link rel="stylesheet" href={env.href(assetPaths.css)} />
      {env.ctx.languages.map((l) => (
        <link key={l} rel="alternate" hrefLang={l} href={env.href(inLanguage(env.route, l))} />
      ))}
      <script src={env.href(assetPaths.js)} defer />
    </head>
  );
}

const NAV: {
  page: LanguagePage;
  key: "navHome" | "navCompare" | "navIndicators" | "navMethodology" | "navDownloads" | "navMembers";
}[] = [
  { page: "home", key: "navHome" },
  { page: "compare", key: "navCompare" },
  { page: "indicators", key: "navIndicators" },
  { page: "methodology", key: "navMethodology" },
  { page: "downloads", key: "navDownloads" },
  { page: "members", key: "navMembers" },
];

/** Which navigation entry a page belongs to (a country profile belongs to the overview, an indicator to the explorer). */
function section(route: PortalRoute): LanguagePage | null {
  if (route.page === "country") return "home";
  if (route.page === "indicator") return "indicators";
  if (route.page === "country-members" || route.page === "member") return "members";
  return route.page === "root" ? null : (route.page as LanguagePage);
}

function DemoRibbon({ env }: { env: PageEnv }) {
  if (!env.snap.release.isDemo) return null;
  return (
    <div className="demo-ribbon" role="note">
      <strong>{env.t("demoRibbon")}</strong> {env.t("demoNotice")}
    </div>
  );
}

/** The header's language switch: each language by its own name, linking to this page in it, the current one marked. */
export function LanguageSwitch({
  label,
  languages,
  current,
  href,
}: {
  label: string;
  languages: readonly string[];
  current: string;
  href: (lang: string) => string;
}) {
  return (
    <nav className="lang-switch" aria-label={label}>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <a href={href(l)} hrefLang={l} lang={l} aria-current={l === current ? "true" : undefined}>
              {languageNames[l] ?? l}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The header of a page outside a release (the portal's front page, a tracking
 * publication): the brand with a title and a line under it, and the language switch.
 */
export function BrandHeader({
  title,
  line,
  languages,
}: {
  title: string;
  line: string;
  languages: Parameters<typeof LanguageSwitch>[0];
}) {
  return (
    <header className="site-header">
      <div className="site-header__top wrap">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__text">
            <span className="brand__title">{title}</span>
            <span className="brand__release">{line}</span>
          </span>
        </span>
        <LanguageSwitch {...languages} />
      </div>
    </header>
  );
}

function Header({ env, isOffNav }: { env: PageEnv; isOffNav: boolean }) {
  const r = env.snap.release;
  const current = isOffNav ? null : section(env.route);
  const title = env.fw.title;
  return (
    <header className="site-header">
      <div className="site-header__top wrap">
        <a className="brand" href={env.href({ page: "home", lang: env.lang })}>
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__text">
            <span className="brand__title" lang={env.textLang(title)} dir={directionOf(env.textLang(title))}>
              {env.text(title)}
            </span>
            <span className="brand__release">
              {env.t("releaseLine", { period: r.period, version: r.version, date: env.date(r.publishedAt) })}
            </span>
          </span>
        </a>
        <LanguageSwitch
          label={env.t("languageNav")}
          languages={env.ctx.languages}
          current={env.lang}
          href={(l) => env.href(inLanguage(env.route, l))}
        />
      </div>
      <nav className="site-nav" aria-label={env.t("siteNav")}>
        <ul className="wrap">
          {NAV.filter((item) => item.page !== "members" || env.ctx.directory?.length).map((item) => (
            <li key={item.page}>
              <a
                href={env.href({ page: item.page, lang: env.lang })}
                aria-current={current === item.page ? "page" : undefined}
              >
                {env.t(item.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function Footer({ env }: { env: PageEnv }) {
  const r = env.snap.release;
  return (
    <footer className="site-footer">
      <div className="wrap">
        <p>
          {env.t("footerCite", {
            title: env.text(env.fw.title),
            period: r.period,
            version: r.version,
            date: env.date(r.publishedAt),
          })}
        </p>
        <p>
          <a href={env.href({ page: "releases", lang: env.lang })}>{env.t("footerNotes")}</a>
          {" · "}
          <a href={env.href({ page: "methodology", lang: env.lang })}>{env.t("navMethodology")}</a>
          {" · "}
          <a href={env.href({ page: "downloads", lang: env.lang })}>{env.t("navDownloads")}</a>
        </p>
        <p className="site-footer__small">{env.t("footerLicence")}</p>
        <p className="site-footer__small">{env.t("footerMadeWith")}</p>
      </div>
    </footer>
  );
}

/**
 * The top of a page: an optional breadcrumb link back, the title (h1, or h2
 * when something above it is the page's title), its lead, and anything more
 * given as children (an about line, a notice).
 */
export function Hero({
  title,
  lead,
  back,
  className,
  level = 1,
  children,
}: {
  title: ReactNode;
  lead?: ReactNode;
  back?: { href: string; label: string };
  className?: string;
  level?: 1 | 2;
  children?: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h1";
  return (
    <div className={className ? `hero ${className}` : "hero"}>
      {back && (
        <p className="breadcrumb">
          <a href={back.href}>{back.label}</a>
        </p>
      )}
      <Heading>{title}</Heading>
      {lead && <p className="hero__lead">{lead}</p>}
      {children}
    </div>
  );
}

/** What a page document takes: its title (the index's title is added), its description and its body. */
interface DocumentProps {
  env: PageEnv;
  title: string;
  description: string;
  children: ReactNode;
}

/** The document around a page: language and direction, the head with "{title} · {index}", the body. */
function Html({ env, title, description, className, children }: DocumentProps & { className?: string }) {
  return (
    <html lang={env.lang} dir={env.dir}>
      <Head env={env} title={`${title} · ${env.text(env.fw.title)}`} description={description} />
      <body className={className}>{children}</body>
    </html>
  );
}

/** A full portal page: head, skip link, header with release and language switch, main, footer. */
export function PortalDocument({
  env,
  title,
  description,
  children,
  isOffNav = false,
}: DocumentProps & {
  /** The page belongs to no entry of the navigation (a page not found): none is marked current. */
  isOffNav?: boolean;
}) {
  return (
    <Html env={env} title={title} description={description}>
      <a className="skip-link" href="#main">
        {env.t("skipToContent")}
      </a>
      <DemoRibbon env={env} />
      <Header env={env} isOffNav={isOffNav} />
      <main id="main" className="wrap" tabIndex={-1}>
        {children}
      </main>
      <Footer env={env} />
    </Html>
  );
}

/** A bare page for an iframe or for printing: the content and a source line, no navigation. */
export function BareDocument({
  env,
  title,
  description,
  className,
  children,
}: DocumentProps & { className: string }) {
  return (
    <Html env={env} title={title} description={description} className={className}>
      <main id="main">{children}</main>
    </Html>
  );
}

/** The source line under an embedded chart, linking to the full portal page. */
export function SourceLine({ env, full }: { env: PageEnv; full: PortalRoute }) {
  const r = env.snap.release;
  return (
    <p className="source-line">
      {env.t("embedSource", { title: env.text(env.fw.title), period: r.period, version: r.version })}{" "}
      <a href={env.href(routePath(full))} target="_top">
        {env.t("openFullPage")}
      </a>
      {r.isDemo && <strong className="source-line__demo"> {env.t("demoRibbon")}</strong>}
    </p>
  );
}
