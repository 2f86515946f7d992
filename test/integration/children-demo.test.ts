import { inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { consultationDefinition } from "../../src/core/index.ts";
import { readChildrenView, readChildrenVoices } from "../../src/server/children/children-view.ts";
import { readResults } from "../../src/server/children/read-results.ts";
import { consultations, countries } from "../../src/server/db/schema.ts";
import { loadDemoConsultation } from "../../src/server/demo/demo-consultation.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";

describeEachDatabase("the demo consultation", (database) => {
  it("is closed and public, with 360 children in three countries, small groups suppressed", async () => {
    const { db } = database();
    await seedReference(db);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["MD", "GE", "AM"]));
    await buildOrganisation(db, { region: CHILDPACT_REGION.code });
    const admin = await buildUser(db, { isAdmin: true });
    await loadDemoConsultation(db, admin.id);
    const [row] = await db.select().from(consultations);
    expect(row).toMatchObject({ status: "closed", resultsPublic: true });
    const results = await readResults(db, {
      id: row!.id,
      definition: consultationDefinition.parse(row!.definition),
    });
    expect(results.participants?.n).toBe(360);
    const by = (d: string) => results.participants!.breakdowns.find((b) => b.dimension === d)!;
    expect(by("country").groups.map((g) => [g.key, g.n])).toEqual([
      ["AM", 90],
      ["GE", 120],
      ["MD", 150],
    ]);
    expect(by("band").groups.map((g) => g.key)).toEqual(["13-17", "8-12"]);
    expect(results.quotes.length).toBeGreaterThan(3);
    const said = await readChildrenView(db, "a19.04", { country: "GE" });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ country: "GE", children: 120 });

    // The bullying indicator: the children's smileys and, beside them, their own words, moderated.
    const bullying = await readChildrenVoices(db, { indicator: "a19.09" });
    expect(bullying.map((v) => [v.question.code, v.question.type])).toEqual([
      ["bullying", "smiley-5"],
      ["bullying_idea", "short-text"],
    ]);
    const words = bullying[1]!;
    expect(words.children).toBeGreaterThanOrEqual(40);
    expect(words.quotes).toContain("A teacher in the corridor at every break");
    expect(words.quotes).toContain("Des cours sur le harcèlement en ligne");
    // The place that could point to a school was redacted; the text with a phone number was rejected.
    expect(words.quotes).toContain("The older boys […] take our money");
    expect(words.quotes.join("\n")).not.toMatch(/Green Gate|call me|\d{3}/);
    expect(bullying[0]!.quotes).toEqual([]);
  });
});
