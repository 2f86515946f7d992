/**
 * The portal's addresses, relative to a release's root (`/portal/{slug}/` live,
 * the export folder when static). Every page is a folder (`en/compare/`), so
 * the same relative links work from a live server and a static file host.
 */

/** Pages that exist once per language. */
export type LanguagePage =
  | "home"
  | "compare"
  | "indicators"
  | "methodology"
  | "downloads"
  | "releases"
  | "members"
  | "embed-map"
  | "embed-ranking"
  | "print-regional";

/** Pages that exist once per language and country. */
export type CountryPage =
  | "country"
  | "country-members"
  | "country-areas"
  | "embed-sections"
  | "embed-trend"
  | "print-country";

export type PortalRoute =
  | { page: "root" }
  | { page: LanguagePage; lang: string; countries?: string[] }
  | { page: CountryPage; lang: string; country: string }
  | { page: "indicator"; lang: string; indicator: string }
  | { page: "member"; lang: string; member: string };

const LANGUAGE_PAGES: Record<string, LanguagePage> = {
  "": "home",
  "compare/": "compare",
  "indicators/": "indicators",
  "methodology/": "methodology",
  "downloads/": "downloads",
  "releases/": "releases",
  "members/": "members",
  "embed/map/": "embed-map",
  "embed/ranking/": "embed-ranking",
  "print/regional/": "print-regional",
};
const LANGUAGE_PATHS = Object.fromEntries(Object.entries(LANGUAGE_PAGES).map(([p, page]) => [page, p]));

const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const COUNTRY = /^[a-z]{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The path of a page relative to the release root, always ending with `/` (the root is ""). */
export function routePath(route: PortalRoute): string {
  switch (route.page) {
    case "root":
      return "";
    case "country":
      return `${route.lang}/countries/${route.country.toLowerCase()}/`;
    case "country-members":
      return `${route.lang}/countries/${route.country.toLowerCase()}/members/`;
    case "country-areas":
      return `${route.lang}/countries/${route.country.toLowerCase()}/areas/`;
    case "embed-sections":
      return `${route.lang}/embed/countries/${route.country.toLowerCase()}/sections/`;
    case "embed-trend":
      return `${route.lang}/embed/countries/${route.country.toLowerCase()}/trend/`;
    case "print-country":
      return `${route.lang}/print/countries/${route.country.toLowerCase()}/`;
    case "indicator":
      return `${route.lang}/indicators/${encodeURIComponent(route.indicator)}/`;
    case "member":
      return `${route.lang}/members/${route.member.toLowerCase()}/`;
    default:
      return `${route.lang}/${LANGUAGE_PATHS[route.page]}`;
  }
}

/** The compare page's query string for a choice of countries (`?c=md&c=ge`), "" for all. */
export function compareQuery(countries: string[] | undefined): string {
  if (!countries?.length) return "";
  return `?${countries.map((c) => `c=${encodeURIComponent(c.toLowerCase())}`).join("&")}`;
}

/**
 * Reads a path relative to the release root (`en/countries/md/`, with or
 * without the final slash or a trailing `index.html`; `?c=` on the compare
 * page) into a route. Returns null when the path names no page.
 */
export function parsePortalPath(path: string): PortalRoute | null {
  const [rawPath = "", query = ""] = path.split("?", 2);
  let rest = rawPath.replace(/^\/+/, "").replace(/(^|\/)index\.html$/, "$1");
  if (rest === "") return { page: "root" };
  if (!rest.endsWith("/")) rest += "/";
  const slash = rest.indexOf("/");
  const lang = rest.slice(0, slash);
  if (!LANG.test(lang)) return null;
  const tail = rest.slice(slash + 1);
  const page = LANGUAGE_PAGES[tail];
  if (page) {
    if (page !== "compare") return { page, lang };
    const countries = new URLSearchParams(query)
      .getAll("c")
      .map((c) => c.toLowerCase())
      .filter((c) => COUNTRY.test(c));
    return countries.length ? { page, lang, countries } : { page, lang };
  }
  const parts = tail.slice(0, -1).split("/");
  const [a, b, c, d] = parts;
  if (parts.length === 2 && a === "countries" && COUNTRY.test(b!))
    return { page: "country", lang, country: b! };
  if (parts.length === 3 && a === "countries" && COUNTRY.test(b!) && c === "members")
    return { page: "country-members", lang, country: b! };
  if (parts.length === 3 && a === "countries" && COUNTRY.test(b!) && c === "areas")
    return { page: "country-areas", lang, country: b! };
  if (parts.length === 3 && a === "print" && b === "countries" && COUNTRY.test(c!))
    return { page: "print-country", lang, country: c! };
  if (parts.length === 4 && a === "embed" && b === "countries" && COUNTRY.test(c!)) {
    if (d === "sections") return { page: "embed-sections", lang, country: c! };
    if (d === "trend") return { page: "embed-trend", lang, country: c! };
  }
  if (parts.length === 2 && a === "members" && UUID.test(b!)) return { page: "member", lang, member: b! };
  if (parts.length === 2 && a === "indicators" && b) {
    try {
      return { page: "indicator", lang, indicator: decodeURIComponent(b) };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * A link from one page to another path under the same release root, as a
 * relative URL (`../../compare/`). Both paths are relative to the root; a
 * path ending in `/` is a folder.
 */
export function relativeHref(from: string, to: string): string {
  const fromDir = from
    .slice(0, from.lastIndexOf("/") + 1)
    .split("/")
    .filter(Boolean);
  const [toPath, suffix = ""] = splitSuffix(to);
  const target = toPath.split("/");
  const file = target.pop()!;
  let common = 0;
  while (common < fromDir.length && common < target.length && fromDir[common] === target[common]) common++;
  const up = "../".repeat(fromDir.length - common);
  const down = target
    .slice(common)
    .map((s) => `${s}/`)
    .join("");
  const href = `${up}${down}${file}`;
  return (href === "" ? "./" : href) + suffix;
}

function splitSuffix(to: string): [string, string] {
  const at = to.search(/[?#]/);
  return at < 0 ? [to, ""] : [to.slice(0, at), to.slice(at)];
}

/** The language-independent download files and per-language reports of a release (see portal.md). */
export const downloadFormats = ["csv", "answers.csv", "xlsx", "json", "sdmx.csv"] as const;
export type DownloadFormat = (typeof downloadFormats)[number];
/** How a download format is named to readers (file type names, not translated). */
export const downloadFormatNames: Record<DownloadFormat, string> = {
  csv: "CSV",
  "answers.csv": "CSV (answers)",
  xlsx: "XLSX",
  json: "JSON",
  "sdmx.csv": "SDMX-CSV",
};
export const reportFormats = ["pdf", "docx"] as const;

export function releaseDownloadPath(slug: string, format: DownloadFormat): string {
  return `downloads/${slug}.${format}`;
}
export function countryDownloadPath(country: string, format: DownloadFormat): string {
  return `downloads/countries/${country.toLowerCase()}.${format}`;
}
export function reportPath(lang: string, country: string | "regional", format: "pdf" | "docx"): string {
  return `${lang}/reports/${country === "regional" ? "regional" : country.toLowerCase()}.${format}`;
}
export const assetPaths = { css: "assets/portal.css", js: "assets/portal.js" } as const;
