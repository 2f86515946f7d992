import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { recommendations } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";

describeEachDatabase("recommendations: saved searches, indicator suggestions", (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let other: Session;
  let versionId: string;
  let recId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    versionId = (await buildAssessments(db, { countries: ["MD", "GE"] })).versionId;
    app = await buildApp({ database: database() });
    coordinator = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
    );
    other = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }] }),
    );
    const [rec] = await db
      .insert(recommendations)
      .values({
        mechanism: "upr",
        stateCode: "MD",
        stateName: "Moldova",
        text: {
          en: "Provide specialised shelter, care and legal assistance to child victims of trafficking.",
        },
        importKey: "classify-md",
      })
      .returning({ id: recommendations.id });
    recId = rec!.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (as: Session, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: as.headers });

  it("saves searches per person: list, replace by name, delete; another person's is not found", async () => {
    const saved = await call(coordinator, "POST", "/api/recommendations/saved-searches", {
      name: "Violence <i>open</i>",
      query: "?q=%22corporal+punishment%22&state=MD&coalitionStatus=none",
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({
      name: "Violence <i>open</i>",
      query: "q=%22corporal+punishment%22&state=MD&coalitionStatus=none",
    });
    const again = await call(coordinator, "POST", "/api/recommendations/saved-searches", {
      name: "Violence <i>open</i>",
      query: "q=violence",
    });
    expect(again.json().id).toBe(saved.json().id);
    const mine = (await call(coordinator, "GET", "/api/recommendations/saved-searches")).json();
    expect(mine).toEqual([expect.objectContaining({ name: "Violence <i>open</i>", query: "q=violence" })]);
    expect((await call(other, "GET", "/api/recommendations/saved-searches")).json()).toEqual([]);
    const url = `/api/recommendations/saved-searches/${saved.json().id}`;
    expect((await call(other, "DELETE", url)).statusCode).toBe(404);
    expect((await call(coordinator, "DELETE", url)).statusCode).toBe(204);
    expect((await call(coordinator, "GET", "/api/recommendations/saved-searches")).json()).toEqual([]);
  });

  it("refuses a saved search that would not open, naming the field", async () => {
    const bad = async (payload: object, field: string) => {
      const res = await call(coordinator, "POST", "/api/recommendations/saved-searches", payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    };
    await bad({ name: "x", query: "mechanism=unicef" }, "query.mechanism");
    await bad({ name: "x", query: "colour=red" }, "colour");
    await bad({ name: "", query: "q=x" }, "name");
    await bad({ name: "x" }, "query");
  });

  it("ranks indicators by similarity with a score; accept links, reject is remembered", async () => {
    const suggest = async () =>
      (
        await call(
          coordinator,
          "GET",
          `/api/recommendations/${recId}/indicator-suggestions?frameworkVersionId=${versionId}&limit=5`,
        )
      ).json() as { code: string; score: number; text: string }[];
    const first = await suggest();
    expect(first[0]).toMatchObject({ code: "a35.03" });
    expect(first[0]!.score).toBeGreaterThan(0);
    expect(first.map((s) => s.score)).toEqual([...first.map((s) => s.score)].sort((a, b) => b - a));

    const decide = (as: Session, indicatorCode: string, decision: string) =>
      call(as, "POST", `/api/recommendations/${recId}/indicator-suggestions`, {
        frameworkVersionId: versionId,
        indicatorCode,
        decision,
      });
    expect((await decide(other, "a35.03", "accept")).statusCode).toBe(403);
    const accepted = await decide(coordinator, "a35.03", "accept");
    expect(accepted.json()).toEqual({ decision: "accept", indicatorCodes: ["a35.03"] });
    const second = first[1]!.code;
    expect((await decide(coordinator, second, "reject")).json()).toEqual({
      decision: "reject",
      indicatorCodes: ["a35.03"],
    });
    const after = (await suggest()).map((s) => s.code);
    expect(after).not.toContain("a35.03");
    expect(after).not.toContain(second);
    const detail = await call(coordinator, "GET", `/api/recommendations/${recId}`);
    expect(detail.json().indicatorCodes).toEqual(["a35.03"]);

    const unknown = await decide(coordinator, "zz.99", "accept");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("indicatorCode");
    const badDecision = await decide(coordinator, "a35.03", "maybe");
    expect(badDecision.statusCode).toBe(400);
    expect(badDecision.body).toContain("decision");
  });
});
