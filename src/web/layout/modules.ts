import type { Action } from "../../core/index.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { paths } from "../routing/routes.ts";

/** A page of a module, shown to those who may do `needs` somewhere (or to everyone signed in). */
export interface ModulePage {
  label: MessageKey;
  to: string;
  needs?: Action;
  /** Paths that belong to this page besides `to` itself (a prefix, e.g. `/results/plans/`). */
  prefix?: string;
}

export interface AppModule {
  key: "index" | "recommendations" | "results" | "children" | "network" | "reporting" | "budgets" | "admin";
  label: MessageKey;
  /** Whether the module is for signed-in people only. */
  signedIn: boolean;
  pages: ModulePage[];
}

/**
 * The app's modules, each with its pages: the top bar lists the modules, the bar
 * under it the pages of the current one. Only modules that exist are listed
 * (every module of the product is listed).
 */
export const MODULES: readonly AppModule[] = [
  {
    key: "index",
    label: "navIndex",
    signedIn: false,
    pages: [
      { label: "frameworks", to: paths.overview(), prefix: "/frameworks/" },
      { label: "myWork", to: paths.work(), prefix: "/assessments/" },
      { label: "rvQueueNav", to: paths.reviewQueue(), needs: "assessment:review" },
      { label: "anNav", to: paths.analysis(), needs: "release:publish" },
    ],
  },
  {
    key: "recommendations",
    label: "rcNav",
    signedIn: true,
    pages: [
      { label: "rcSearchNav", to: paths.recommendations(), prefix: "/recommendations/" },
      { label: "rcDashboardNav", to: paths.recommendationsDashboard() },
      { label: "rcSynergiesNav", to: paths.recommendationsSynergies() },
      { label: "rcImportNav", to: paths.recommendationsImport(), needs: "recommendation:import" },
    ],
  },
  {
    key: "results",
    label: "rsNav",
    signedIn: true,
    pages: [{ label: "rsPlansNav", to: paths.results(), prefix: "/results/" }],
  },
  {
    key: "children",
    label: "chNav",
    signedIn: true,
    pages: [
      {
        label: "chConsultationsNav",
        to: paths.children(),
        prefix: "/children/c",
        needs: "consultation:read",
      },
      { label: "cdNewNav", to: paths.childrenNew(), needs: "consultation:design" },
    ],
  },
  {
    key: "network",
    label: "nwNav",
    signedIn: true,
    pages: [
      { label: "nwOrganisationsNav", to: paths.network(), prefix: "/network/" },
      { label: "nwApplicationsNav", to: paths.networkApplications(), needs: "network:manage" },
      { label: "naNav", to: paths.networkAreas(), prefix: "/network/areas/" },
    ],
  },
  {
    key: "reporting",
    label: "rpNav",
    signedIn: true,
    pages: [
      { label: "rpCalendarNav", to: paths.reportingCalendar(), needs: "report:read" },
      {
        label: "rpReportsNav",
        to: paths.reportingReports(),
        prefix: "/reporting/reports/",
        needs: "report:read",
      },
    ],
  },
  {
    key: "budgets",
    label: "bgNav",
    signedIn: true,
    pages: [{ label: "bgCountriesNav", to: paths.budgets(), prefix: "/budgets/", needs: "budget:read" }],
  },
  {
    key: "admin",
    label: "navAdmin",
    signedIn: true,
    pages: [
      { label: "newCycleNav", to: paths.adminNewCycle(), needs: "cycle:manage" },
      { label: "inviteNav", to: paths.adminInvitations(), needs: "user:invite" },
      { label: "umNav", to: paths.adminUsers(), needs: "user:manage" },
      { label: "alNav", to: paths.adminAudit(), needs: "audit:read" },
      { label: "secNav", to: paths.adminSecurity(), needs: "security:manage" },
      { label: "outboxNav", to: paths.adminOutbox(), needs: "outbox:read" },
      { label: "pbNav", to: paths.adminReleases(), needs: "release:publish" },
      { label: "fwNav", to: paths.adminFrameworks(), needs: "framework:manage" },
    ],
  },
];

/** The pages of each module a person may see; modules left with no page are left out. */
export function visibleModules(isSignedIn: boolean, may: (action: Action) => boolean): AppModule[] {
  return MODULES.filter((m) => isSignedIn || !m.signedIn)
    .map((m) => ({
      ...m,
      pages: m.pages.filter((p) => (!p.needs || may(p.needs)) && (isSignedIn || p.to === "/")),
    }))
    .filter((m) => m.pages.length > 0);
}

/** The page a path belongs to: the longest match of a page's path or prefix. */
export function currentPage(
  modules: readonly AppModule[],
  pathname: string,
): { module: AppModule; page: ModulePage } | null {
  let best: { module: AppModule; page: ModulePage; length: number } | null = null;
  for (const module of modules) {
    for (const page of module.pages) {
      const length =
        pathname === page.to
          ? page.to.length + 1
          : page.prefix && pathname.startsWith(page.prefix)
            ? page.prefix.length
            : 0;
      if (length > (best?.length ?? 0)) best = { module, page, length };
    }
  }
  return best && { module: best.module, page: best.page };
}
