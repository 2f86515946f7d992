import { beforeAll, describe, expect, it } from "vitest";
import { buildDemoReleases } from "../../test/support/release-fixture.ts";
import type { ReleaseSnapshot } from "../core/index.ts";
import type { PortalContext } from "./context.ts";
import {
  assetPaths,
  countryDownloadPath,
  downloadFormats,
  parsePortalPath,
  portalRoutes,
  releaseDownloadPath,
  renderPortalNotFound,
  renderPortalPage,
  reportPath,
  routePath,
} from "./render.tsx";
import { relativeHref } from "./routes.ts";

let first: ReleaseSnapshot;
let second: ReleaseSnapshot;
let ctx: PortalContext;

beforeAll(async () => {
  ({ first, second } = await buildDemoReleases());
  ctx = {
    releases: [first, second].map((s) => ({
      slug: s.release.slug,
      version: s.release.version,
      period: s.release.period,
      publishedAt: s.release.publishedAt,
      notes: s.release.notes,
      supersededBy: null,
    })),
    languages: ["en", "fr", "ar"],
    mode: "static",
  };
});

/** Every href/src of a page, as written. */
function links(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

/** The files a release declares besides its pages (downloads, reports, assets). */
function declaredFiles(snapshot: ReleaseSnapshot, languages: string[]): Set<string> {
  const files = new Set<string>([assetPaths.css, assetPaths.js]);
  for (const f of downloadFormats) {
    files.add(releaseDownloadPath(snapshot.release.slug, f));
    for (const c of snapshot.countries) files.add(countryDownloadPath(c.code, f));
  }
  for (const lang of languages)
    for (const target of ["regional", ...snapshot.countries.map((c) => c.code)])
      for (const f of ["pdf", "docx"] as const) files.add(reportPath(lang, target, f));
  return files;
}

describe("portal routes", () => {
  it("reads back every route from its path, and nothing from unknown paths", () => {
    for (const route of portalRoutes(second, ctx)) expect(parsePortalPath(routePath(route))).toEqual(route);
    expect(parsePortalPath("/en/countries/md")).toEqual({ page: "country", lang: "en", country: "md" });
    expect(parsePortalPath("en/countries/md/index.html")).toEqual({
      page: "country",
      lang: "en",
      country: "md",
    });
    expect(parsePortalPath("en/compare/?c=MD&c=ge&c=bad1")).toEqual({
      page: "compare",
      lang: "en",
      countries: ["md", "ge"],
    });
    for (const bad of ["en/nowhere/", "EN!/", "en/countries/mda/", "en/embed/countries/md/other/", "../x/"])
      expect(parsePortalPath(bad), bad).toBeNull();
  });

  it("writes relative links between paths of the release", () => {
    expect(relativeHref("en/countries/md/", "en/compare/")).toBe("../../compare/");
    expect(relativeHref("en/", "")).toBe("../");
    expect(relativeHref("", "en/")).toBe("en/");
    expect(relativeHref("en/compare/", "en/compare/")).toBe("./");
    expect(relativeHref("ar/indicators/cv.01/", "assets/portal.css")).toBe("../../../assets/portal.css");
    expect(relativeHref("en/", "en/compare/?c=md")).toBe("compare/?c=md");
  });

  it("returns null for what the release does not hold", () => {
    expect(renderPortalPage(second, { page: "country", lang: "en", country: "zz" }, ctx)).toBeNull();
    expect(renderPortalPage(second, { page: "indicator", lang: "en", indicator: "nope" }, ctx)).toBeNull();
    expect(renderPortalPage(second, { page: "home", lang: "de" }, ctx)).toBeNull();
  });
});

describe("portal pages", () => {
  it("renders every page in English, French and Arabic with working relative links", () => {
    const routes = portalRoutes(second, ctx);
    const paths = new Set(routes.map(routePath));
    const files = declaredFiles(second, ctx.languages);
    const kinds = new Set<string>();
    const broken: string[] = [];
    for (const route of routes) {
      const html = renderPortalPage(second, route, ctx);
      expect(html, routePath(route)).not.toBeNull();
      expect(html!.startsWith("<!DOCTYPE html><html lang=")).toBe(true);
      if (route.page !== "root") {
        expect(html).toContain(`<html lang="${route.lang}" dir="${route.lang === "ar" ? "rtl" : "ltr"}">`);
        kinds.add(`${route.page}:${route.lang}`);
      }
      const from = new URL(routePath(route), "http://portal.test/release/");
      for (const href of links(html!)) {
        if (/^(https?:|data:|mailto:|#)/.test(href)) continue;
        const url = new URL(href, from);
        const rel = url.pathname.startsWith("/release/")
          ? decodeURI(url.pathname.slice("/release/".length))
          : null;
        if (rel === null || (!paths.has(rel) && !files.has(rel)))
          broken.push(`${routePath(route)} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
    expect(kinds.size).toBe(14 * 3);
  });

  it("shows the snapshot's ranks and scores in the ranking", () => {
    const html = renderPortalPage(second, { page: "home", lang: "en" }, ctx)!;
    const rows = [
      ...html.matchAll(
        /<tr><td class="num">(\d+)<\/td><th scope="row"><a href="countries\/([a-z]{2})\/">[^<]+<\/a><\/th><td class="num">.*?scorebar__value">([\d.]+)</g,
      ),
    ];
    const root = second.framework.nodes.find((n) => n.parent === null)!.code;
    const expected = second.scores.filter((s) => s.item === root && s.score !== null);
    expect(rows.length).toBe(expected.length);
    for (const [, rank, cc, score] of rows) {
      const s = expected.find((x) => x.country === cc!.toUpperCase())!;
      expect(Number(rank)).toBe(s.rank);
      expect(score).toBe(s.score!.toFixed(second.framework.precision));
    }
  });

  it("shows each country's section scores and the regional averages on its profile", () => {
    const sections = second.framework.nodes.filter((n) => n.parent === "cpi");
    for (const country of second.countries) {
      const html = renderPortalPage(
        second,
        { page: "country", lang: "en", country: country.code.toLowerCase() },
        ctx,
      )!;
      for (const n of sections) {
        const score = second.scores.find((s) => s.country === country.code && s.item === n.code)!.score!;
        const average = second.regional.find((r) => r.item === n.code)!.average!;
        expect(html).toContain(`<th scope="row">${n.label.en}</th><td class="num">${score.toFixed(1)}</td>`);
        expect(html).toMatch(
          new RegExp(`<th scope="row">${n.label.en}</th>.*?<td class="num">${average.toFixed(1)}</td>`),
        );
      }
    }
  });

  it("computes the law-and-policy versus implementation gap from the classification scores", () => {
    const html = renderPortalPage(second, { page: "country", lang: "en", country: "ge" }, ctx)!;
    const score = (item: string) => second.scores.find((s) => s.country === "GE" && s.item === item)!.score!;
    const gap = second.framework.gap!;
    const mean = (values: string[]) =>
      values.reduce((s, v) => s + score(`dimension:${v}`), 0) / values.length;
    const expected = Math.round((mean(gap.policy) - mean(gap.implementation)) * 10) / 10;
    const shown = /class="gap__value"><bdi dir="ltr">([+−][\d.]+)</.exec(html)![1]!;
    expect(Number(shown.replace("−", "-"))).toBe(expected);
  });

  it("draws Kosovo on the map as a link to its profile", () => {
    const html = renderPortalPage(second, { page: "home", lang: "en" }, ctx)!;
    expect(html).toMatch(
      /<a href="countries\/xk\/"><title>Kosovo: [\d.]+ \(\w+\)<\/title><path d="M[^"]{100,}"/,
    );
  });

  it("writes Arabic pages right to left with Arabic words", () => {
    const html = renderPortalPage(second, { page: "home", lang: "ar" }, ctx)!;
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain("الترتيب");
    expect(html).toContain("كوسوفو");
  });

  it("escapes markup in framework texts, country names and sources", () => {
    const evil = "<script>alert(1)</script>";
    const tampered: ReleaseSnapshot = structuredClone(second);
    tampered.framework.indicators[0]!.text.en = `Indicator ${evil}`;
    tampered.framework.title.en = `Index ${evil}`;
    tampered.countries[0]!.name.en = `Country ${evil}`;
    const answer = tampered.answers.find((a) => a.indicator === tampered.framework.indicators[0]!.code)!;
    answer.evidence = [
      {
        kind: "url",
        citation: evil,
        url: "javascript:alert(1)",
        legalReference: null,
        sourceDate: null,
        fileName: null,
      },
    ];
    const code = tampered.framework.indicators[0]!.code;
    for (const route of [
      { page: "home", lang: "en" },
      { page: "indicator", lang: "en", indicator: code },
      { page: "compare", lang: "en" },
    ] as const) {
      const html = renderPortalPage(tampered, route, ctx)!;
      expect(html).not.toContain("<script>alert");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).not.toContain('href="javascript:');
    }
  });

  it("hides the compare columns not picked in ?c=", () => {
    const html = renderPortalPage(second, { page: "compare", lang: "en", countries: ["md", "ge"] }, ctx)!;
    expect(html.includes('<input type="checkbox" name="c" checked="" value="md"/>')).toBe(true);
    expect(html.includes('<input type="checkbox" name="c" value="al"/>')).toBe(true);
    expect(html.includes('data-cc="al" hidden=""')).toBe(true);
    expect(html.includes('data-cc="md" hidden=""')).toBe(false);
  });

  it("links other releases only when live", () => {
    const live = renderPortalPage(second, { page: "releases", lang: "fr" }, { ...ctx, mode: "live" })!;
    expect(live).toContain(`href="../../../${first.release.slug}/fr/"`);
    const stat = renderPortalPage(second, { page: "releases", lang: "fr" }, ctx)!;
    expect(stat).not.toContain(`${first.release.slug}/fr/`);
  });

  it("renders a not-found page rooted at the release address", () => {
    const html = renderPortalNotFound(second, "fr", "/portal/x/", ctx);
    expect(html).toContain("Page introuvable");
    expect(html).toContain('href="/portal/x/assets/portal.css"');
    expect(html).toContain('href="/portal/x/fr/"');
  });
});
