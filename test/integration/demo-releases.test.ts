import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findPublishedAnalysis } from "../../src/server/analysis/read-analysis.ts";
import { loadDemo } from "../../src/server/app/load-demo.ts";
import {
  assessmentEvents,
  assessments,
  cycles,
  evidenceSources,
  implementationAssessments,
  recommendations,
  resultIndicators,
  resultPlans,
} from "../../src/server/db/schema.ts";
import { DEMO_COUNTRIES } from "../../src/server/demo/demo-countries.ts";
import { searchRecommendations } from "../../src/server/recommendations/search-recommendations.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { findRelease, listReleases } from "../../src/server/releases/read-release.ts";
import { buildDashboard } from "../../src/server/results/dashboard.ts";
import { loadPlan } from "../../src/server/results/load-plan.ts";
import { listPublicPlans } from "../../src/server/results/public/read-public-plan.ts";
import { readProgressInputs } from "../../src/server/results/read-progress-inputs.ts";
import { describeEachDatabase } from "../support/databases.ts";

// The demo's evidence files go to <data folder>/uploads: a folder of this test, not ./data.
let uploads = "";
beforeAll(() => {
  uploads = mkdtempSync(join(tmpdir(), "childmark-demo-evidence-"));
  process.env.CHILDMARK_DATA_DIR = uploads;
});
afterAll(() => {
  delete process.env.CHILDMARK_DATA_DIR;
  rmSync(uploads, { recursive: true, force: true });
});

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

    // Each release has a published uncertainty analysis, so the portal shows rank ranges on first start.
    const analysis = (await findPublishedAnalysis(db, "cpi-demo-2025-v1"))!;
    expect(analysis.version).toBe(1);
    expect(analysis.result.entities.map((e) => e.entity)).toEqual(second.countries.map((c) => c.code).sort());
    for (const e of analysis.result.entities) {
      const nominal = second.scores.find(
        (s) =>
          s.country === e.entity &&
          s.kind === "node" &&
          s.item === second.framework.nodes.find((n) => n.parent === null)!.code,
      )!;
      expect(e.nominalRank).toBe(nominal.rank);
      expect(e.low).toBeLessThanOrEqual(e.nominalRank);
      expect(e.high).toBeGreaterThanOrEqual(e.nominalRank);
    }
    expect(analysis.result.factors.map((f) => f.key)).toEqual(
      expect.arrayContaining(["normalisation", "aggregation", "missing"]),
    );
    expect(await findPublishedAnalysis(db, "cpi-demo-2023-v1")).not.toBeNull();

    const rows = await db
      .select({
        id: assessments.id,
        country: assessments.countryCode,
        status: assessments.status,
        period: cycles.period,
      })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(isNull(assessments.areaCode));
    const draft = rows.filter((r) => r.status !== "validated");
    expect(draft.map((r) => `${r.country} ${r.period} ${r.status}`)).toEqual(["MD 2025 draft"]);
    // Validation is recorded as a normal step that says it is demo data; the draft has no step.
    const countryIds = new Set(rows.map((r) => r.id));
    const events = (await db.select().from(assessmentEvents)).filter((e) => countryIds.has(e.assessmentId));
    expect(events).toHaveLength(19);
    expect(events.every((e) => e.toStatus === "validated" && /^Demo data/.test(e.reason ?? ""))).toBe(true);
    expect(events.map((e) => e.assessmentId)).not.toContain(draft[0]!.id);
  });

  it("assesses Moldova's areas: the 2023 release carries its districts' scores and its regions rolled up", async () => {
    const { db } = database();
    const first = (await findRelease(db, "cpi-demo-2023-v1"))!;
    const areas = first.areas ?? [];
    expect(
      areas
        .filter((a) => a.source === "assessed")
        .map((a) => a.code)
        .sort(),
    ).toEqual(["MD-BA", "MD-CA", "MD-CU", "MD-GA", "MD-OR", "MD-SO", "MD-UN"]);
    expect(areas.filter((a) => a.source === "rolled-up").map((a) => `${a.code}:${a.from}`)).toEqual([
      "MD-C:2",
      "MD-N:2",
      "MD-S:2",
    ]);
    const root = first.framework.nodes.find((n) => n.parent === null)!.code;
    const overall = areas.map((a) => a.scores.find((s) => s.item === root)!.score);
    expect(overall.every((v) => typeof v === "number" && v > 0 && v < 100)).toBe(true);
    // 2025: Moldova is not published, so neither are its areas; its districts are in progress.
    expect((await findRelease(db, "cpi-demo-2025-v1"))!.areas).toBeUndefined();
    const latest = await db
      .select({ area: assessments.areaCode, status: assessments.status })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(
        and(eq(cycles.period, "2025"), eq(assessments.countryCode, "MD"), isNotNull(assessments.areaCode)),
      );
    expect(latest.map((r) => `${r.area}:${r.status}`).sort()).toEqual([
      "MD-BA:validated",
      "MD-CA:draft",
      "MD-CU:validated",
      "MD-OR:submitted",
    ]);
  });

  it("loads once: a second start publishes nothing more", async () => {
    await loadDemo(database());
    expect(await listReleases(database().db)).toHaveLength(2);
  });
});

describeEachDatabase("the demo's strategic plans", (database) => {
  beforeAll(async () => {
    await seedReference(database().db);
    await loadDemo(database());
  });

  it("loads ChildPact's regional plan and Moldova's coalition plan, with progress, a late value and index scores", async () => {
    const { db } = database();
    const plans = await db.select({ id: resultPlans.id, isDemo: resultPlans.isDemo }).from(resultPlans);
    expect(plans).toHaveLength(2);
    expect(plans.every((p) => p.isDemo)).toBe(true);
    const loaded = await Promise.all(plans.map((p) => loadPlan(db, p.id)));
    const regional = loaded.find((p) => p.organisation.kind === "regional")!;
    expect(regional.organisation).toMatchObject({ country: null, region: CHILDPACT_REGION.code });
    // The network's plan is on the public portal; Moldova's (a draft) is not.
    expect((await listPublicPlans(db)).map((p) => p.id)).toEqual([regional.id]);
    const dashboard = buildDashboard(regional, await readProgressInputs(db, regional), "2025", "2026-06-01");
    expect(dashboard.late.length).toBeGreaterThan(0);
    expect(dashboard.nodes.every((n) => n.cumulative.score !== null)).toBe(true);
    // Moldova's first outcome reads Moldova's published CPI score: 2023 only (its 2025 assessment is a draft).
    const moldova = loaded.find((p) => p.organisation.country === "MD")!;
    const inputs = await readProgressInputs(db, moldova);
    const linked = inputs.values.filter((v) => v.actual !== null && ["2023", "2025"].includes(v.period));
    const published = await db
      .select({ id: resultIndicators.id })
      .from(resultIndicators)
      .where(eq(resultIndicators.code, "O1a"));
    expect(
      linked
        .filter((v) => v.indicatorId === published[0]!.id)
        .map((v) => v.period)
        .sort(),
    ).toEqual(["2023"]);
  });
});

describeEachDatabase("the demo's evidence and recommendations", (database) => {
  beforeAll(async () => {
    await seedReference(database().db);
    await loadDemo(database());
  });

  it("publishes answers with their sources (citations, laws, links and a PDF per assessment)", async () => {
    const { db } = database();
    const sources = await db.select().from(evidenceSources);
    expect(new Set(sources.map((s) => s.kind))).toEqual(new Set(["citation", "legal", "url", "file"]));
    const files = sources.filter((s) => s.kind === "file");
    expect(files).toHaveLength(20);
    const stored = readFileSync(join(uploads, "uploads", files[0]!.filePath!));
    expect(stored.subarray(0, 5).toString()).toBe("%PDF-");
    expect(files[0]!.mediaType).toBe("application/pdf");
    const release = (await findRelease(db, "cpi-demo-2023-v1"))!;
    const answered = release.answers.filter((a) => a.value !== null);
    const sourced = answered.filter((a) => a.evidence.length > 0);
    // Most published answers name a source; none shows "No published source" everywhere.
    expect(sourced.length / answered.length).toBeGreaterThan(0.5);
  });

  it("loads UPR recommendations for every demo country, linked to indicators and tracked by the coalitions", async () => {
    const { db } = database();
    const result = await searchRecommendations(db, { page: 1, pageSize: 20 });
    expect(new Set(result.facets.state.map((s) => s.value))).toEqual(
      new Set(DEMO_COUNTRIES.map((c) => c.name.en)),
    );
    expect(result.total).toBeGreaterThan(50);
    const linked = await db
      .select({ codes: recommendations.indicatorCodes, articles: recommendations.uncrcArticles })
      .from(recommendations);
    expect(linked.every((r) => r.codes.length > 0 && r.articles.length > 0)).toBe(true);
    const tracked = await db.select().from(implementationAssessments);
    expect(tracked.some((t) => t.assessedByKind === "coalition")).toBe(true);
    expect(tracked.some((t) => t.assessedByKind === "government")).toBe(true);
    expect(new Set(tracked.map((t) => t.status)).size).toBeGreaterThanOrEqual(4);
    expect(tracked.every((t) => t.evidenceText && t.responsibleInstitutions.length > 0)).toBe(true);
    const statuses = result.facets.status.map((s) => s.value);
    expect(statuses).toContain("implemented");
  });
});
