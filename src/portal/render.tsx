import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReleaseSnapshot } from "../core/index.ts";
import { type PageEnv, type PortalContext, pageEnv, portalLanguages } from "./context.ts";
import { ComparePage } from "./pages/compare.tsx";
import { CountryPage } from "./pages/country.tsx";
import { CountryAreasPage, countriesWithAreas } from "./pages/country-areas.tsx";
import { DownloadsPage } from "./pages/downloads.tsx";
import { EmbedMapPage, EmbedRankingPage, EmbedSectionsPage, EmbedTrendPage } from "./pages/embeds.tsx";
import { HomePage } from "./pages/home.tsx";
import { IndicatorPage } from "./pages/indicator.tsx";
import { IndicatorsPage } from "./pages/indicators.tsx";
import { CountryMembersPage, directoryCountries, MemberPage, MembersPage } from "./pages/members.tsx";
import { MethodologyPage } from "./pages/methodology.tsx";
import {
  type PortalIndexEntry,
  PortalIndexPage,
  type PortalIndexPlan,
  type PortalIndexTracking,
} from "./pages/portal-index.tsx";
import { PrintCountryPage, PrintRegionalPage } from "./pages/print.tsx";
import { ReleasesPage } from "./pages/releases.tsx";
import { NotFoundPage, RootPage } from "./pages/root.tsx";
import { type LanguagePage, type PortalRoute, routePath as routePathOf } from "./routes.ts";

export type { PortalContext, PortalReleaseItem } from "./context.ts";
export { portalLanguages } from "./context.ts";
export type { PortalIndexEntry, PortalIndexTracking } from "./pages/portal-index.tsx";
export type { PortalRoute } from "./routes.ts";
export {
  assetPaths,
  countryDownloadPath,
  downloadFormats,
  parsePortalPath,
  releaseDownloadPath,
  reportFormats,
  reportPath,
  routePath,
} from "./routes.ts";

function withDefaults(snapshot: ReleaseSnapshot, ctx: PortalContext): PortalContext {
  return ctx.languages.length ? ctx : { ...ctx, languages: portalLanguages(snapshot.framework) };
}

function html(element: ReactElement): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`;
}

function pageFor(env: PageEnv, route: PortalRoute): ReactElement | null {
  const country = (code: string) => env.snap.countries.find((c) => c.code === code.toUpperCase())?.code;
  switch (route.page) {
    case "root":
      return <RootPage env={env} />;
    case "home":
      return <HomePage env={env} />;
    case "compare":
      return <ComparePage env={env} picked={route.countries} />;
    case "indicators":
      return <IndicatorsPage env={env} />;
    case "methodology":
      return <MethodologyPage env={env} />;
    case "downloads":
      return <DownloadsPage env={env} />;
    case "releases":
      return <ReleasesPage env={env} />;
    case "embed-map":
      return <EmbedMapPage env={env} />;
    case "embed-ranking":
      return <EmbedRankingPage env={env} />;
    case "print-regional":
      return <PrintRegionalPage env={env} />;
    case "members":
      return env.ctx.directory?.length ? <MembersPage env={env} /> : null;
    case "country-members": {
      const code = route.country.toLowerCase();
      return directoryCountries(env.ctx.directory ?? []).includes(code) ? (
        <CountryMembersPage env={env} country={code} />
      ) : null;
    }
    case "country-areas": {
      const code = route.country.toLowerCase();
      return countriesWithAreas(env.snap.areas).includes(code) ? (
        <CountryAreasPage env={env} country={code} shapes={env.ctx.areaShapes?.[code.toUpperCase()]} />
      ) : null;
    }
    case "member":
      return (env.ctx.directory ?? []).some((e) => e.id === route.member) ? (
        <MemberPage env={env} id={route.member} />
      ) : null;
    case "indicator": {
      const ind = env.fw.indicators.find((i) => i.code === route.indicator);
      return ind ? <IndicatorPage env={env} ind={ind} /> : null;
    }
    default: {
      const cc = country(route.country);
      if (!cc) return null;
      if (route.page === "country") return <CountryPage env={env} country={cc} />;
      if (route.page === "embed-sections") return <EmbedSectionsPage env={env} country={cc} />;
      if (route.page === "embed-trend") return <EmbedTrendPage env={env} country={cc} />;
      return <PrintCountryPage env={env} country={cc} />;
    }
  }
}

/**
 * Renders one portal page of a release as a full HTML document, or null when
 * the route names nothing in it (unknown language, country or indicator).
 * Everything shown comes from the snapshot; every link is relative.
 */
export function renderPortalPage(
  snapshot: ReleaseSnapshot,
  route: PortalRoute,
  ctx: PortalContext,
): string | null {
  const context = withDefaults(snapshot, ctx);
  const lang = route.page === "root" ? snapshot.framework.defaultLanguage : route.lang;
  if (route.page !== "root" && !context.languages.includes(lang)) return null;
  const page = pageFor(pageEnv(snapshot, route, lang, context), route);
  return page ? html(page) : null;
}

/**
 * The "page not found" document for a path under a release. `root` is the
 * address of the release root as the reader's browser sees it (`/portal/{slug}/`),
 * since the unknown path gives no base for relative links.
 */
export function renderPortalNotFound(
  snapshot: ReleaseSnapshot,
  lang: string,
  root: string,
  ctx: PortalContext,
): string {
  const context = withDefaults(snapshot, ctx);
  const language = context.languages.includes(lang) ? lang : snapshot.framework.defaultLanguage;
  const route: PortalRoute = { page: "home", lang: language };
  const env = pageEnv(snapshot, route, language, context);
  const rooted: PageEnv = {
    ...env,
    href: (to) => `${root}${typeof to === "string" ? to : routePathOf(to)}`,
  };
  return html(<NotFoundPage env={rooted} />);
}

const LANGUAGE_PAGES: LanguagePage[] = [
  "home",
  "compare",
  "indicators",
  "methodology",
  "downloads",
  "releases",
  "embed-map",
  "embed-ranking",
  "print-regional",
];

/** Every page of a release in every language, for the static export and link checks. */
export function portalRoutes(snapshot: ReleaseSnapshot, ctx: PortalContext): PortalRoute[] {
  const { languages } = withDefaults(snapshot, ctx);
  const routes: PortalRoute[] = [{ page: "root" }];
  for (const lang of languages) {
    for (const page of LANGUAGE_PAGES) routes.push({ page, lang });
    for (const c of snapshot.countries) {
      const country = c.code.toLowerCase();
      routes.push(
        { page: "country", lang, country },
        { page: "embed-sections", lang, country },
        { page: "embed-trend", lang, country },
        { page: "print-country", lang, country },
      );
    }
    for (const country of countriesWithAreas(snapshot.areas))
      routes.push({ page: "country-areas", lang, country });
    for (const i of snapshot.framework.indicators)
      routes.push({ page: "indicator", lang, indicator: i.code });
    if (ctx.directory?.length) {
      routes.push({ page: "members", lang });
      for (const country of directoryCountries(ctx.directory))
        routes.push({ page: "country-members", lang, country });
      for (const entry of ctx.directory) routes.push({ page: "member", lang, member: entry.id });
    }
  }
  return routes;
}

/** The live portal's front page: every published release, newest first (links relative to `/portal/`). */
export function renderPortalIndex(
  releases: PortalIndexEntry[],
  lang: string,
  options: {
    root?: string;
    notFound?: boolean;
    trackings?: PortalIndexTracking[];
    plans?: PortalIndexPlan[];
  } = {},
): string {
  const language = ["en", "fr", "ar"].includes(lang) ? lang : "en";
  return html(<PortalIndexPage releases={releases} lang={language} {...options} />);
}
