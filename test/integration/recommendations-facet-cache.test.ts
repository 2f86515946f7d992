import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { DEMO_CSV_COLUMNS, demoRecommendationsCsv } from "../../src/server/demo/demo-recommendations.ts";
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
});
