import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ScoreRowOut } from "../../src/server/api-schemas/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { loadDemo } from "../../src/server/app/load-demo.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";

describeEachDatabase("read-only JSON API", (database) => {
  let app: FastifyInstance;
  let id: string;
  let admin: Session["headers"];

  beforeAll(async () => {
    await seedReference(database().db);
    const login = await loadDemo(database());
    app = await buildApp({ database: database() });
    admin = (await signInAs(app, { id: "", ...login })).headers;
    const list = (await app.inject("/api/frameworks")).json() as { id: string; code: string }[];
    id = list.find((f) => f.code === "cpi-demo")!.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("answers health with the database kind", async () => {
    const res = await app.inject("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", version: "0.1.0", database: database().kind });
  });

  it("lists frameworks and serves a full definition", async () => {
    const list = (await app.inject("/api/frameworks")).json() as { code: string; indicatorCount: number }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.indicatorCount).toBeGreaterThanOrEqual(120);
    const detail = (await app.inject(`/api/frameworks/${id}`)).json() as {
      id: string;
      nodes: unknown[];
      bands: unknown[];
    };
    expect(detail.id).toBe(id);
    expect(detail.bands).toHaveLength(4);
  });

  it("lists the two demo cycles, counting for a visitor only the published assessments", async () => {
    const cycles = (await app.inject(`/api/frameworks/${id}/cycles`)).json() as {
      period: string;
      isDemo: boolean;
      assessmentCount: number;
    }[];
    expect(cycles.map((c) => [c.period, c.isDemo, c.assessmentCount])).toEqual([
      ["2023", true, 10],
      // Moldova's 2025 assessment is a draft: not published, not counted.
      ["2025", true, 9],
    ]);
    const asAdmin = (await app.inject({ url: `/api/frameworks/${id}/cycles`, headers: admin })).json() as {
      assessmentCount: number;
    }[];
    expect(asAdmin.map((c) => c.assessmentCount)).toEqual([10, 10]);
  });

  it("serves a visitor the published scores only, ranked, and filters by node, period and country", async () => {
    const rows = (await app.inject(`/api/frameworks/${id}/scores?node=cpi`)).json() as ScoreRowOut[];
    expect(rows).toHaveLength(10 + 9);
    expect(rows.every((r) => r.published)).toBe(true);
    expect(rows.filter((r) => r.period === "2025").map((r) => r.country)).not.toContain("MD");
    const ranks = rows.filter((r) => r.period === "2025").map((r) => r.rank);
    expect([...ranks].sort((a, b) => a! - b!)[0]).toBe(1);
    expect(Math.max(...ranks.map(Number))).toBeLessThanOrEqual(9);
    // Change since the 2023 release, for the nine countries published in 2025.
    expect(rows.filter((r) => r.change !== null)).toHaveLength(9);
    const one = (
      await app.inject(`/api/frameworks/${id}/scores?node=dimension:services&country=md&period=2023`)
    ).json();
    expect(one).toHaveLength(1);
    const draft = await app.inject(`/api/frameworks/${id}/scores?country=md&period=2025`);
    expect(draft.json()).toEqual([]);
  });

  it("shows the draft's working figures to those who may read it, ranked only for those who read them all", async () => {
    const asAdmin = (
      await app.inject({ url: `/api/frameworks/${id}/scores?node=cpi&period=2025`, headers: admin })
    ).json() as ScoreRowOut[];
    expect(asAdmin).toHaveLength(10);
    const md = asAdmin.find((r) => r.country === "MD")!;
    expect(md.published).toBe(false);
    expect(md.rank).not.toBeNull();
    const user = await buildUser(database().db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    const coordinator = (await signInAs(app, user)).headers;
    const asCoordinator = (
      await app.inject({ url: `/api/frameworks/${id}/scores?node=cpi&period=2025`, headers: coordinator })
    ).json() as ScoreRowOut[];
    expect(asCoordinator).toHaveLength(10);
    expect(asCoordinator.find((r) => r.country === "MD")).toEqual({ ...md, rank: null });
    expect(asCoordinator.filter((r) => r.published)).toHaveLength(9);
  });

  it("answers 404 for an unknown framework and 400 naming the bad field", async () => {
    const missing = await app.inject("/api/frameworks/00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    const bad = await app.inject("/api/frameworks/not-an-id/scores");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.join(" ")).toContain("id");
  });

  it("documents every route in OpenAPI", async () => {
    const doc = (await app.inject("/api/docs/json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/frameworks",
        "/api/frameworks/{id}",
        "/api/frameworks/{id}/scores",
      ]),
    );
  });
});
