import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Answer, Framework, ReleaseSnapshot } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import { assessments, cycles, frameworkVersions } from "../../src/server/db/schema.ts";
import { buildDemoAnswers } from "../../src/server/demo/demo-answers.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { findRelease } from "../../src/server/releases/read-release.ts";
import { readScores } from "../../src/server/scores/read-scores.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildPublishableCycle, type PublishableCycle } from "../support/release-setup.ts";

/*
 * A framework whose root imputes a missing answer from the country's previous cycle. The 2026
 * cycle is published on its own (a release scores one period), and a new framework version's
 * first cycle is scored on its own: both must read the earlier cycle's answers.
 */
describeEachDatabase("the country's previous cycle fills a missing answer", (database) => {
  let app: FastifyInstance;
  let first: PublishableCycle;
  let framework: Framework;
  /** A checklist indicator MD answered (not "not applicable") in 2025, left unanswered in 2026. */
  let dropped: string;
  let answers2025: Answer[];

  const validate = async (period: string, versionId: string) => {
    const { db } = database();
    const [cycle] = await db
      .select({ id: cycles.id })
      .from(cycles)
      .where(and(eq(cycles.versionId, versionId), eq(cycles.period, period)));
    await db.update(assessments).set({ status: "validated" }).where(eq(assessments.cycleId, cycle!.id));
    return cycle!.id;
  };

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-previous-"));
    const { db } = database();
    await seedReference(db);
    const demo = await readDemoFramework();
    const withPrevious: Framework = {
      ...demo,
      nodes: demo.nodes.map((n) => (n.parent === null ? { ...n, imputation: "previous" as const } : n)),
    };
    first = await buildPublishableCycle(db, {
      countries: ["MD", "GE"],
      validated: ["MD", "GE"],
      period: "2025",
      framework: withPrevious,
    });
    framework = first.framework;
    answers2025 = buildDemoAnswers(framework).filter(
      (a) => a.period === "2025" && (a.entity === "MD" || a.entity === "GE"),
    );
    const checklist = new Set(framework.indicators.filter((i) => i.type === "checklist").map((i) => i.code));
    dropped = answers2025.find(
      (a) => a.entity === "MD" && checklist.has(a.indicator) && a.value !== "na" && a.value !== null,
    )!.indicator;
    app = await buildApp({ database: database() });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("a release of one cycle reads the previous release's answer, marks it and counts it in every download", async () => {
    const { db } = database();
    const release2025 = await publishRelease(db, { cycleId: first.cycleId, userId: null });
    await importAnswers(db, {
      framework: first.versionId,
      answers: answers2025
        .filter((a) => !(a.entity === "MD" && a.indicator === dropped))
        .map((a) => ({ ...a, period: "2026" })),
    });
    const cycle2026 = await validate("2026", first.versionId);
    const release2026 = await publishRelease(db, { cycleId: cycle2026, userId: null });
    const before = (await findRelease(db, release2025.slug)) as ReleaseSnapshot;
    const after = (await findRelease(db, release2026.slug)) as ReleaseSnapshot;
    const score = (s: ReleaseSnapshot, c: string, item: string) =>
      s.scores.find((x) => x.country === c && x.item === item);
    expect(score(before, "MD", dropped)?.imputed).toBeUndefined();
    expect(score(after, "MD", dropped)).toMatchObject({
      score: score(before, "MD", dropped)!.score,
      coverage: 0,
      imputed: true,
    });
    expect(score(after, "MD", dropped)!.score).not.toBeNull();
    expect(after.scores.filter((s) => s.imputed)).toHaveLength(1);

    const root = framework.nodes.find((n) => n.parent === null)!.code;
    const csv = (
      await app.inject(`/api/public/releases/${release2026.slug}/downloads/${release2026.slug}.csv`)
    ).body;
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]!.split(",").at(-1)).toBe("imputed");
    const line = (c: string, item: string) =>
      lines.find((l) => l.startsWith(`${c},`) && l.split(",")[2] === item)!;
    expect(line("MD", dropped).split(",").at(-1)).toBe("1");
    expect(line("MD", root).split(",").at(-1)).toBe("1");
    expect(line("GE", root).split(",").at(-1)).toBe("0");

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await app.inject(`/api/public/releases/${release2026.slug}/downloads/${release2026.slug}.xlsx`))
        .rawPayload as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet("Scores")!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = head.indexOf("Imputed") + 1;
    expect(column).toBeGreaterThan(0);
    const xlsx = new Map<string, unknown>();
    sheet.eachRow((row, n) => {
      if (n > 1) xlsx.set(`${row.getCell(1).value} ${row.getCell(3).value}`, row.getCell(column).value);
    });
    expect([xlsx.get(`MD ${dropped}`), xlsx.get(`MD ${root}`), xlsx.get(`GE ${root}`)]).toEqual([1, 1, 0]);

    // The working figures stored for the workspace carry the count too, and the API gives it.
    const stored = await readScores(db, first.versionId, { period: "2026", node: root });
    expect(stored.find((s) => s.country === "MD")?.imputed).toBe(1);
    expect(stored.find((s) => s.country === "GE")?.imputed).toBe(0);
    const api = await app.inject(`/api/frameworks/${first.versionId}/scores?period=2026&node=${root}`);
    expect(api.statusCode).toBe(200);
    const rows = api.json() as { country: string; imputed: number; published: boolean }[];
    expect(rows.find((r) => r.country === "MD")).toMatchObject({ imputed: 1, published: true });
  });

  it("a new framework version's only cycle reads the earlier version's answers", async () => {
    const { db } = database();
    const { versionId } = await importFramework(db, { ...framework, version: "2.0-previous" });
    const [v2] = await db
      .select({ id: frameworkVersions.id })
      .from(frameworkVersions)
      .where(eq(frameworkVersions.id, versionId));
    expect(v2).toBeDefined();
    // 2027: MD again without the indicator; 2026 had none either, so 2025's answer is carried.
    await importAnswers(db, {
      framework: versionId,
      answers: answers2025
        .filter((a) => !(a.entity === "MD" && a.indicator === dropped))
        .map((a) => ({ ...a, period: "2027" })),
    });
    const root = framework.nodes.find((n) => n.parent === null)!.code;
    const stored = await readScores(db, versionId, { node: root });
    // Only the version's own cycle is stored, with the imputed value counted.
    expect(stored.map((s) => s.period).sort()).toEqual(["2027", "2027"]);
    expect(stored.find((s) => s.country === "MD")?.imputed).toBe(1);
    const v1Root = await readScores(db, first.versionId, { period: "2026", node: root });
    // Same answers, same imputed value: the same root score as in the earlier version's 2026.
    expect(stored.find((s) => s.country === "MD")?.score).toBe(v1Root.find((s) => s.country === "MD")?.score);
    const v2Cycles = await db
      .select({ id: cycles.id })
      .from(cycles)
      .where(inArray(cycles.versionId, [versionId]));
    expect(v2Cycles).toHaveLength(1);
  });
});
