import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Framework } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { answers, assessments, auditEvents, indicators } from "../../src/server/db/schema.ts";
import { buildDemoAnswers, DEMO_CYCLES } from "../../src/server/demo/demo-answers.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { findRelease } from "../../src/server/releases/read-release.ts";
import { loadVersionAnswers } from "../../src/server/scores/compute-scores.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";

const TREE = [
  { code: "N", name: { en: "North", fr: "Nord" } },
  { code: "N-1", parent: "N", name: { en: "Bălți" } },
  { code: "N-2", parent: "N", name: { en: "Soroca" } },
  { code: "S", name: { en: "South" } },
];

interface AreaScores {
  code: string;
  level: number;
  source: string;
  from?: number;
  scores: { item: string; score: number | null; rank: number | null }[];
}

describeEachDatabase("network: assessments of areas below the country", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let built: Awaited<ReturnType<typeof buildAssessments>>;
  let framework: Framework;
  const sessions: Record<string, Session> = {};
  const areaIds: Record<string, string> = {};

  const call = (who: string | undefined, method: string, url: string, payload?: object) =>
    app.inject({ method: method as "GET", url, payload, headers: who ? sessions[who]!.headers : undefined });

  /** Gives an assessment the demo answers of a country (last demo cycle). */
  async function answerAs(assessmentId: string, country: string) {
    const period = DEMO_CYCLES[DEMO_CYCLES.length - 1]!.code;
    const ids = new Map(
      (
        await db
          .select({ id: indicators.id, code: indicators.code })
          .from(indicators)
          .where(eq(indicators.versionId, built.versionId))
      ).map((r) => [r.code, r.id]),
    );
    const rows = buildDemoAnswers(framework)
      .filter((a) => a.entity === country && a.period === period && a.value !== null)
      .map((a) => ({
        assessmentId,
        indicatorId: ids.get(a.indicator)!,
        valueText: typeof a.value === "number" ? null : String(a.value),
        valueNumber: typeof a.value === "number" ? a.value : null,
      }));
    await db.insert(answers).values(rows);
    return rows.length;
  }

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-area-assessments-"));
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    built = await buildAssessments(db, { countries: ["MD", "GE"] });
    framework = built.framework;
    const people = {
      mdCoordinator: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
      geCoordinator: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }],
      mdContributor: [{ role: "contributor", scopeType: "country", scopeCode: "MD" }],
      mdReviewer: [{ role: "reviewer", scopeType: "country", scopeCode: "MD" }],
      mdViewer: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }],
      secretariat: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
    } as const;
    for (const [name, grants] of Object.entries(people)) {
      sessions[name] = await signInAs(app, await buildUser(db, { grants: [...grants] }));
    }
    expect((await call("mdCoordinator", "PUT", "/api/network/areas/MD", { areas: TREE })).statusCode).toBe(
      200,
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("starts an area's assessment only for the country's coordinator or secretariat, once per cycle", async () => {
    const start = (who: string, area: string, cycleId = built.cycleId) =>
      call(who, "POST", "/api/network/areas/MD/assessments", { cycleId, area });
    expect((await start("mdContributor", "N-1")).statusCode).toBe(403);
    expect((await start("geCoordinator", "N-1")).statusCode).toBe(403);
    expect(
      (
        await call(undefined, "POST", "/api/network/areas/MD/assessments", {
          cycleId: built.cycleId,
          area: "N-1",
        })
      ).statusCode,
    ).toBe(401);
    const unknown = await start("mdCoordinator", "X-9");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/MD has no area "X-9"/);
    const elsewhere = await buildAssessments(db, { countries: ["GE"] });
    const notIn = await start("mdCoordinator", "N-1", elsewhere.cycleId);
    expect(notIn.statusCode).toBe(400);
    expect(notIn.json().error).toMatch(/MD does not take part in that cycle/);

    const first = await start("mdCoordinator", "N-1");
    expect(first.statusCode).toBe(201);
    areaIds["N-1"] = first.json().id;
    const second = await start("secretariat", "N-2");
    expect(second.statusCode).toBe(201);
    areaIds["N-2"] = second.json().id;
    const again = await start("mdCoordinator", "N-1");
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatch(/N-1 already has an assessment/);
    const audited = await db
      .select({ targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "assessment.area-started"));
    expect(audited.map((a) => a.targetId).sort()).toEqual([areaIds["N-1"], areaIds["N-2"]].sort());

    const listed = (await call("mdViewer", "GET", "/api/network/areas/MD/assessments")).json() as {
      id: string;
      assessments: { area: string; status: string; total: number }[];
    }[];
    const mine = listed.find((c) => c.id === built.cycleId)!;
    expect(mine.assessments.map((a) => `${a.area}:${a.status}`)).toEqual(["N-1:draft", "N-2:draft"]);
    expect(mine.assessments[0]!.total).toBeGreaterThan(100);
    expect((await call("geCoordinator", "GET", "/api/network/areas/MD/assessments")).statusCode).toBe(403);
  });

  it("opens an area's assessment in the editor, titled by its area, and keeps it out of the country's cycle list", async () => {
    const read = await call("mdContributor", "GET", `/api/assessments/${areaIds["N-1"]}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().assessment.area).toEqual({ code: "N-1", name: { en: "Bălți" } });
    expect(read.json().assessment.country.code).toBe("MD");
    expect((await call("geCoordinator", "GET", `/api/assessments/${areaIds["N-1"]}`)).statusCode).toBe(403);
    const country = (await call("mdViewer", "GET", `/api/assessments/${built.assessments.MD}`)).json();
    expect(country.assessment.area).toBeNull();
    const cycles = (await call("mdViewer", "GET", "/api/cycles")).json() as {
      id: string;
      assessments: { id: string }[];
    }[];
    const ids = cycles.find((c) => c.id === built.cycleId)!.assessments.map((a) => a.id);
    expect(ids).toEqual([built.assessments.MD]);
  });

  it("scores assessed areas like countries, rolls the region up, and leaves the country's own scores alone", async () => {
    await answerAs(areaIds["N-1"]!, "MD");
    await answerAs(areaIds["N-2"]!, "GE");
    const countryAnswers = await answerAs(built.assessments.MD!, "AM");
    const res = await call("mdViewer", "GET", `/api/network/areas/MD/scores?cycle=${built.cycleId}`);
    expect(res.statusCode).toBe(200);
    const areas = res.json() as AreaScores[];
    const root = framework.nodes.find((n) => n.parent === null)!.code;
    expect(areas.map((a) => `${a.code}:${a.source}`)).toEqual([
      "N:rolled-up",
      "N-1:assessed",
      "N-2:assessed",
    ]);
    const overall = (code: string) =>
      areas.find((a) => a.code === code)!.scores.find((s) => s.item === root)!;
    expect(areas[0]!.from).toBe(2);
    expect(overall("N").score).toBeCloseTo((overall("N-1").score! + overall("N-2").score!) / 2, 1);
    expect([overall("N-1").rank, overall("N-2").rank].sort()).toEqual([1, 2]);
    expect(overall("N").rank).toBe(1);
    // The workspace's live score of an area is its score among the areas, not the country's.
    const preview = await call("mdContributor", "POST", `/api/assessments/${areaIds["N-1"]}/score-preview`, {
      answers: {},
    });
    expect(preview.statusCode).toBe(200);
    expect(Math.abs(preview.json().overall.score - overall("N-1").score!)).toBeLessThanOrEqual(0.05 + 1e-9);
    // The country's scores read the country's own answers only.
    const own = await loadVersionAnswers(db, built.versionId);
    expect(new Set(own.map((a) => a.entity))).toEqual(new Set(["MD"]));
    expect(own.length).toBe(countryAnswers);

    expect(
      (await call("geCoordinator", "GET", `/api/network/areas/MD/scores?cycle=${built.cycleId}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(undefined, "GET", `/api/network/areas/MD/scores?cycle=${built.cycleId}`)).statusCode,
    ).toBe(401);
    const bad = await call("mdViewer", "GET", "/api/network/areas/MD/scores?cycle=nope");
    expect(bad.statusCode).toBe(400);
  });

  it("puts a submitted area assessment in the reviewers' queue, named by its area", async () => {
    await db.update(assessments).set({ status: "submitted" }).where(eq(assessments.id, areaIds["N-1"]!));
    const queue = (await call("mdReviewer", "GET", "/api/review/queue")).json() as {
      id: string;
      area: { code: string } | null;
    }[];
    expect(queue.find((q) => q.id === areaIds["N-1"])?.area?.code).toBe("N-1");
  });

  it("refuses to drop an assessed area from the country's tree, naming it, and changes nothing", async () => {
    const res = await call("mdCoordinator", "PUT", "/api/network/areas/MD", {
      areas: TREE.filter((a) => a.code !== "N-2" && a.code !== "N-1"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      "N-1: this area has an assessment; keep it in the list",
      "N-2: this area has an assessment; keep it in the list",
    ]);
    const read = (await call(undefined, "GET", "/api/network/areas/MD")).json() as { code: string }[];
    expect(read.map((a) => a.code)).toEqual(["N", "N-1", "N-2", "S"]);
  });

  describe("publishing", () => {
    it("publishes the validated areas of the published countries with the release, and nothing else of them", async () => {
      await db
        .update(assessments)
        .set({ status: "validated" })
        .where(inArray(assessments.id, [areaIds["N-1"]!, built.assessments.MD!, built.assessments.GE!]));
      const published = await publishRelease(db, { cycleId: built.cycleId, userId: null });
      expect(published.countries).toEqual(["GE", "MD"]);
      const snapshot = (await findRelease(db, published.slug))!;
      // N-2 is not validated: the North rolls up from Bălți alone.
      expect(snapshot.areas?.map((a) => `${a.country}/${a.code}:${a.source}`)).toEqual([
        "MD/N:rolled-up",
        "MD/N-1:assessed",
      ]);
      expect(snapshot.areas?.[0]?.from).toBe(1);
      // Area answers are not published, and the country's answers are the country's.
      expect(snapshot.answers.every((a) => a.country === "MD" || a.country === "GE")).toBe(true);
      expect(snapshot.countries.map((c) => c.code)).toEqual(["GE", "MD"]);
    });
  });
});
