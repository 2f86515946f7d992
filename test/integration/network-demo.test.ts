import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { stripImageMetadata } from "../../src/core/index.ts";
import {
  countries,
  membershipApplications,
  organisations,
  roleAssignments,
  workingGroupDocuments,
  workingGroupMeetings,
  workingGroupReviewHistory,
  workingGroupReviewRights,
  workingGroups,
} from "../../src/server/db/schema.ts";
import { loadDemoAreas } from "../../src/server/demo/demo-areas.ts";
import { DEMO_COUNTRIES } from "../../src/server/demo/demo-countries.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { loadDemoNetwork } from "../../src/server/demo/demo-network.ts";
import { resolveStoredFile } from "../../src/server/evidence/store-file.ts";
import { readAreas } from "../../src/server/network/areas.ts";
import { readDirectory, readPublicLogos } from "../../src/server/network/directory.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";

describeEachDatabase("the demo network", (database) => {
  it("puts ChildPact over the ten coalitions with members, two working groups with people, a pending application and Moldova's areas", async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-network-demo-"));
    const { db } = database();
    await seedReference(db);
    const codes = DEMO_COUNTRIES.map((c) => c.code);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, codes));
    await db
      .insert(organisations)
      .values(DEMO_COUNTRIES.map((c) => ({ name: c.coalition, kind: "coalition", countryCode: c.code })));
    const regionalId = await buildOrganisation(db, { region: CHILDPACT_REGION.code });
    const admin = await buildUser(db, { isAdmin: true });
    // The demo framework, whose section on the UNCRC articles a working group reviews.
    await buildAssessments(db, { countries: ["MD"] });
    await loadDemoNetwork(db, admin.id);
    // Moldova's areas come with their assessments (none here: no demo cycle in this test).
    expect(await loadDemoAreas(db, admin.id, await readDemoFramework())).toBe(0);
    const all = await db.select().from(organisations);
    const coalitions = all.filter((o) => o.kind === "coalition");
    expect(coalitions).toHaveLength(10);
    expect(coalitions.every((c) => c.parentId === regionalId)).toBe(true);
    const members = all.filter((o) => o.kind === "member");
    for (const c of coalitions)
      expect(members.filter((m) => m.parentId === c.id).length).toBeGreaterThanOrEqual(2);
    expect(await db.select().from(workingGroups)).toHaveLength(2);
    expect((await db.select().from(workingGroupDocuments)).length).toBe(3);
    expect(await db.select().from(workingGroupMeetings)).toHaveLength(2);
    // The groups have members from several coalitions, one lead each; one application waits in Moldova.
    const groups = await db.select().from(workingGroups);
    const grants = await db.select().from(roleAssignments);
    for (const g of groups) {
      const inGroup = grants.filter((r) => r.scopeType === "group" && r.scopeCode === g.id);
      expect(inGroup.length).toBeGreaterThanOrEqual(3);
      expect(inGroup.filter((r) => r.role === "coordinator")).toHaveLength(1);
    }
    // "Violence against children" reviews Moldova's section on the UNCRC articles and the recommendations on violence.
    const rights = await db.select().from(workingGroupReviewRights);
    expect(
      rights.map((r) => [groups.find((g) => g.id === r.groupId)?.name, r.scopeCode, r.sections, r.themes]),
    ).toEqual([["Violence against children", "MD", ["articles"], ["violence"]]]);
    expect(rights[0]!.frameworkId).not.toBeNull();
    expect((await db.select().from(workingGroupReviewHistory)).map((h) => h.change)).toEqual(["granted"]);
    const applications = await db.select().from(membershipApplications);
    expect(
      applications.map((a) => [a.status, coalitions.find((c) => c.id === a.parentId)?.countryCode]),
    ).toEqual([["pending", "MD"]]);
    const areas = await readAreas(db, "MD");
    expect(areas.filter((a) => a.level === 1)).toHaveLength(4);
    expect(areas.filter((a) => a.level === 2).length).toBeGreaterThan(4);
    const directory = await readDirectory(db);
    expect(directory.length).toBeLessThan(all.length);
    expect(directory.some((d) => d.contactEmail)).toBe(true);
    expect(directory.some((d) => d.kind === "member" && !d.contactEmail)).toBe(true);
    // The network and each coalition publish a logo: a PNG the public route serves.
    const logos = await readPublicLogos(db);
    expect(directory.filter((d) => d.kind !== "member").every((d) => d.logo && logos[d.id])).toBe(true);
    expect(directory.filter((d) => d.kind === "member").every((d) => d.logo === null)).toBe(true);
    const file = readFileSync(resolveStoredFile(logos[regionalId]!.logoPath));
    expect(file.subarray(1, 4).toString()).toBe("PNG");
    expect(stripImageMetadata(file, "image/png")).toEqual(new Uint8Array(file));
  });
});
