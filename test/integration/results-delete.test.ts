import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import {
  auditEvents,
  countries,
  evaluations,
  resultIndicators,
  resultNodes,
  resultValueHistory,
} from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildEvaluation } from "../support/evaluation-factories.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";

describeEachDatabase("results: deleting plans, nodes, indicators, evaluations and outcomes", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};
  let coalitionId: string;
  let userId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db.update(countries).set({ regionCode: CHILDPACT_REGION.code }).where(eq(countries.code, "MD"));
    app = await buildApp({ database: database() });
    const people = {
      coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
      contributor: { role: "contributor", scopeType: "country", scopeCode: "MD" },
      secretariat: { role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code },
    } as const;
    for (const [name, grant] of Object.entries(people)) {
      const user = await buildUser(db, { grants: [grant], name });
      if (name === "coordinator") userId = user.id;
      as[name] = await signInAs(app, user);
    }
    coalitionId = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (who: string, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
    app.inject({ method, url: `/api/results${url}`, payload, headers: as[who]!.headers });

  async function planWithValues() {
    const built = await buildPlan(database().db, coalitionId, userId);
    for (const period of ["2024", "2025"]) {
      const saved = await call(
        "coordinator",
        "PUT",
        `/plans/${built.planId}/indicators/${built.indicatorId}/actuals/${period}`,
        { value: 10, breakdown: { sex: { girls: 6, boys: 4 } }, expectedVersion: 0 },
      );
      expect(saved.statusCode, saved.body).toBe(200);
    }
    return built;
  }
  const historyRows = () => database().db.$count(resultValueHistory);
  const deletions = () => database().db.$count(auditEvents, eq(auditEvents.action, "results.deleted"));

  it("deletes an indicator, then a node with its subtree, with their values' history and an audit event each", async () => {
    const { db } = database();
    const { planId, goalId, outcomeId, indicatorId } = await planWithValues();
    const before = await historyRows();
    const auditBefore = await deletions();

    expect(
      (await call("contributor", "DELETE", `/plans/${planId}/indicators/${indicatorId}`)).statusCode,
    ).toBe(403);
    const gone = await call("coordinator", "DELETE", `/plans/${planId}/indicators/${indicatorId}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await historyRows()).toBe(before - 2);
    expect(
      (await call("coordinator", "DELETE", `/plans/${planId}/indicators/${indicatorId}`)).statusCode,
    ).toBe(404);

    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, indicatorId));
    expect(event).toMatchObject({
      action: "results.deleted",
      targetType: "plan indicator",
      country: "MD",
      details: { part: "indicator", planId, code: "I1", values: 2 },
    });

    const deleted = await call("coordinator", "DELETE", `/plans/${planId}/nodes/${goalId}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await db.$count(resultNodes, eq(resultNodes.planId, planId))).toBe(0);
    expect(await db.$count(resultNodes, eq(resultNodes.id, outcomeId))).toBe(0);
    expect(await deletions()).toBe(auditBefore + 2);
  });

  it("refuses to delete an approved plan or its tree (409) until it is reopened; then deletes it whole", async () => {
    const { db } = database();
    const { planId, goalId, indicatorId } = await planWithValues();
    await buildEvaluation(db, planId, userId);
    const approve = (approved: boolean) =>
      call("secretariat", "POST", `/plans/${planId}/approval`, { approved, isPublic: approved });
    expect((await approve(true)).statusCode).toBe(204);
    for (const url of [
      `/plans/${planId}`,
      `/plans/${planId}/nodes/${goalId}`,
      `/plans/${planId}/indicators/${indicatorId}`,
    ]) {
      const refused = await call("coordinator", "DELETE", url);
      expect(refused.statusCode, url).toBe(409);
      expect(refused.json().error).toMatch(/approved.*reopened/);
    }
    expect(await db.$count(resultIndicators, eq(resultIndicators.planId, planId))).toBe(1);

    expect((await approve(false)).statusCode).toBe(204);
    const before = await historyRows();
    const deleted = await call("coordinator", "DELETE", `/plans/${planId}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await historyRows()).toBe(before - 2);
    expect((await call("coordinator", "GET", `/plans/${planId}`)).statusCode).toBe(404);
    expect(await db.$count(evaluations, eq(evaluations.planId, planId))).toBe(0);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, planId));
    expect(event!.details).toMatchObject({
      part: "plan",
      nodes: 2,
      indicators: 1,
      values: 2,
      evaluations: 1,
      outcomes: 1,
    });
  });

  it("deletes an evaluation and an outcome, whatever the plan's status", async () => {
    const { db } = database();
    const { planId } = await buildPlan(db, coalitionId, userId);
    const { evaluationId, outcomeId } = await buildEvaluation(db, planId, userId);
    expect(
      (await call("secretariat", "POST", `/plans/${planId}/approval`, { approved: true })).statusCode,
    ).toBe(204);
    expect(
      (await call("contributor", "DELETE", `/plans/${planId}/evaluations/${evaluationId}`)).statusCode,
    ).toBe(403);
    expect(
      (await call("coordinator", "DELETE", `/plans/${planId}/evaluations/${evaluationId}`)).statusCode,
    ).toBe(204);
    expect((await call("coordinator", "DELETE", `/plans/${planId}/outcomes/${outcomeId}`)).statusCode).toBe(
      204,
    );
    const left = (await call("coordinator", "GET", `/plans/${planId}/evaluations`)).json();
    expect(left.evaluations).toEqual([]);
    expect((await call("coordinator", "GET", `/plans/${planId}/outcomes`)).json().outcomes).toEqual([]);
  });

  it("keeps the values' history append-only outside a deletion", async () => {
    const { db } = database();
    await planWithValues();
    const error = await db.execute(sql`delete from result_value_history`).then(
      () => null,
      (e: Error & { cause?: Error }) => e,
    );
    expect(String(error?.cause?.message ?? error?.message)).toMatch(/append-only/);
  });
});
