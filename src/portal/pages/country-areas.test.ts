import { beforeAll, describe, expect, it } from "vitest";
import { moldovaAreaShapes, withMoldovaAreas } from "../../../test/support/area-release-fixture.ts";
import { buildDemoReleases } from "../../../test/support/release-fixture.ts";
import type { ReleaseSnapshot } from "../../core/index.ts";
import type { PortalContext } from "../context.ts";
import { parsePortalPath, portalRoutes, renderPortalPage } from "../render.tsx";
import { relativeHref, routePath } from "../routes.ts";

let plain: ReleaseSnapshot;
let snap: ReleaseSnapshot;
let ctx: PortalContext;

beforeAll(async () => {
  ({ second: plain } = await buildDemoReleases());
  snap = withMoldovaAreas(plain);
  ctx = {
    releases: [],
    languages: ["en", "fr", "ar"],
    mode: "static",
    areaShapes: { MD: moldovaAreaShapes() },
  };
});

const page = (lang: string, country = "md", s = snap, c = ctx) =>
  renderPortalPage(s, { page: "country-areas", lang, country }, c);

describe("a country's areas on the portal", () => {
  it("has a page per language for each country with areas, and none for the others", () => {
    const routes = portalRoutes(snap, ctx).filter((r) => r.page === "country-areas");
    expect(routes.map(routePath)).toEqual([
      "en/countries/md/areas/",
      "fr/countries/md/areas/",
      "ar/countries/md/areas/",
    ]);
    expect(parsePortalPath("en/countries/md/areas/")).toEqual({
      page: "country-areas",
      lang: "en",
      country: "md",
    });
    expect(page("en", "ge")).toBeNull();
    expect(page("en", "md", plain)).toBeNull();
    expect(portalRoutes(plain, ctx).some((r) => r.page === "country-areas")).toBe(false);
  });

  it("maps each level's areas by band, each a link to its row with its result as title", () => {
    const html = page("en")!;
    expect(html).toContain("<h1>Areas of Moldova</h1>");
    const maps = html.match(/<svg class="map area-map__svg"/g) ?? [];
    expect(maps).toHaveLength(2);
    expect(html).toMatch(
      /<a href="#area-md-cu"><title>Chișinău municipality: 71\.6 \([^)]+\)<\/title><path d="M/,
    );
    expect(html).toContain('id="area-md-cu"');
    // Gagauzia has no score: grey, said so.
    expect(html).toContain("<title>Gagauzia: no score</title>");
  });

  it("compares the areas of a level like countries: rank, sections, rolled up from N, the country below", () => {
    const html = page("en")!;
    const level1 = html.slice(html.indexOf('id="level-1"'), html.indexOf('id="level-2"'));
    const rows = [...level1.matchAll(/<tr id="area-([a-z-]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(["md-cu", "md-n", "md-c", "md-s"]);
    expect(level1).toContain("Rolled up from 2 areas");
    expect(level1).toContain("Rolled up from 1 area<");
    expect(level1).toContain(">1 of 4<");
    expect(level1).toContain("Moldova (whole country)");
    expect(level1).toContain('data-sortable=""');
    const level2 = html.slice(html.indexOf('id="level-2"'));
    expect(level2).toContain('<th scope="col" data-sort-type="text">Part of</th>');
    expect(level2).toContain(">5 of 5<");
    const sections = plain.framework.nodes.filter((n) => n.parent === plain.framework.nodes[0]!.code);
    for (const s of sections) expect(level2).toContain(s.label.en!);
  });

  it("lists the areas without a map when no shapes were given", () => {
    const html = page("en", "md", snap, { ...ctx, areaShapes: {} })!;
    expect(html).not.toContain("area-map__svg");
    expect(html).toContain("No map: the shapes of these areas were not provided.");
    expect(html.match(/data-sortable/g)).toHaveLength(2);
  });

  it("is written in French and in Arabic, right to left", () => {
    const fr = page("fr")!;
    expect(fr).toContain("<h1>Zones de Moldavie</h1>");
    expect(fr).toContain("Agrégée de 2 zones");
    const ar = page("ar")!;
    expect(ar).toMatch(/<html lang="ar" dir="rtl"/);
    expect(ar).toContain("مجمَّعة من منطقتين");
    expect(ar).toContain("بلدية كيشيناو");
  });

  it("is linked from the country profile only when the release has its areas, and links back", () => {
    const profile = renderPortalPage(snap, { page: "country", lang: "en", country: "md" }, ctx)!;
    const from = routePath({ page: "country", lang: "en", country: "md" });
    const href = relativeHref(from, "en/countries/md/areas/");
    expect(profile).toContain(`<a href="${href}">Compare the areas of Moldova</a>`);
    expect(profile).toContain("This release scores 10 areas below the country (7 assessed");
    expect(renderPortalPage(plain, { page: "country", lang: "en", country: "md" }, ctx)).not.toContain(
      "Compare the areas",
    );
    expect(renderPortalPage(snap, { page: "country", lang: "en", country: "ge" }, ctx)).not.toContain(
      "Compare the areas",
    );
    expect(page("en")).toContain('<p class="breadcrumb"><a href="../">Profile of Moldova</a></p>');
  });
});
