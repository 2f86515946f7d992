import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { loadDemo } from "../../src/server/app/load-demo.ts";
import { assessmentEvents, assessments, cycles } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { findRelease, listReleases } from "../../src/server/releases/read-release.ts";
import { describeEachDatabase } from "../support/databases.ts";

describeEachDatabase("the demo's releases", (database) => {
  beforeAll(async () => {
    await seedReference(database().db);
    await loadDemo(database());
  });

  it("publishes 2023 v1 (ten countries), then 2025 v1 compared with it; Moldova 2025 stays a draft", async () => {
    const { db } = database();
    const list = await listReleases(db);
    expect(list.map((r) => r.slug)).toEqual(["cpi-demo-2025-v1", "cpi-demo-2023-v1"]);
    expect(list.every((r) => r.isDemo)).toBe(true);
    const first = (await findRelease(db, "cpi-demo-2023-v1"))!;
    const second = (await findRelease(db, "cpi-demo-2025-v1"))!;
    expect(first.countries).toHaveLength(10);
    expect(second.countries.map((c) => c.code)).not.toContain("MD");
    expect(second.countries).toHaveLength(9);
    expect(second.release.comparison).toEqual({ slug: "cpi-demo-2023-v1", period: "2023" });
    expect(second.scores.some((s) => s.change !== null)).toBe(true);
    expect(second.trend.map((p) => p.period)).toEqual(["2023", "2025"]);
    expect(first.countries.find((c) => c.code === "XK")!.name.ar).toBeTruthy();

    const rows = await db
      .select({
        id: assessments.id,
        country: assessments.countryCode,
        status: assessments.status,
        period: cycles.period,
      })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId));
    const draft = rows.filter((r) => r.status !== "validated");
    expect(draft.map((r) => `${r.country} ${r.period} ${r.status}`)).toEqual(["MD 2025 draft"]);
    // Validation is recorded as a normal step that says it is demo data; the draft has no step.
    const events = await db.select().from(assessmentEvents);
    expect(events).toHaveLength(19);
    expect(events.every((e) => e.toStatus === "validated" && /^Demo data/.test(e.reason ?? ""))).toBe(true);
    expect(events.map((e) => e.assessmentId)).not.toContain(draft[0]!.id);
  });

  it("loads once: a second start publishes nothing more", async () => {
    await loadDemo(database());
    expect(await listReleases(database().db)).toHaveLength(2);
  });
});
