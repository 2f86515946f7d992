/** The pages of the app and the paths that lead to them. */
export type Route =
  | { page: "overview" }
  | { page: "scores"; frameworkId: string }
  | { page: "structure"; frameworkId: string }
  | { page: "country"; frameworkId: string; country: string }
  | { page: "not-found" };

const patterns: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/$/, () => ({ page: "overview" })],
  [/^\/frameworks\/([^/]+)$/, (m) => ({ page: "scores", frameworkId: m[1]! })],
  [/^\/frameworks\/([^/]+)\/structure$/, (m) => ({ page: "structure", frameworkId: m[1]! })],
  [
    /^\/frameworks\/([^/]+)\/countries\/([A-Za-z]{2})$/,
    (m) => ({ page: "country", frameworkId: m[1]!, country: m[2]!.toUpperCase() }),
  ],
];

/** Finds the page for a path; unknown paths get the not-found page rather than a blank screen. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const [pattern, build] of patterns) {
    const match = path.match(pattern);
    if (match) return build(match);
  }
  return { page: "not-found" };
}

/** Paths to each page, so links are written in one place. */
export const paths = {
  overview: () => "/",
  scores: (frameworkId: string, period?: string) =>
    `/frameworks/${frameworkId}${period ? `?cycle=${encodeURIComponent(period)}` : ""}`,
  structure: (frameworkId: string) => `/frameworks/${frameworkId}/structure`,
  country: (frameworkId: string, country: string) => `/frameworks/${frameworkId}/countries/${country}`,
};
