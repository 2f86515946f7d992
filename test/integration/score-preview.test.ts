import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Answer,
  compileFramework,
  type Framework,
  roundTo,
  type ScorePreview,
} from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import { assessments, cycles } from "../../src/server/db/schema.ts";
import { buildDemoAnswers } from "../../src/server/demo/demo-answers.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { computeScores } from "../../src/server/scores/compute-scores.ts";
import { readScores } from "../../src/server/scores/read-scores.ts";
import type { AnswerContent } from "../../src/web/workspace/answer-saver.ts";
import { previewScores } from "../../src/web/workspace/score-preview.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";

/*
 * The workspace's live score equals the stored score for the same answers: a framework whose root
 * imputes a missing answer from the country's previous cycle, MD leaving in 2026 an indicator
 * it answered in 2025. The browser alone (this country's answers, no previous cycle, no other
 * country) gets another figure; the server's preview scores with everything the stored score reads.
 */
describeEachDatabase("the live score preview scores as the stored scores do", (database) => {
  let app: FastifyInstance;
  let session: Session;
  let framework: Framework;
  let versionId: string;
  let root: string;
  /** A checklist indicator MD answered "yes" or "partially" in 2025, left unanswered in 2026. */
  let dropped: string;
  let answers2025: Answer[];
  let md2026: string;

  const preview = async (assessmentId: string, answers: Record<string, string | number | null>) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/assessments/${assessmentId}/score-preview`,
      headers: session.headers,
      payload: { answers },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ScorePreview;
  };
  const storedRoot = async (version: string, period: string) =>
    (await readScores(database().db, version, { period, node: root })).find((s) => s.country === "MD")!;
  const assessmentOf = async (version: string, period: string) => {
    const [row] = await database()
      .db.select({ id: assessments.id })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(
        and(eq(cycles.versionId, version), eq(cycles.period, period), eq(assessments.countryCode, "MD")),
      );
    return row!.id;
  };

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-preview-"));
    const { db } = database();
    await seedReference(db);
    const demo = await readDemoFramework();
    const withPrevious: Framework = {
      ...demo,
      nodes: demo.nodes.map((n) => (n.parent === null ? { ...n, imputation: "previous" as const } : n)),
    };
    const first = await buildPublishableCycle(db, {
      countries: ["MD", "GE"],
      validated: [],
      period: "2025",
      framework: withPrevious,
    });
    framework = first.framework;
    versionId = first.versionId;
    root = framework.nodes.find((n) => n.parent === null)!.code;
    answers2025 = buildDemoAnswers(framework).filter(
      (a) => a.period === "2025" && (a.entity === "MD" || a.entity === "GE"),
    );
    // An answer far from the cycle's mean, so that leaving it out moves the root score.
    dropped = answers2025.find((a) => a.entity === "MD" && a.value === "yes")!.indicator;
    await importAnswers(db, {
      framework: versionId,
      answers: answers2025
        .filter((a) => !(a.entity === "MD" && a.indicator === dropped))
        .map((a) => ({ ...a, period: "2026" })),
    });
    md2026 = await assessmentOf(versionId, "2026");
    const user = await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    app = await buildApp({ database: database() });
    session = await signInAs(app, user);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("equals the stored score of the saved answers, with the previous cycle's value marked as imputed", async () => {
    const stored = await storedRoot(versionId, "2026");
    expect(stored.imputed).toBe(1);
    const live = await preview(md2026, {});
    expect(roundTo(live.overall.score!, framework.precision)).toBe(stored.score);
    expect(roundTo(live.overall.coverage!, 4)).toBe(stored.coverage);
    expect(live.overall.imputedCount).toBe(1);
    expect(live.imputed).toEqual([dropped]);
    const section = framework.indicators.find((i) => i.code === dropped)!.node;
    const top = (code: string): string => {
      const node = framework.nodes.find((n) => n.code === code)!;
      return node.parent === root ? code : top(node.parent!);
    };
    expect(live.sections.find((s) => s.code === top(section))?.imputedCount).toBe(1);
    expect(live.sections.filter((s) => s.imputedCount > 0)).toHaveLength(1);

    // The browser alone knows neither the previous cycle nor the other country: another figure.
    const mine = answers2025
      .filter((a) => a.entity === "MD" && a.indicator !== dropped)
      .map((a): [string, AnswerContent] => [
        a.indicator,
        { value: a.value as string | number, justification: null },
      ]);
    const alone = previewScores(framework, compileFramework(framework), "MD", "2026", mine);
    expect(alone.imputed).toEqual([]);
    expect(roundTo(alone.overall.score!, framework.precision)).not.toBe(stored.score);
  });

  it("scores unsaved values as the stored score will be once they are saved", async () => {
    const { db } = database();
    // On screen: the dropped indicator answered "no", another one cleared.
    const cleared = answers2025.find(
      (a) => a.entity === "MD" && a.indicator !== dropped && a.value === "partially",
    )!.indicator;
    const live = await preview(md2026, { [dropped]: "no", [cleared]: null });
    expect(live.imputed).toEqual([cleared]);
    for (const [code, value] of [
      [dropped, "no"],
      [cleared, null],
    ] as const) {
      const current = await app.inject({
        method: "GET",
        url: `/api/assessments/${md2026}`,
        headers: session.headers,
      });
      const version =
        (current.json() as { answers: { indicator: string; version: number }[] }).answers.find(
          (a) => a.indicator === code,
        )?.version ?? 0;
      const saved = await app.inject({
        method: "PUT",
        url: `/api/assessments/${md2026}/answers/${code}`,
        headers: session.headers,
        payload: { value, expectedVersion: version },
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    await computeScores(db, versionId);
    const stored = await storedRoot(versionId, "2026");
    expect(roundTo(live.overall.score!, framework.precision)).toBe(stored.score);
    expect(live.overall.imputedCount).toBe(stored.imputed);
    // Saved now: the same preview with nothing unsaved.
    expect(await preview(md2026, {})).toEqual(live);
  });

  it("reads another framework version's cycle for a new version's first cycle, as the stored score does", async () => {
    const { db } = database();
    const v2 = await importFramework(db, { ...framework, version: "2.0-preview" });
    await importAnswers(db, {
      framework: v2.versionId,
      answers: answers2025
        .filter((a) => !(a.entity === "MD" && a.indicator === dropped))
        .map((a) => ({ ...a, period: "2027" })),
    });
    const stored = await storedRoot(v2.versionId, "2027");
    expect(stored.imputed).toBe(1);
    const live = await preview(await assessmentOf(v2.versionId, "2027"), {});
    expect(roundTo(live.overall.score!, framework.precision)).toBe(stored.score);
    expect(live.imputed).toEqual([dropped]);
  });

  it("equals the stored score under the cycle's mean, reading that cycle only", async () => {
    const { db } = database();
    const demo = await readDemoFramework();
    const withMean: Framework = {
      ...demo,
      nodes: demo.nodes.map((n) => (n.parent === null ? { ...n, imputation: "mean" as const } : n)),
    };
    const cycle = await buildPublishableCycle(db, {
      countries: ["MD", "GE", "RO"],
      validated: [],
      period: "2026",
      framework: withMean,
    });
    // Another cycle of the version, answered otherwise: it must not move the 2026 figures.
    await importAnswers(db, {
      framework: cycle.versionId,
      answers: answers2025.map((a) => ({ ...a, period: "2024", value: a.value === "yes" ? "no" : a.value })),
    });
    const gap = answers2025.find((a) => a.entity === "MD" && a.value === "no")!.indicator;
    const live = await preview(cycle.assessments.MD!, { [gap]: null });
    // The demo's own gaps are filled too, and the cleared answer with them.
    expect(live.imputed).toContain(gap);
    const current = await app.inject({
      method: "GET",
      url: `/api/assessments/${cycle.assessments.MD}`,
      headers: session.headers,
    });
    const version = (current.json() as { answers: { indicator: string; version: number }[] }).answers.find(
      (a) => a.indicator === gap,
    )!.version;
    const saved = await app.inject({
      method: "PUT",
      url: `/api/assessments/${cycle.assessments.MD}/answers/${gap}`,
      headers: session.headers,
      payload: { value: null, expectedVersion: version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await computeScores(db, cycle.versionId);
    const stored = (await readScores(db, cycle.versionId, { period: "2026", node: root })).find(
      (s) => s.country === "MD",
    )!;
    expect(roundTo(live.overall.score!, framework.precision)).toBe(stored.score);
    expect(live.overall.imputedCount).toBe(stored.imputed);
    expect(stored.imputed).toBe(live.imputed.length);
  });

  it("answers 400 naming an indicator the framework does not have", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/assessments/${md2026}/score-preview`,
      headers: session.headers,
      payload: { answers: { "no.such": "yes" } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("no.such");
  });
});
