import {
  type AreaShapeCollection,
  type Band,
  type BudgetSnapshot,
  type Framework,
  indexRelease,
  type LocalText,
  type PortalTracking,
  type PublicAnalysis,
  type ReleaseIndex,
  type ReleaseSnapshot,
} from "../core/index.ts";
import type { ChildrenVoiceOut } from "../server/api-schemas/children.ts";
import type { DirectoryEntryOut } from "../server/api-schemas/network.ts";
import type { PortalMessageKey } from "./i18n/catalog-en.ts";
import {
  dateFormatter,
  directionOf,
  numberLocaleOf,
  pickText,
  portalUiLanguages,
  translate,
} from "./i18n/translate.ts";
import { type PortalRoute, relativeHref, routePath } from "./routes.ts";

/** One release of the same framework, for the releases page (a ReleaseSummary or alike). */
export interface PortalReleaseItem {
  slug: string;
  version: number;
  period: string;
  publishedAt: string;
  notes: string;
  supersedes?: string | null;
  supersededBy?: string | null;
  isDemo?: boolean;
}

/** What the renderer needs besides the snapshot. */
export interface PortalContext {
  /** Releases of the same framework (newest first is not required). */
  releases: PortalReleaseItem[];
  /** Languages to render; by default the framework's languages and en, fr, ar. */
  languages: string[];
  /** Live: other releases are links (`../{slug}/`); static: they are plain text. */
  mode: "live" | "static";
  /** Absolute address of this release's root (ending in `/`), when known: used in embed snippets. */
  baseUrl?: string;
  /**
   * What children said in published consultations, per linked indicator (aggregates only, small
   * groups already left out by the server): shown beside the experts' answers.
   */
  childrenVoices?: ChildrenVoiceOut[];
  /** The release's latest published uncertainty analysis (rank intervals, sensitivity), if any. */
  analysis?: PublicAnalysis | null;
  /** Each country's latest published budget data (public investment in children), if any. */
  budgets?: BudgetSnapshot[];
  /** Each country's published tracking of UN recommendations (follow-up card, series), if any. */
  trackings?: PortalTracking[];
  /**
   * The public member directory: organisations that chose to be listed and are members now, with
   * only what each chose to publish (the server's `readDirectory`). No entries, no directory pages.
   */
  directory?: DirectoryEntryOut[];
  /**
   * The stored files of the directory's published logos, by organisation (the server's
   * `readPublicLogos`): served and exported as `logos/{id}.{ext}`. Never rendered.
   */
  directoryLogos?: Record<string, { logoPath: string; logoMediaType: string }>;
  /**
   * The shapes of the areas below each country (the server's `readAllAreaShapes`), by country
   * code: the areas pages draw a map of the areas that have one, and list them all either way.
   */
  areaShapes?: Record<string, AreaShapeCollection>;
}

/** The languages a release is shown in: the framework's, then en, fr and ar. */
export function portalLanguages(framework: Framework): string[] {
  return [...new Set([framework.defaultLanguage, ...framework.languages, "en", "fr", "ar"])];
}

/** Everything a page component needs: the release, the language and the helpers bound to them. */
export interface PageEnv {
  snap: ReleaseSnapshot;
  fw: Framework;
  idx: ReleaseIndex;
  ctx: PortalContext;
  lang: string;
  dir: "ltr" | "rtl";
  route: PortalRoute;
  /** This page's path relative to the release root. */
  path: string;
  rootNode: string;
  t(key: PortalMessageKey, vars?: Record<string, string | number>): string;
  /** A framework text in the page's language, else the framework's default language. */
  text(value: LocalText | undefined): string;
  /** The language a framework text is actually shown in (for a `lang` attribute when it differs). */
  textLang(value: LocalText | undefined): string;
  /** A relative link from this page to a route or a path under the release root. */
  href(to: PortalRoute | string): string;
  num(value: number, digits?: number): string;
  /** A share (0–1) as a percentage, `96%` / `96 %` as the language writes it. */
  pct(share: number, digits?: number): string;
  score(value: number | null | undefined): string;
  /** A signed change (`+4.4`, `−1.2`, `0.0`). */
  signed(value: number): string;
  date(iso: string): string;
  /** Words joined as the page's language joins a list ("A, B and C"; "أ و ب و ج"). */
  list(items: string[]): string;
  countryName(code: string): string;
  band(code: string | null | undefined): Band | undefined;
  itemLabel(item: string): string;
}

/** A country's name from the language's own data, for a country the release does not hold. */
function regionNameOf(lang: string, code: string): string {
  try {
    return new Intl.DisplayNames([lang, "en"], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const indexes = new WeakMap<ReleaseSnapshot, ReleaseIndex>();

/**
 * Wraps text of the other writing direction (an English index title in an
 * Arabic sentence) in Unicode isolates, so its punctuation stays with it.
 */
function isolateForeign(
  key: PortalMessageKey,
  vars: Record<string, string | number>,
  dir: "ltr" | "rtl",
): Record<string, string | number> {
  const foreign = dir === "rtl" ? /[A-Za-z]/ : /[\u0590-\u08FF]/;
  const choices = selectArguments(key);
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars))
    out[k] = typeof v === "string" && foreign.test(v) && !choices.has(k) ? `\u2068${v}\u2069` : v;
  return out;
}

const selects = new Map<PortalMessageKey, ReadonlySet<string>>();

/** The arguments a message chooses by (`{kind, select, …}`): keys, never shown, so never isolated. */
function selectArguments(key: PortalMessageKey): ReadonlySet<string> {
  let found = selects.get(key);
  if (!found) {
    found = new Set(
      [...portalUiLanguages.en[key].matchAll(/\{\s*(\w+)\s*,\s*select\s*,/g)].map((m) => m[1]!),
    );
    selects.set(key, found);
  }
  return found;
}

/** Builds the helpers of one page. */
export function pageEnv(
  snap: ReleaseSnapshot,
  route: PortalRoute,
  lang: string,
  ctx: PortalContext,
): PageEnv {
  const fw = snap.framework;
  let idx = indexes.get(snap);
  if (!idx) {
    idx = indexRelease(snap);
    indexes.set(snap, idx);
  }
  const path = routePath(route);
  const locale = numberLocaleOf(lang);
  const fallback = [lang, lang.split("-")[0]!, fw.defaultLanguage, "en"];
  const pick = (value: LocalText | undefined): [string, string] =>
    value ? pickText(value, fallback) : ["", lang];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const num = (value: number, digits = fw.precision) => {
    let f = numberFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      numberFormats.set(digits, f);
    }
    return f.format(value);
  };
  const date = dateFormatter(lang);
  const listFormat = new Intl.ListFormat(lang, { style: "long", type: "conjunction" });
  const nodes = new Map(fw.nodes.map((n) => [n.code, n]));
  const indicators = new Map(fw.indicators.map((i) => [i.code, i]));
  const countries = new Map(snap.countries.map((c) => [c.code, c]));
  const env: PageEnv = {
    snap,
    fw,
    idx,
    ctx,
    lang,
    dir: directionOf(lang),
    route,
    path,
    rootNode: fw.nodes.find((n) => n.parent === null)!.code,
    t: (key, vars) => translate(lang, key, vars && isolateForeign(key, vars, directionOf(lang))),
    text: (value) => pick(value)[0],
    textLang: (value) => pick(value)[1],
    href: (to) => relativeHref(path, typeof to === "string" ? to : routePath(to)),
    num,
    pct: (share, digits = 0) =>
      new Intl.NumberFormat(locale, {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(share),
    score: (value) => (value === null || value === undefined ? "–" : num(value)),
    signed: (value) => {
      const text = num(Math.abs(value));
      if (Number(text.replace(/[^0-9]/g, "")) === 0) return num(0);
      return `${value > 0 ? "+" : "−"}${text}`;
    },
    date,
    list: (items) => listFormat.format(items),
    countryName: (code) => pick(countries.get(code)?.name)[0] || regionNameOf(lang, code),
    band: (code) => (code ? fw.bands.find((b) => b.code === code) : undefined),
    itemLabel: (item) => {
      const node = nodes.get(item);
      if (node) return pick(node.label)[0];
      const indicator = indicators.get(item);
      if (indicator) return pick(indicator.text)[0];
      const [cls, value] = item.split(":", 2);
      const classification = fw.classifications.find((c) => c.code === cls);
      const v = classification?.values.find((x) => x.code === value);
      return v ? pick(v.label)[0] : item;
    },
  };
  return env;
}
