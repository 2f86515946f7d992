import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  type AnalysisSettings,
  buildAnalysisModel,
  compileFramework,
  evaluationCount,
  releaseAnalysisInput,
  runDraws,
  summariseDraws,
} from "../../core/index.ts";
import { storeAnalysis } from "../analysis/jobs.ts";
import type { Db } from "../db/connect.ts";
import { assessments, cycles, frameworks, frameworkVersions, releases } from "../db/schema.ts";
import { publishRelease } from "../releases/publish.ts";
import { changeStatus } from "../review/change-status.ts";
import { DEMO_CYCLES } from "./demo-countries.ts";

/**
 * The demo assessment kept as a draft: Moldova's latest cycle, so the workspace and the review
 * workflow can be tried on it (the browser journeys document and submit it).
 */
export const DEMO_DRAFT = { country: "MD", period: DEMO_CYCLES[DEMO_CYCLES.length - 1]!.code };

const DEMO_REASON =
  "Demo data: validated when the demo was loaded, so that the public portal has releases to show.";

/**
 * Validates the demo assessments (a normal status change, recorded with a reason saying it is demo
 * data) except `DEMO_DRAFT`, then publishes each demo cycle in order (2023 v1, then 2025 v1,
 * compared with 2023), so the portal has content on first start. Call once, on first load.
 */
export async function publishDemoReleases(db: Db, frameworkCode: string, adminId: string): Promise<string[]> {
  const rows = await db
    .select({
      id: assessments.id,
      country: assessments.countryCode,
      period: cycles.period,
      cycleId: cycles.id,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycles.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(
      and(
        eq(frameworks.code, frameworkCode),
        eq(cycles.isDemo, true),
        isNull(assessments.areaCode),
        inArray(
          cycles.period,
          DEMO_CYCLES.map((c) => c.code),
        ),
      ),
    );
  await db.transaction(async (tx) => {
    for (const row of rows) {
      if (row.country === DEMO_DRAFT.country && row.period === DEMO_DRAFT.period) continue;
      await changeStatus(tx as unknown as Db, {
        assessmentId: row.id,
        step: "validate",
        from: ["draft"],
        to: "validated",
        actorId: adminId,
        reason: DEMO_REASON,
      });
    }
  });
  const slugs: string[] = [];
  for (const cycle of DEMO_CYCLES) {
    const cycleId = rows.find((r) => r.period === cycle.code)?.cycleId;
    if (!cycleId) continue;
    const published = await publishRelease(db, {
      cycleId,
      userId: adminId,
      via: "demo",
      notes:
        cycle === DEMO_CYCLES[DEMO_CYCLES.length - 1]
          ? `Demo release of the ${cycle.code} cycle (invented data). Moldova's ${cycle.code} assessment is still a draft and is not included.`
          : `Demo release of the ${cycle.code} cycle (invented data).`,
    });
    slugs.push(published.slug);
  }
  return slugs;
}

/** The demo's analysis set-up: weights ±30 %, three normalisations, two aggregations, two missing-data policies. */
export const DEMO_ANALYSIS: AnalysisSettings = {
  seed: 2025,
  draws: 2000,
  weights: { mode: "uniform", defaultRange: 0.3, concentration: 50 },
  normalisations: ["goalposts", "minmax", "rank"],
  aggregations: ["framework", "geometric"],
  missing: ["framework", "mean"],
};

/**
 * Runs and publishes an uncertainty analysis of each demo release (in this process: the demo is
 * small), so the portal shows rank ranges, robustness and sensitivity on first start.
 */
export async function analyseDemoReleases(db: Db, slugs: readonly string[], adminId: string): Promise<void> {
  for (const slug of slugs) {
    const [release] = await db
      .select({ id: releases.id, snapshot: releases.snapshot })
      .from(releases)
      .where(eq(releases.slug, slug));
    if (!release) continue;
    const started = performance.now();
    const { columns, period } = releaseAnalysisInput(release.snapshot);
    const model = buildAnalysisModel(
      compileFramework(release.snapshot.framework),
      columns,
      period,
      DEMO_ANALYSIS,
    );
    const result = summariseDraws(model, [runDraws(model, 0, evaluationCount(model))]);
    await storeAnalysis(db, {
      releaseId: release.id,
      snapshot: release.snapshot,
      settings: DEMO_ANALYSIS,
      result,
      elapsedMs: Math.round(performance.now() - started),
      userId: adminId,
      publish: true,
    });
  }
}
