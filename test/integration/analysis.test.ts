import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { settleAnalysisJob } from "../../src/server/analysis/jobs.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { auditEvents, releaseAnalyses } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildPublishableCycle, type PublishableCycle } from "../support/release-setup.ts";

const SETTINGS = {
  seed: 7,
  draws: 400,
  weights: { mode: "uniform", defaultRange: 0.4, concentration: 50 },
  normalisations: ["goalposts", "rank"],
  aggregations: ["framework", "geometric"],
  missing: ["framework"],
};

describeEachDatabase("uncertainty analysis of a release: background run, storage, portal", (database) => {
  let app: FastifyInstance;
  let cycle: PublishableCycle;
  let other: PublishableCycle;
  let slug: string;
  let session: Session;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-analysis-"));
    const { db } = database();
    await seedReference(db);
    cycle = await buildPublishableCycle(db, {
      countries: ["MD", "GE", "AM", "RO", "BG"],
      validated: ["MD", "GE", "AM", "RO", "BG"],
    });
    other = await buildPublishableCycle(db, { countries: ["MD", "GE"], validated: ["MD", "GE"] });
    slug = (await publishRelease(db, { cycleId: cycle.cycleId, userId: null })).slug;
    await publishRelease(db, { cycleId: other.cycleId, userId: null });
    const secretariat = await buildUser(db, {
      grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
    });
    app = await buildApp({ database: database() });
    session = await signInAs(app, secretariat);
  });
  afterAll(async () => {
    await app?.close();
  });

  const run = (settings: object, release = slug) =>
    app.inject({
      method: "POST",
      url: `/api/cycles/${cycle.cycleId}/analyses`,
      headers: session.headers,
      payload: { release, settings },
    });
  const stored = async () =>
    (await database().db.select({ id: releaseAnalyses.id }).from(releaseAnalyses)).length;

  it("refuses a set-up that does not fit, and a release of another cycle, storing nothing", async () => {
    const bad = await run({ ...SETTINGS, weights: { ...SETTINGS.weights, range: { nowhere: 0.2 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual(['weights.range: no node "nowhere" in the framework']);
    const few = await run({ ...SETTINGS, draws: 5 });
    expect(few.statusCode).toBe(400);
    const elsewhere = await run(SETTINGS, `${other.framework.code}-2026-v1`);
    expect(elsewhere.statusCode).toBe(404);
    expect(await stored()).toBe(0);
  });

  it("runs in the background, one run at a time per cycle, reports progress and stores the result once", async () => {
    const started = await run(SETTINGS);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: "running", release: slug, done: 0 });
    const total = started.json().total as number;
    expect(total).toBeGreaterThan(300);
    expect(total).toBeLessThanOrEqual(400);
    // A second run of the same cycle while the first goes: 409, naming the running one.
    const second = await run(SETTINGS);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toContain(slug);
    const job = await settleAnalysisJob(database().db, cycle.cycleId);
    expect(job).toMatchObject({ status: "done", done: total });
    const overview = await app.inject({
      url: `/api/cycles/${cycle.cycleId}/analyses`,
      headers: session.headers,
    });
    expect(overview.statusCode).toBe(200);
    const { analyses, job: reported, nodes } = overview.json();
    expect(reported.status).toBe("done");
    expect(nodes.length).toBeGreaterThan(3);
    expect(analyses).toHaveLength(1);
    expect(analyses[0]).toMatchObject({ release: slug, version: 1, evaluations: total, publishedAt: null });
    const detail = await app.inject({
      url: `/api/cycles/${cycle.cycleId}/analyses/${analyses[0].id}`,
      headers: session.headers,
    });
    const result = detail.json().result;
    expect(result.entities.map((e: { entity: string }) => e.entity)).toEqual(["AM", "BG", "GE", "MD", "RO"]);
    for (const e of result.entities) {
      expect(e.low).toBeLessThanOrEqual(e.nominalRank);
      expect(e.high).toBeGreaterThanOrEqual(e.nominalRank);
      expect(e.low).toBeGreaterThanOrEqual(1);
      expect(e.high).toBeLessThanOrEqual(5);
    }
    expect(result.factors.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(["normalisation", "aggregation"]),
    );
    expect(result.leaveOneOut.length).toBeGreaterThan(0);
    const audit = await database()
      .db.select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "analysis.stored"));
    expect(audit).toHaveLength(1);
  }, 120_000);

  it("is immutable: no change of its result, no deletion; only published once", async () => {
    const { db } = database();
    const [row] = await db.select({ id: releaseAnalyses.id }).from(releaseAnalyses);
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "allowed",
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(
      await refusal(db.execute(sql`update release_analyses set evaluations = 1 where id = ${row!.id}`)),
    ).toMatch(/release analyses are immutable: UPDATE/);
    expect(await refusal(db.execute(sql`delete from release_analyses where id = ${row!.id}`))).toMatch(
      /release analyses are immutable: DELETE/,
    );
  });

  it("reaches the portal only once published: rank intervals, robustness sentence, sensitivity, downloads", async () => {
    const before = await app.inject({ url: `/portal/${slug}/en/` });
    expect(before.body).not.toContain("rankint");
    const csvBefore = await app.inject({ url: `/portal/${slug}/downloads/${slug}.uncertainty.csv` });
    expect(csvBefore.statusCode).toBe(404);
    const [row] = await database().db.select({ id: releaseAnalyses.id }).from(releaseAnalyses);
    const url = `/api/cycles/${cycle.cycleId}/analyses/${row!.id}/publish`;
    expect((await app.inject({ method: "POST", url, headers: session.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: "POST", url, headers: session.headers })).statusCode).toBe(409);
    const home = await app.inject({ url: `/portal/${slug}/en/` });
    expect(home.body).toContain("Rank range");
    expect(home.body.match(/class="rankint"/g)).toHaveLength(5);
    const profile = await app.inject({ url: `/portal/${slug}/en/countries/md/` });
    expect(profile.body.match(/id="rank-robustness">([^<]*)/)?.[1]).toMatch(
      /^Moldova&#x27;s rank \(\d\) (is robust|is fairly robust|depends on methodological choices): in 90% of \d+ alternative calculations/,
    );
    const arabic = await app.inject({ url: `/portal/${slug}/ar/countries/md/` });
    expect(arabic.body).toContain("ترتيب");
    expect(arabic.body).toContain('id="rank-robustness"');
    const method = await app.inject({ url: `/portal/${slug}/en/methodology/` });
    expect(method.body).toContain('id="sensitivity-chart"');
    expect(method.body).toContain("Normalisation method");
    const csv = await app.inject({ url: `/portal/${slug}/downloads/${slug}.uncertainty.csv` });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toContain("country,nominal_rank,median_rank,p5_rank,p95_rank");
    expect(lines).toHaveLength(6);
    const json = await app.inject({ url: `/portal/${slug}/downloads/${slug}.uncertainty.json` });
    expect(json.json()).toMatchObject({ release: slug, analysisVersion: 1 });
    const xlsx = await app.inject({ url: `/portal/${slug}/downloads/${slug}.uncertainty.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("cancels a run: nothing stored, the cycle free again", async () => {
    const before = await stored();
    const started = await run({ ...SETTINGS, draws: 100_000 });
    expect(started.statusCode).toBe(202);
    const cancelled = await app.inject({
      method: "DELETE",
      url: `/api/cycles/${cycle.cycleId}/analyses/job`,
      headers: session.headers,
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe("cancelled");
    expect(await stored()).toBe(before);
    const again = await app.inject({
      method: "DELETE",
      url: `/api/cycles/${cycle.cycleId}/analyses/job`,
      headers: session.headers,
    });
    expect(again.statusCode).toBe(404);
  }, 60_000);
});
