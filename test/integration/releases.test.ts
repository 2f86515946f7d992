import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { compileFramework, type Grant, scoreAnswers, toScoreRows } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import { answers, assessments, cycles, evidenceSources, releases } from "../../src/server/db/schema.ts";
import { buildDemoAnswers } from "../../src/server/demo/demo-answers.ts";
import { createBackup } from "../../src/server/ops/create-backup.ts";
import { restoreBackup } from "../../src/server/ops/restore-backup.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { findLatestRelease, findRelease, listReleases } from "../../src/server/releases/read-release.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, signInAs } from "../support/factories.ts";
import { answerOf, buildPublishableCycle, type PublishableCycle } from "../support/release-setup.ts";

const REFUSED: Record<string, Grant[]> = {
  "coordinator MD": [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
  "contributor MD": [{ role: "contributor", scopeType: "country", scopeCode: "MD" }],
  "reviewer MD": [{ role: "reviewer", scopeType: "country", scopeCode: "MD" }],
  "viewer MD": [{ role: "viewer", scopeType: "country", scopeCode: "MD" }],
  // A secretariat of another region may not publish this region's cycle.
  "secretariat (other region)": [{ role: "secretariat", scopeType: "region", scopeCode: "elsewhere" }],
};
const ALLOWED: Record<string, { isAdmin?: boolean; grants: Grant[] }> = {
  admin: { isAdmin: true, grants: [] },
  "secretariat (platform)": { grants: [{ role: "secretariat", scopeType: "platform", scopeCode: null }] },
  "secretariat (region)": {
    grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
  },
};

describeEachDatabase("releases: publishing", (database) => {
  let app: FastifyInstance;
  let cycle: PublishableCycle;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-releases-"));
    const { db } = database();
    await seedReference(db);
    cycle = await buildPublishableCycle(db, { countries: ["MD", "GE", "AM"], validated: ["MD", "GE"] });
    app = await buildApp({ database: database() });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses, naming what to fix, and writes nothing", async () => {
    const { db } = database();
    const empty = await buildPublishableCycle(db, { countries: ["MD"], validated: [] });
    await expect(publishRelease(db, { cycleId: empty.cycleId, userId: null })).rejects.toThrow(
      /no assessment of the 2026 cycle is validated/,
    );
    await expect(
      publishRelease(db, { cycleId: cycle.cycleId, assessmentIds: [cycle.assessments.AM!], userId: null }),
    ).rejects.toMatchObject({ problems: ["AM: draft"] });
    await expect(
      publishRelease(db, { cycleId: cycle.cycleId, assessmentIds: [empty.assessments.MD!], userId: null }),
    ).rejects.toThrow(/not in the 2026 cycle/);
    await expect(
      publishRelease(db, { cycleId: cycle.cycleId, assessmentIds: [], userId: null }),
    ).rejects.toThrow(/at least one/);
    await expect(
      publishRelease(db, { cycleId: "00000000-0000-4000-8000-000000000000", userId: null }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await listReleases(db)).toEqual([]);
  });

  it("publishes every validated assessment as v1: public answers and evidence, the engine's scores", async () => {
    const { db } = database();
    const admin = await buildUser(db, { isAdmin: true });
    const published = await publishRelease(db, { cycleId: cycle.cycleId, userId: admin.id });
    expect(published).toMatchObject({
      slug: `${cycle.framework.code}-2026-v1`,
      version: 1,
      supersedes: null,
      comparison: null,
      countries: ["GE", "MD"],
    });
    const snapshot = (await findRelease(db, published.slug))!;
    expect(snapshot.countries.map((c) => c.code)).toEqual(["GE", "MD"]);
    expect(snapshot.countries.find((c) => c.code === "MD")!.name).toMatchObject({
      en: "Moldova",
      fr: "Moldavie",
      ar: expect.stringMatching(/مولدوفا/),
    });
    expect(new Set(snapshot.answers.map((a) => a.country))).toEqual(new Set(["GE", "MD"]));
    const cited = snapshot.answers.find((a) => a.evidence.length)!;
    expect(Object.keys(cited.evidence[0]!).sort()).toEqual(
      ["citation", "fileName", "kind", "legalReference", "sourceDate", "url"].sort(),
    );
    // The stored scores are the engine's on the published answers.
    const table = scoreAnswers(
      compileFramework(snapshot.framework),
      snapshot.answers
        .filter((a) => a.value !== null)
        .map((a) => ({ entity: a.country, period: "2026", indicator: a.indicator, value: a.value })),
    );
    const engine = [...toScoreRows(table, snapshot.framework)];
    expect(snapshot.scores).toHaveLength(engine.length);
    for (const row of engine) {
      const s = snapshot.scores.find((x) => x.country === row.entity && x.item === row.node)!;
      expect(s.score).toBe(row.score);
    }
    const [stored] = await db.select().from(releases).where(eq(releases.slug, published.slug));
    expect(stored).toMatchObject({ publishedBy: admin.id, publishedVia: "api", version: 1 });
    expect([...stored!.assessmentIds].sort()).toEqual([cycle.assessments.GE, cycle.assessments.MD].sort());
    expect((await findLatestRelease(db, cycle.framework.code))!.release.slug).toBe(published.slug);
  });

  it("refuses to change or delete a release (a database trigger)", async () => {
    const { db } = database();
    expect(await failure(db.execute(sql`update releases set notes = 'changed'`))).toMatch(/immutable/);
    expect(await failure(db.execute(sql`delete from releases`))).toMatch(/immutable/);
    expect((await listReleases(db)).map((r) => r.notes)).not.toContain("changed");
  });

  it("a correction is a new version that supersedes the old, which stays served", async () => {
    const { db } = database();
    const slug1 = `${cycle.framework.code}-2026-v1`;
    await expect(publishRelease(db, { cycleId: cycle.cycleId, userId: null, notes: "  " })).rejects.toThrow(
      /notes: .* is already published/,
    );
    const v2 = await publishRelease(db, {
      cycleId: cycle.cycleId,
      userId: null,
      via: "cli",
      countries: ["md"],
      notes: "Georgia withdrawn pending a check of its sources.",
    });
    expect(v2).toMatchObject({ slug: `${cycle.framework.code}-2026-v2`, version: 2, supersedes: slug1 });
    const snapshot = (await findRelease(db, v2.slug))!;
    expect(snapshot.release.supersedes).toMatchObject({ slug: slug1, version: 1 });
    expect(snapshot.release.notes).toBe("Georgia withdrawn pending a check of its sources.");
    expect(snapshot.countries.map((c) => c.code)).toEqual(["MD"]);
    const list = await listReleases(db);
    expect(list.find((r) => r.slug === slug1)).toMatchObject({ supersededBy: v2.slug, supersedes: null });
    expect(list.find((r) => r.slug === v2.slug)).toMatchObject({ supersedes: slug1, supersededBy: null });
    const old = await app.inject(`/api/public/releases/${slug1}/countries/ge`);
    expect(old.statusCode).toBe(200);
  });

  it("one transaction: a failure while publishing leaves no release", async () => {
    const { db } = database();
    const before = (await listReleases(db)).length;
    await db.execute(
      sql.raw(
        "create function refuse_release() returns trigger as $$ begin raise exception 'disk full'; end; $$ language plpgsql",
      ),
    );
    await db.execute(
      sql.raw(
        "create trigger refuse_release before insert on releases for each row execute function refuse_release()",
      ),
    );
    try {
      expect(
        await failure(publishRelease(db, { cycleId: cycle.cycleId, userId: null, notes: "Will fail" })),
      ).toMatch(/disk full/);
    } finally {
      await db.execute(sql.raw("drop trigger refuse_release on releases"));
      await db.execute(sql.raw("drop function refuse_release()"));
    }
    expect(await listReleases(db)).toHaveLength(before);
    // Nothing stays locked: the next publication goes through.
    const next = await publishRelease(db, { cycleId: cycle.cycleId, userId: null, notes: "Now it works" });
    expect(next.version).toBe(3);
  });

  it("lets admins and secretariats (platform, region) publish over HTTP; refuses everyone else", async () => {
    const { db } = database();
    const url = `/api/cycles/${cycle.cycleId}/releases`;
    const signedOut = await app.inject({ method: "POST", url, payload: { notes: "x" } });
    expect(signedOut.statusCode).toBe(401);
    for (const [name, grants] of Object.entries(REFUSED)) {
      const session = await signInAs(app, await buildUser(db, { grants, name }));
      const res = await app.inject({
        method: "POST",
        url,
        payload: { notes: "x" },
        headers: session.headers,
      });
      expect(res.statusCode, name).toBe(403);
      const candidates = await app.inject({
        url: `/api/cycles/${cycle.cycleId}/release-candidates`,
        headers: session.headers,
      });
      expect(candidates.statusCode, name).toBe(403);
    }
    const countBefore = (await listReleases(db)).length;
    for (const [name, persona] of Object.entries(ALLOWED)) {
      const session = await signInAs(app, await buildUser(db, { ...persona, name }));
      const res = await app.inject({
        method: "POST",
        url,
        payload: { notes: `Republished by ${name}`, assessmentIds: [cycle.assessments.MD] },
        headers: session.headers,
      });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ countries: ["MD"] });
    }
    expect(await listReleases(db)).toHaveLength(countBefore + 3);
    const unvalidated = await app.inject({
      method: "POST",
      url,
      payload: { notes: "AM too", assessmentIds: [cycle.assessments.AM] },
      headers: (await signInAs(app, await buildUser(db, { isAdmin: true }))).headers,
    });
    expect(unvalidated.statusCode).toBe(400);
    expect(unvalidated.json().details).toEqual(["AM: draft"]);
  });

  it("shows what a publication would include and how many answers changed since", async () => {
    const { db } = database();
    const admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    // Georgia is in v1 but in no later release: its changes count against the latest (MD only).
    await db
      .update(assessments)
      .set({ status: "validated" })
      .where(eq(assessments.id, cycle.assessments.AM!));
    const res = await app.inject({
      url: `/api/cycles/${cycle.cycleId}/release-candidates`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      previous: { slug: string } | null;
      nextSlug: string;
      assessments: {
        country: string;
        publishable: boolean;
        inPrevious: boolean;
        changedAnswers: number | null;
      }[];
    };
    const latest = (await listReleases(db)).find(
      (r) => r.frameworkCode === cycle.framework.code && !r.supersededBy,
    )!;
    expect(body.previous!.slug).toBe(latest.slug);
    expect(body.nextSlug).toBe(`${cycle.framework.code}-2026-v${latest.version + 1}`);
    expect(body.assessments.find((a) => a.country === "MD")).toMatchObject({
      publishable: true,
      inPrevious: true,
      changedAnswers: 0,
    });
    expect(body.assessments.find((a) => a.country === "AM")).toMatchObject({
      publishable: true,
      inPrevious: false,
      changedAnswers: null,
    });
    // Two changes since: an answer's value, and a new source on another answer.
    const [a, b] = cycle.framework.indicators.filter((i) => i.type === "checklist");
    const changed = await answerOf(db, cycle.assessments.MD!, a!.code);
    const [row] = await db.select({ value: answers.valueText }).from(answers).where(eq(answers.id, changed));
    await db
      .update(answers)
      .set({ valueText: row!.value === "yes" ? "no" : "yes" })
      .where(eq(answers.id, changed));
    await db.insert(evidenceSources).values({
      answerId: await answerOf(db, cycle.assessments.MD!, b!.code),
      kind: "url",
      url: "https://example.org/new-report",
    });
    const after = await app.inject({
      url: `/api/cycles/${cycle.cycleId}/release-candidates`,
      headers: admin.headers,
    });
    expect((after.json() as typeof body).assessments.find((x) => x.country === "MD")!.changedAnswers).toBe(2);
    const list = await app.inject({ url: "/api/releases", headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect((list.json() as unknown[]).length).toBeGreaterThan(3);
    expect((await app.inject({ url: "/api/releases" })).statusCode).toBe(401);
  });

  it("compares with the latest release of an earlier period: change and trend", async () => {
    const { db } = database();
    const earlier = (await listReleases(db)).find((r) => r.frameworkCode === cycle.framework.code)!;
    const answers2027 = buildDemoAnswers(cycle.framework)
      .filter((a) => a.period === "2023" && a.entity === "MD")
      .map((a) => ({ ...a, period: "2027" }));
    await importAnswers(db, { framework: cycle.versionId, answers: answers2027 });
    const [later] = await db
      .select({ id: cycles.id })
      .from(cycles)
      .where(and(eq(cycles.versionId, cycle.versionId), eq(cycles.period, "2027")));
    await db.update(assessments).set({ status: "validated" }).where(eq(assessments.cycleId, later!.id));
    const published = await publishRelease(db, { cycleId: later!.id, userId: null });
    expect(published).toMatchObject({ version: 1, comparison: earlier.slug, supersedes: null });
    const snapshot = (await findRelease(db, published.slug))!;
    const previous = (await findRelease(db, earlier.slug))!;
    const root = snapshot.framework.nodes.find((n) => n.parent === null)!.code;
    const now = snapshot.scores.find((s) => s.country === "MD" && s.item === root)!;
    const then = previous.scores.find((s) => s.country === "MD" && s.item === root)!;
    expect(now.change).toBeCloseTo(now.score! - then.score!, 5);
    expect(snapshot.trend.map((p) => p.period)).toEqual(["2026", "2027"]);
  });

  it("survives a backup and restore (the trigger does not stop the restore)", async () => {
    const { db } = database();
    const before = await listReleases(db);
    const file = join(mkdtempSync(join(tmpdir(), "childmark-releases-")), "backup.tar.gz");
    const uploads = join(file, "../uploads");
    await createBackup(database(), file, { uploads });
    await restoreBackup(database(), file, { uploads });
    expect(await listReleases(db)).toEqual(before);
    expect((await findRelease(db, before[0]!.slug))!.release.slug).toBe(before[0]!.slug);
  });
});

/** The database's message of a failed query (drizzle wraps it in `cause`). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message.slice(0, 200)} ${e.cause?.message ?? ""}`;
  }
  return "no error";
}
