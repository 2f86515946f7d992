import { beforeAll, describe, expect, it } from "vitest";
import { buildFramework } from "../../test/support/arbitraries.ts";
import { release, v1, v2 } from "../../test/support/crosswalk-fixture.ts";
import { buildDemoReleases } from "../../test/support/release-fixture.ts";
import {
  buildAnalysisModel,
  compileFramework,
  DEFAULT_SETTINGS,
  evaluationCount,
  portalTracking,
  type ReleaseSnapshot,
  releaseAnalysisInput,
  runDraws,
  summariseDraws,
  type TrackingSnapshot,
} from "../core/index.ts";
import { buildReleaseSnapshot } from "../core/publishing/snapshot.ts";
import type { DirectoryEntryOut } from "../server/api-schemas/network.ts";
import type { PortalContext } from "./context.ts";
import { DIRECTORY_DOWNLOADS, directoryDownloadPath } from "./pages/members.tsx";
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
import { type PortalRoute, relativeHref } from "./routes.ts";

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

  it("keeps rank ranges left to right in Arabic (an isolate, so 1–3 does not show as 3–1)", () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      seed: 5,
      draws: 400,
      weights: { ...DEFAULT_SETTINGS.weights, defaultRange: 0.9 },
    };
    const { columns, period } = releaseAnalysisInput(second);
    const model = buildAnalysisModel(compileFramework(second.framework), columns, period, settings);
    const result = summariseDraws(model, [runDraws(model, 0, evaluationCount(model))]);
    const withAnalysis = {
      ...ctx,
      analysis: { version: 1, settings, result, publishedAt: "2026-01-01T00:00:00Z" },
    };
    const wide = result.entities.filter((e) => e.low > 0 && e.low < e.high);
    expect(wide.length).toBeGreaterThan(0);
    for (const lang of ["ar", "en"]) {
      const html = renderPortalPage(second, { page: "home", lang }, withAnalysis)!;
      const value = [
        ...html.matchAll(/<span class="rankint__value">.*?<span aria-hidden="true">(.*?)<\/span><\/span>/g),
      ];
      expect(value.length).toBe(result.entities.filter((e) => e.low > 0).length);
      // Every range shown is wrapped whole in a left-to-right isolate, low rank first.
      for (const [, shown] of value)
        expect(shown).toMatch(/^<bdi dir="ltr" class="rank-range">[^<–]+(–[^<–]+)?<\/bdi>$/);
      const ranges = value.map(([, shown]) => shown!.replace(/<[^>]+>/g, "")).filter((r) => r.includes("–"));
      expect(ranges.length).toBe(wide.length);
    }
  });

  it("says on a profile when the framework changed since the comparison, and marks methodology changes", () => {
    const first = release(v1, "2023", { h1: "yes", old: "no", e1: "partially", p1: 20 }, null);
    const second = release(v2, "2024", { care1: "yes", e1a: "yes", e1b: "no", p1: 20 }, first);
    const html = renderPortalPage(second, { page: "country", lang: "en", country: "md" }, ctx)!;
    const note = html.match(/<p class="chart__note" id="crosswalk-note">(.*?)<\/p>/)?.[1];
    expect(note).toContain("from version 1 to version 2 since 2023");
    // The renamed section shows its 2023 score under its new name, unmarked: only split, merged and rescored items are.
    expect(html).toMatch(/<th scope="row">care<\/th><td class="num">50\.0<\/td><td class="num">100\.0<\/td>/);
    expect(html).not.toContain("methodology-mark");
    expect(note).not.toContain("Changes marked *");
    const walk = v2.crosswalks![0]!;
    const rescoredEdu = buildFramework({
      ...v2,
      crosswalks: [{ ...walk, entries: [...walk.entries, { from: "edu", to: "edu", change: "rescored" }] }],
    });
    const marked = renderPortalPage(
      release(rescoredEdu, "2024", { care1: "yes", e1a: "yes", e1b: "no", p1: 20 }, first),
      { page: "country", lang: "en", country: "md" },
      ctx,
    )!;
    const rows = [...marked.matchAll(/<tr><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/g)].filter((m) =>
      m[2]!.includes("change--"),
    );
    expect(rows.filter((m) => m[2]!.includes("methodology-mark")).map((m) => m[1])).toEqual(["edu"]);
    expect(marked).toContain("Changes marked * come partly from a change of methodology");
    const same = renderPortalPage(
      release(v1, "2024", { h1: "no" }, first),
      { page: "country", lang: "en", country: "md" },
      ctx,
    )!;
    expect(same).not.toContain("crosswalk-note");
  });

  it("shows a node's normalisation, goalposts and imputation on the methodology page", () => {
    const fw = buildFramework({
      ...v1,
      nodes: v1.nodes.map((n) =>
        n.code === "edu"
          ? {
              ...n,
              normalisation: "rank" as const,
              goalposts: { min: 0, max: "data" as const },
              imputation: "median" as const,
            }
          : n,
      ),
    });
    const snap = release(fw, "2023", { h1: "yes", e1: "partially", p1: 20 }, null);
    const html = renderPortalPage(snap, { page: "methodology", lang: "en" }, ctx)!;
    const edu = html.match(
      /<span class="tree__label">edu<\/span> <span class="tree__meta">(.*?)<\/span>/,
    )?.[1];
    expect(edu).toContain(" · percentile rank · goalposts 0 to the data · missing answers: the median");
    const health = html.match(
      /<span class="tree__label">health<\/span> <span class="tree__meta">(.*?)<\/span>/,
    )?.[1];
    expect(health).not.toContain("missing answers");
  });

  it("marks imputed values on country and indicator pages and counts them in the methodology's coverage", () => {
    const fw = buildFramework({
      ...v1,
      nodes: v1.nodes.map((n) => (n.code === "edu" ? { ...n, imputation: "group" as const } : n)),
      groups: [{ code: "east", members: ["MD", "UA"] }],
    });
    const answersOf = (country: string, values: Record<string, string | number>) =>
      Object.entries(values).map(([indicator, value]) => ({
        country,
        indicator,
        value,
        justification: null,
        evidence: [],
      }));
    const snap = buildReleaseSnapshot({
      release: { ...release(fw, "2023", {}, null).release },
      framework: fw,
      countries: [
        { code: "MD", name: { en: "Moldova" } },
        { code: "UA", name: { en: "Ukraine" } },
      ],
      answers: [
        ...answersOf("MD", { h1: "yes", old: "no", e1: "partially" }),
        ...answersOf("UA", { h1: "no", old: "no", e1: "yes", p1: 40 }),
      ],
      comparison: null,
    });
    // MD's p1 is filled with the group's mean (UA's 40), and marked; UA's own answer is not.
    expect(snap.scores.find((s) => s.country === "MD" && s.item === "p1")).toMatchObject({
      score: 40,
      imputed: true,
    });
    expect(snap.scores.find((s) => s.country === "UA" && s.item === "p1")?.imputed).toBeUndefined();
    const indicator = renderPortalPage(snap, { page: "indicator", lang: "en", indicator: "p1" }, ctx)!;
    expect(indicator.match(/class="imputed-mark"/g)).toHaveLength(1);
    const country = renderPortalPage(snap, { page: "country", lang: "en", country: "md" }, ctx)!;
    const at = country.indexOf("imputed-mark");
    expect(at).toBeGreaterThan(0);
    expect(country.slice(at - 60, at)).toMatch(/>40(\.0)?[^<]*(<!-- -->)? ?<span class="$/);
    expect(country.match(/class="imputed-mark"/g)).toHaveLength(1);
    const other = renderPortalPage(snap, { page: "country", lang: "en", country: "ua" }, ctx)!;
    expect(other).not.toContain("imputed-mark");
    const methodology = renderPortalPage(snap, { page: "methodology", lang: "en" }, ctx)!;
    const coverage = methodology.slice(methodology.indexOf('id="coverage"'));
    const moldova = coverage.match(/<th scope="row">Moldova<\/th>(.*?)<\/tr>/)?.[1] ?? "";
    // Answered 3 of 4, none not applicable, 1 imputed.
    expect([...moldova.matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => m[1]).slice(1, 3)).toEqual([
      "0",
      "1",
    ]);
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

  it("shows a country's follow-up card and implementation series from its published tracking, in en, fr and ar", () => {
    const country = second.countries[0]!.code;
    const version = (n: number, status: "not_started" | "implemented"): TrackingSnapshot => ({
      format: "childmark-tracking/1",
      slug: `${country.toLowerCase()}-tracking-v${n}`,
      country: { code: country, name: { en: country } },
      version: n,
      publishedAt: `202${4 + n}-06-01T00:00:00.000Z`,
      notes: "",
      supersedes: null,
      recommendations: [
        {
          mechanism: "upr",
          session: "46",
          cycle: "4",
          documentSymbol: "A/HRC/46/X",
          paragraph: "101.1",
          issuedOn: "2024-05-01",
          recommendingStates: [],
          text: { en: "Prohibit corporal punishment in all settings" },
          position: "supported",
          positionSource: null,
          themes: [],
          affectedGroups: [],
          uncrcArticles: ["19"],
          sdgTargets: [],
          coalition: {
            status,
            assessedOn: `202${4 + n}-05-01`,
            evidenceText: `Evidence of version ${n}`,
            evidenceUrls: ["https://example.org/law"],
            responsibleInstitutions: [],
            dueOn: null,
          },
          government: null,
          timeline: [],
        },
      ],
    });
    const tracked = {
      ...ctx,
      mode: "live" as const,
      trackings: [portalTracking([version(1, "not_started"), version(2, "implemented")])!],
    };
    const route = (lang: string) => ({ page: "country", lang, country: country.toLowerCase() }) as const;
    const en = renderPortalPage(second, route("en"), tracked)!;
    const card = en.slice(en.indexOf('id="follow-up"'), en.indexOf('id="implementation-over-time"'));
    expect(card).toContain("Follow-up of the last UN review");
    expect(card).toContain("Evidence of version 2");
    expect(card).not.toContain("Evidence of version 1");
    expect(card).toContain("fu-status--implemented");
    expect(card).toContain(`href="../../../../tracking/${country.toLowerCase()}-tracking-v2/en/"`);
    const series = en.slice(en.indexOf('id="implementation-over-time"'));
    expect(series).toContain("Version 1");
    expect(series).toContain("Version 2");
    expect(series).toContain(
      `href="../../../downloads/tracking/${country.toLowerCase()}.implementation.csv"`,
    );
    expect(renderPortalPage(second, route("fr"), tracked)!).toContain("Évaluation de la coalition");
    const ar = renderPortalPage(second, route("ar"), tracked)!;
    expect(ar).toMatch(/<html[^>]* dir="rtl"/);
    expect(ar).toContain("تقييم الائتلاف");
    // Without a published tracking (or in the static export's context without one) nothing shows.
    expect(renderPortalPage(second, route("en"), ctx)!).not.toContain('id="follow-up"');
  });
});

describe("the member directory", () => {
  const entry = (over: Partial<DirectoryEntryOut>): DirectoryEntryOut => ({
    id: crypto.randomUUID(),
    name: "X",
    names: {},
    kind: "member",
    parentId: null,
    countryCode: null,
    description: null,
    themes: [],
    crcArticles: [],
    website: null,
    contactEmail: null,
    contactPhone: null,
    latitude: null,
    longitude: null,
    logo: null,
    ...over,
  });
  const network = entry({ name: "Regional Network", kind: "regional" });
  const coalition = entry({
    name: "Coalition of Georgia",
    names: { fr: "Coalition de Géorgie", ar: "ائتلاف جورجيا" },
    kind: "coalition",
    countryCode: "GE",
    parentId: network.id,
  });
  const member = entry({
    name: "Tbilisi Rights Centre <b>",
    countryCode: "GE",
    parentId: coalition.id,
    themes: ["violence", "justice"],
    crcArticles: [37, 19],
    website: "https://rights.example.org/about",
    contactEmail: "office@rights.example.org",
  });
  const sneaky = entry({ name: "Sneaky", countryCode: "XK", website: "javascript:alert(1)" });
  const withDirectory = (): PortalContext => ({ ...ctx, directory: [network, coalition, member, sneaky] });

  it("adds its pages, linked from the navigation and the country profile, only when something is listed", () => {
    const routes = portalRoutes(second, withDirectory());
    const paths = new Set(routes.map(routePath));
    for (const lang of ["en", "fr", "ar"]) {
      expect(paths).toContain(`${lang}/members/`);
      expect(paths).toContain(`${lang}/countries/ge/members/`);
      expect(paths).toContain(`${lang}/countries/xk/members/`);
      for (const e of [network, coalition, member, sneaky])
        expect(paths).toContain(`${lang}/members/${e.id}/`);
    }
    expect(paths).not.toContain("en/countries/md/members/");
    expect(portalRoutes(second, ctx).map(routePath)).not.toContain("en/members/");
    expect(renderPortalPage(second, { page: "members", lang: "en" }, ctx)).toBeNull();
    expect(
      renderPortalPage(second, { page: "country-members", lang: "en", country: "md" }, withDirectory()),
    ).toBeNull();
    expect(renderPortalPage(second, { page: "home", lang: "en" }, ctx)).not.toContain('href="members/"');
    expect(renderPortalPage(second, { page: "home", lang: "en" }, withDirectory())).toContain(
      'href="members/"',
    );
    const profile = renderPortalPage(
      second,
      { page: "country", lang: "en", country: "ge" },
      withDirectory(),
    )!;
    expect(profile).toContain('href="members/"');
    expect(profile).toContain("2 organisations of the network in Georgia chose to be listed");
    expect(profile).toContain(`href="../../members/${coalition.id}/"`);
    expect(
      renderPortalPage(second, { page: "country", lang: "en", country: "md" }, withDirectory()),
    ).not.toContain('id="members"');
  });

  it("maps the countries with listed organisations, each a link to its list", () => {
    const en = renderPortalPage(second, { page: "members", lang: "en" }, withDirectory())!;
    const map = en.slice(en.indexOf('<figure class="block member-map">'), en.indexOf("</figure>"));
    expect(map).toContain("<title>Georgia: 2 listed organisations</title>");
    expect(map).toContain("<title>Kosovo: 1 listed organisation</title>");
    expect(map).toContain('href="../countries/ge/members/"');
    expect(map).toContain('href="../countries/xk/members/"');
    expect(map.match(/<a href=/g)).toHaveLength(2);
    const ar = renderPortalPage(second, { page: "members", lang: "ar" }, withDirectory())!;
    expect(ar).toContain("أماكن المنظمات المدرجة في الشبكة");
  });

  it("gives each listed organisation a profile page, linked from its card, with its members below it", () => {
    const c = withDirectory();
    const en = renderPortalPage(second, { page: "member", lang: "en", member: coalition.id }, c)!;
    expect(en).toContain("<h1><span");
    expect(en).toContain("Coalition of Georgia");
    expect(en).toContain("National coalition");
    // Its parent by name, linked to the parent's own page; its member listed below it.
    expect(en).toContain(`href="../${network.id}/"`);
    expect(en).toContain("1 listed member");
    expect(en).toContain("Tbilisi Rights Centre &lt;b&gt;");
    expect(en).toContain(`href="../${member.id}/"`);
    expect(en).toContain('href="../../countries/ge/members/"');
    const ar = renderPortalPage(second, { page: "member", lang: "ar", member: member.id }, c)!;
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain("ائتلاف جورجيا");
    expect(ar).toContain("office@rights.example.org");
    const directory = renderPortalPage(second, { page: "members", lang: "en" }, c)!;
    expect(directory).toContain(`href="${member.id}/"`);
    // Only a listed organisation has a page, and only on a portal with a directory.
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(renderPortalPage(second, { page: "member", lang: "en", member: unknown }, c)).toBeNull();
    expect(renderPortalPage(second, { page: "member", lang: "en", member: coalition.id }, ctx)).toBeNull();
    expect(parsePortalPath(`fr/members/${member.id}/`)).toEqual({
      page: "member",
      lang: "fr",
      member: member.id,
    });
    expect(parsePortalPath("fr/members/not-an-id/")).toBeNull();
  });

  it("shows a published logo beside the name, from the release's logos folder, and no other", () => {
    const logo = { url: "/api/public/directory/x/logo", mediaType: "image/png", sha256: "0".repeat(64) };
    const withLogo = entry({ name: "Logo NGO", countryCode: "GE", parentId: coalition.id, logo });
    const c: PortalContext = { ...ctx, directory: [network, coalition, withLogo] };
    const routes: PortalRoute[] = [
      { page: "members", lang: "en" },
      { page: "country-members", lang: "ar", country: "ge" },
    ];
    for (const route of routes) {
      const html = renderPortalPage(second, route, c)!;
      const sources = [...html.matchAll(/<img class="member-card__logo" src="([^"]*)" alt=""/g)].map(
        (m) => m[1]!,
      );
      expect(sources).toHaveLength(1);
      const from = new URL(routePath(route), "http://portal.test/release/");
      expect(new URL(sources[0]!, from).pathname).toBe(`/release/logos/${withLogo.id}.png`);
    }
    expect(renderPortalPage(second, { page: "members", lang: "en" }, withDirectory())).not.toContain(
      "member-card__logo",
    );
  });

  it("shows names in the page's language, type, areas of work, website and published contacts; every link resolves", () => {
    const c = withDirectory();
    const paths = new Set(portalRoutes(second, c).map(routePath));
    const files = declaredFiles(second, c.languages);
    // The directory's downloads: site files whenever an organisation is listed (server/site/site-files.ts).
    for (const d of DIRECTORY_DOWNLOADS) files.add(directoryDownloadPath(d.format));
    const broken: string[] = [];
    for (const route of portalRoutes(second, c).filter(
      (r) => r.page === "members" || r.page === "country-members" || r.page === "member",
    )) {
      const html = renderPortalPage(second, route, c)!;
      expect(html).toContain(`dir="${"lang" in route && route.lang === "ar" ? "rtl" : "ltr"}"`);
      const from = new URL(routePath(route), "http://portal.test/release/");
      for (const href of links(html)) {
        if (/^(https?:|data:|mailto:|tel:|#)/.test(href)) continue;
        const rel = decodeURI(new URL(href, from).pathname.slice("/release/".length));
        if (!paths.has(rel) && !files.has(rel)) broken.push(`${routePath(route)} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
    const en = renderPortalPage(second, { page: "members", lang: "en" }, c)!;
    expect(en).toContain("Coalition of Georgia");
    expect(en).toContain("Tbilisi Rights Centre &lt;b&gt;");
    expect(en).toContain("Member organisation");
    expect(en).toContain("Articles 19 and 37");
    expect(en).toContain('href="https://rights.example.org/about"');
    expect(en).toContain('href="mailto:office@rights.example.org"');
    expect(en).not.toContain("javascript:");
    expect(en).toContain("Kosovo");
    const fr = renderPortalPage(second, { page: "country-members", lang: "fr", country: "ge" }, c)!;
    expect(fr).toContain('lang="fr">Coalition de Géorgie</a></h2>');
    expect(fr).toContain("Nom propre :");
    expect(fr).toContain("Organisations membres en Géorgie");
    const ar = renderPortalPage(second, { page: "country-members", lang: "ar", country: "ge" }, c)!;
    expect(ar).toContain("ائتلاف جورجيا");
    expect(ar).toContain("عضو في");
    // The type is chosen by its key, which is never wrapped in a direction isolate.
    expect(ar).toContain('member-card__kind">منظمة عضو<');
    expect(ar).not.toContain('member-card__kind">أخرى<');
    expect(ar).not.toContain("Sneaky");
  });
});
