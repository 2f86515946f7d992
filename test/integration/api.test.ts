import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { loadDemo } from "../../src/server/app/load-demo.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";

describeEachDatabase("read-only JSON API", (database) => {
  let app: FastifyInstance;
  let id: string;

  beforeAll(async () => {
    await seedReference(database().db);
    await loadDemo(database());
    app = await buildApp({ database: database() });
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

  it("lists the two demo cycles with ten assessments each", async () => {
    const cycles = (await app.inject(`/api/frameworks/${id}/cycles`)).json() as {
      isDemo: boolean;
      assessmentCount: number;
    }[];
    expect(cycles).toHaveLength(2);
    expect(cycles.every((c) => c.isDemo && c.assessmentCount === 10)).toBe(true);
  });

  it("serves scores with ranks 1–10 per cycle and filters by node, period and country", async () => {
    const rows = (await app.inject(`/api/frameworks/${id}/scores?node=cpi`)).json() as {
      period: string;
      rank: number;
      score: number;
      change: number | null;
    }[];
    expect(rows).toHaveLength(20);
    const ranks = rows.filter((r) => r.period === rows[0]!.period).map((r) => r.rank);
    expect(Math.min(...ranks)).toBe(1);
    expect(rows.filter((r) => r.change !== null)).toHaveLength(10);
    const one = (
      await app.inject(`/api/frameworks/${id}/scores?node=dimension:services&country=md&period=2025`)
    ).json();
    expect(one).toHaveLength(1);
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
