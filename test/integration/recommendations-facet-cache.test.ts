import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { DEMO_CSV_COLUMNS, demoRecommendationsCsv } from "../../src/server/demo/demo-recommendations.ts";
import { cachedFacets, warmFacets } from "../../src/server/recommendations/facet-cache.ts";
import { recordImplementation } from "../../src/server/recommendations/implementation.ts";
import { importRecommendations } from "../../src/server/recommendations/import-recommendations.ts";
import { searchRecommendations } from "../../src/server/recommendations/search-recommendations.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";

/*
 * Search facets are kept per state of the data: any change to the recommendations or their
 * tracking (import, tagging, an assessment) gives the next search fresh counts.
 */

describeEachDatabase("recommendation search facets stay true", (database) => {
  beforeAll(async () => {
    await seedReference(database().db);
  });

  const importFor = (code: string, name: string) =>
    importRecommendations(database().db, {
      bytes: Buffer.from(demoRecommendationsCsv(code, name)),
      fileName: `${code}.csv`,
      preset: "generic",
      columns: DEMO_CSV_COLUMNS,
    });

  it("counts anew after an import, a change of themes and a tracking assessment", async () => {
    const { db } = database();
    const all = { page: 1, pageSize: 5 };
    await importFor("MD", "Moldova");
    const first = await searchRecommendations(db, all);
    expect(first.total).toBeGreaterThan(0);
    expect(first.facets.state.map((s) => s.value)).toEqual(["Moldova"]);
    // The same search again: the same answer (from the kept counts).
    expect(await searchRecommendations(db, all)).toEqual(first);

    await importFor("GE", "Georgia");
    const second = await searchRecommendations(db, all);
    expect(second.total).toBeGreaterThan(first.total);
    expect(second.facets.state.map((s) => s.value).sort()).toEqual(["Georgia", "Moldova"]);

    // Tagging in place (no new row) changes the theme facet.
    await db.execute(sql`update recommendations set themes = themes || array['Freshly tagged']::text[]
      where state_name = 'Georgia'`);
    const tagged = await searchRecommendations(db, all);
    expect(tagged.facets.theme.find((t) => t.value === "Freshly tagged")?.count).toBe(
      second.facets.state.find((s) => s.value === "Georgia")!.count,
    );

    const before = tagged.facets.status.find((s) => s.value === "implemented")?.count ?? 0;
    await recordImplementation(
      db,
      tagged.items[0]!.id,
      {
        status: "implemented",
        assessedByKind: "coalition",
        assessedOn: "2025-05-01",
        evidenceUrls: [],
        responsibleInstitutions: [],
      },
      null,
    );
    const tracked = await searchRecommendations(db, all);
    expect(tracked.facets.status.find((s) => s.value === "implemented")?.count).toBe(before + 1);
  });

  it("counts the recent searches again as soon as the data changes, before anyone searches", async () => {
    const { db } = database();
    let counted = 0;
    const count = async () => ({ n: ++counted });
    const condition = sql`${"warm"} = ${"warm"}`;
    expect(await cachedFacets(db, condition, count)).toEqual({ n: 1 });
    await warmFacets(db); // nothing changed: nothing is counted
    expect(counted).toBe(1);
    await importFor("AM", "Armenia");
    await warmFacets(db);
    expect(counted).toBe(2);
    // The first search after the change finds the warmed count: it counts nothing itself.
    expect(await cachedFacets(db, condition, count)).toEqual({ n: 2 });
    expect(counted).toBe(2);
    // And a real search after warming gives what a fresh count gives.
    const all = { page: 1, pageSize: 5 };
    await searchRecommendations(db, all);
    await importFor("AZ", "Azerbaijan");
    await warmFacets(db);
    const warmed = await searchRecommendations(db, all);
    expect(warmed.facets.state.map((s) => s.value)).toContain("Azerbaijan");
  });
});
