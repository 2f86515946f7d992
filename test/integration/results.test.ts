import { and, eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import {
  auditEvents,
  countries,
  implementationAssessments,
  recommendations,
  resultValueHistory,
} from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, PLAN_BODY } from "../support/results-factories.ts";

const NODE_KEYS = [
  "parentId",
  "level",
  "code",
  "title",
  "description",
  "responsible",
  "startsOn",
  "endsOn",
  "rollUp",
  "weight",
];
const INDICATOR_KEYS = [
  "nodeId",
  "code",
  "title",
  "type",
  "unit",
  "scaleMin",
  "scaleMax",
  "direction",
  "cumulation",
  "baselineValue",
  "baselineDate",
  "weight",
  "disaggregations",
  "link",
];
/** The fields of a part as a change body names them. */
const pickKeys = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));

describeEachDatabase("results: plans, values, progress and access", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};
  let coalitionId: string;
  let networkId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["MD", "GE"]));
    app = await buildApp({ database: database() });
    const people = {
      coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
      contributor: { role: "contributor", scopeType: "country", scopeCode: "MD" },
      viewer: { role: "viewer", scopeType: "country", scopeCode: "MD" },
      otherCoordinator: { role: "coordinator", scopeType: "country", scopeCode: "GE" },
      secretariat: { role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code },
    } as const;
    for (const [name, grant] of Object.entries(people)) {
      as[name] = await signInAs(app, await buildUser(db, { grants: [grant], name }));
    }
    coalitionId = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
    networkId = await buildOrganisation(db, { region: CHILDPACT_REGION.code }, "ChildPact");
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    app.inject({ method, url: `/api${url}`, payload, headers: as[who]!.headers });

  async function buildTree(who: string, organisationId: string) {
    const plan = await call(who, "POST", "/results/plans", { organisationId, ...PLAN_BODY });
    expect(plan.statusCode, plan.body).toBe(201);
    const id = plan.json().id as string;
    const goal = await call(who, "POST", `/results/plans/${id}/nodes`, {
      parentId: null,
      level: "goal",
      code: "G1",
      title: { en: "Children are protected from violence", fr: "Les enfants sont protégés" },
      rollUp: "weighted",
    });
    const goalId = goal.json().id as string;
    const add = (code: string, body: object) =>
      call(who, "POST", `/results/plans/${id}/indicators`, {
        nodeId: goalId,
        code,
        title: { en: code },
        ...body,
      });
    const trained = (
      await add("I1", { type: "number", cumulation: "sum", disaggregations: ["sex"], weight: 3 })
    ).json().id as string;
    const rate = (await add("I2", { type: "percentage", direction: "decrease", baselineValue: 40 })).json()
      .id as string;
    return { id, goalId, trained, rate };
  }

  it("builds a plan, saves targets and actuals with history and conflicts, and rolls progress up", async () => {
    const { id, goalId, trained, rate } = await buildTree("coordinator", coalitionId);
    const put = (who: string, kind: string, ind: string, period: string, body: object) =>
      call(who, "PUT", `/results/plans/${id}/indicators/${ind}/${kind}/${period}`, body);
    expect(
      (await put("coordinator", "targets", trained, "2024", { value: 100, expectedVersion: 0 })).statusCode,
    ).toBe(200);
    expect(
      (await put("coordinator", "targets", rate, "2024", { value: 30, expectedVersion: 0 })).statusCode,
    ).toBe(200);

    // A contributor enters actuals; the breakdown must add up to the total.
    const wrong = await put("contributor", "actuals", trained, "2024", {
      value: 80,
      breakdown: { sex: { girls: 50, boys: 20 } },
      expectedVersion: 0,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0]).toMatch(/adds up to 70, not the total 80/);
    const saved = await put("contributor", "actuals", trained, "2024", {
      value: 80,
      breakdown: { sex: { girls: 50, boys: 30 } },
      evidence: "Training attendance lists, 2024",
      expectedVersion: 0,
    });
    expect(saved.json()).toMatchObject({ value: 80, version: 1, updatedBy: "contributor", changed: true });
    // A stale edit gets 409 with the current value and changes nothing.
    const stale = await put("coordinator", "actuals", trained, "2024", { value: 90, expectedVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ value: 80, version: 1, updatedBy: "contributor" });
    await put("coordinator", "actuals", trained, "2024", { value: 85, expectedVersion: 1 });
    await put("contributor", "actuals", rate, "2024", { value: 35, expectedVersion: 0 });
    // A viewer reads but may not enter; a contributor may not set targets.
    expect((await put("viewer", "actuals", rate, "2025", { value: 1, expectedVersion: 0 })).statusCode).toBe(
      403,
    );
    expect(
      (await put("contributor", "targets", rate, "2025", { value: 1, expectedVersion: 0 })).statusCode,
    ).toBe(403);

    // A period that holds values cannot be removed from the plan.
    const shrink = await call("coordinator", "PUT", `/results/plans/${id}`, {
      ...PLAN_BODY,
      periods: PLAN_BODY.periods.slice(1),
    });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json().details).toContain('periods: "2024" has targets or actuals');

    const history = (
      await call("viewer", "GET", `/results/plans/${id}/indicators/${trained}/history`)
    ).json();
    expect(history.map((h: { version: number; kind: string }) => `${h.kind}${h.version}`)).toEqual([
      "target1",
      "actual1",
      "actual2",
    ]);
    expect(history[2]).toMatchObject({
      before: { value: 80 },
      after: { value: 85 },
      changedBy: "coordinator",
    });

    const dashboard = (await call("viewer", "GET", `/results/plans/${id}/dashboard?period=2024`)).json();
    const goal = dashboard.nodes.find((n: { id: string }) => n.id === goalId);
    // I1: 85/100 = 0.85 (weight 3); I2: from 40 towards 30, reached 35 = 0.5 (weight 1).
    expect(goal.period.score).toBeCloseTo((3 * 0.85 + 0.5) / 4);
    expect(goal.period).toMatchObject({ band: "some-progress", indicators: 2, measured: 2 });
    const next = (await call("viewer", "GET", `/results/plans/${id}/dashboard?period=2025`)).json();
    expect(next.nodes[0].period).toMatchObject({ score: null, band: "no-data", measured: 0 });
    expect(next.nodes[0].cumulative.measured).toBe(2);
  });

  it("refuses bad input with a message naming the field, and writes nothing", async () => {
    const { id, goalId } = await buildTree("coordinator", coalitionId);
    const badLevel = await call("coordinator", "POST", `/results/plans/${id}/nodes`, {
      parentId: goalId,
      level: "programme",
      code: "X",
      title: { en: "X" },
    });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error).toMatch(/^level: "programme" is not a level/);
    const duplicate = await call("coordinator", "POST", `/results/plans/${id}/nodes`, {
      parentId: null,
      level: "goal",
      code: "G1",
      title: { en: "Again" },
    });
    expect(duplicate.json().error).toMatch(/^code: "G1" is already used/);
    const upward = await call("coordinator", "POST", `/results/plans/${id}/nodes`, {
      parentId: goalId,
      level: "goal",
      code: "G2",
      title: { en: "X" },
    });
    expect(upward.json().error).toMatch(/cannot sit under/);
    const badPeriod = await call("coordinator", "POST", "/results/plans", {
      organisationId: coalitionId,
      ...PLAN_BODY,
      periods: [{ key: "2024", label: "2024", startsOn: "2024-12-31", endsOn: "2024-01-01" }],
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().details.join()).toMatch(/periods\/0\/endsOn/);
    const plan = (await call("coordinator", "GET", `/results/plans/${id}`)).json();
    expect(plan.nodes.map((n: { code: string }) => n.code)).toEqual(["G1"]);
  });

  it("scopes plans to the organisation: a regional plan is the region's, approval locks targets", async () => {
    expect(
      (await call("coordinator", "POST", "/results/plans", { organisationId: networkId, ...PLAN_BODY }))
        .statusCode,
    ).toBe(403);
    const { id, trained } = await buildTree("secretariat", networkId);
    expect((await call("coordinator", "GET", `/results/plans/${id}`)).statusCode).toBe(404);
    const mdPlans = (await call("coordinator", "GET", "/results/plans")).json();
    expect(
      mdPlans.every((p: { organisation: { name: string } }) => p.organisation.name === "APSCF Moldova"),
    ).toBe(true);
    const regionPlans = (await call("secretariat", "GET", "/results/plans")).json();
    expect(new Set(regionPlans.map((p: { organisation: { name: string } }) => p.organisation.name))).toEqual(
      new Set(["APSCF Moldova", "ChildPact"]),
    );
    const orgs = (await call("otherCoordinator", "GET", "/results/organisations")).json();
    expect(orgs).toEqual([]);

    expect(
      (await call("coordinator", "POST", `/results/plans/${id}/approval`, { approved: true })).statusCode,
    ).toBe(403);
    expect(
      (await call("secretariat", "POST", `/results/plans/${id}/approval`, { approved: true, isPublic: true }))
        .statusCode,
    ).toBe(204);
    const locked = await call(
      "secretariat",
      "PUT",
      `/results/plans/${id}/indicators/${trained}/targets/2026`,
      {
        value: 10,
        expectedVersion: 0,
      },
    );
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toMatch(/approved: its targets are locked/);
    const plan = (await call("secretariat", "GET", `/results/plans/${id}`)).json();
    expect(plan).toMatchObject({
      status: "approved",
      isPublic: true,
      may: { edit: true, report: true, approve: true },
    });
  });

  it("reads the actual of an indicator linked to UN recommendations: how many reached the status", async () => {
    const { db } = database();
    const { id, goalId } = await buildTree("coordinator", coalitionId);
    const recs = await db
      .insert(recommendations)
      .values(
        ["a", "b", "c"].map((k) => ({
          mechanism: "crc",
          stateCode: "MD",
          stateName: "Moldova",
          text: { en: `Recommendation ${k}` },
          importKey: `results-${k}-${id}`,
        })),
      )
      .returning({ id: recommendations.id });
    const assess = (i: number, status: string, on: string) => ({
      recommendationId: recs[i]!.id,
      status,
      assessedByKind: "coalition",
      assessedOn: on,
    });
    await db
      .insert(implementationAssessments)
      .values([
        assess(0, "in_progress", "2024-03-01"),
        assess(0, "implemented", "2025-06-01"),
        assess(1, "partially_implemented", "2024-05-01"),
        { ...assess(2, "implemented", "2024-05-01"), assessedByKind: "government" },
      ]);
    const linked = await call("coordinator", "POST", `/results/plans/${id}/indicators`, {
      nodeId: goalId,
      code: "REC",
      title: { en: "CRC recommendations at least partially implemented" },
      type: "number",
      link: {
        kind: "recommendations",
        recommendationIds: recs.map((r) => r.id),
        status: "partially_implemented",
      },
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const plan = (await call("viewer", "GET", `/results/plans/${id}`)).json();
    const indicator = plan.indicators.find((i: { code: string }) => i.code === "REC");
    // 2024: only b (a is in progress; c's claim is the government's). 2025: a and b.
    expect(indicator.values["2024"].actual).toMatchObject({
      value: 1,
      updatedBy: "UN recommendations tracking",
    });
    expect(indicator.values["2025"].actual.value).toBe(2);
    const typed = await call(
      "coordinator",
      "PUT",
      `/results/plans/${id}/indicators/${linked.json().id}/actuals/2024`,
      {
        value: 3,
        expectedVersion: 0,
      },
    );
    expect(typed.json().error).toMatch(/read from its link/);
  });

  it("changes a node and an indicator from the version the edit started from: 409 when stale, audited", async () => {
    const { db } = database();
    const { id, goalId, rate } = await buildTree("coordinator", coalitionId);
    const plan = async () => (await call("viewer", "GET", `/results/plans/${id}`)).json();
    const before = await plan();
    const node = before.nodes.find((n: { id: string }) => n.id === goalId);
    const indicator = before.indicators.find((i: { id: string }) => i.id === rate);
    expect([node.version, indicator.version]).toEqual([1, 1]);

    const nodeChange = {
      parentId: null,
      level: "goal",
      code: "G1",
      title: { en: "Children are safe from violence", ar: "الأطفال في مأمن من العنف" },
      description: null,
      responsible: "Programme team",
      startsOn: "2024-01-01",
      endsOn: "2026-12-31",
      rollUp: "weighted",
    };
    const saved = await call("coordinator", "PUT", `/results/plans/${id}/nodes/${goalId}`, {
      ...nodeChange,
      expectedVersion: 1,
    });
    expect(saved.statusCode, saved.body).toBe(204);
    // The same edit again, from version 1: someone changed it meanwhile.
    const stale = await call("coordinator", "PUT", `/results/plans/${id}/nodes/${goalId}`, {
      ...nodeChange,
      responsible: "Someone else",
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatch(/node G1 was changed by someone else .*version 2/);
    // No expected version: 400 naming it.
    const missing = await call("coordinator", "PUT", `/results/plans/${id}/nodes/${goalId}`, nodeChange);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("expectedVersion");

    const indicatorChange = {
      nodeId: goalId,
      code: "I2",
      title: { en: "Violence rate", fr: "Taux de violence" },
      type: "percentage",
      unit: "% of children",
      direction: "decrease",
      baselineValue: 38,
      baselineDate: "2023-12-31",
    };
    const changed = await call("coordinator", "PUT", `/results/plans/${id}/indicators/${rate}`, {
      ...indicatorChange,
      expectedVersion: 1,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    const staleIndicator = await call("coordinator", "PUT", `/results/plans/${id}/indicators/${rate}`, {
      ...indicatorChange,
      baselineValue: 1,
      expectedVersion: 1,
    });
    expect(staleIndicator.statusCode).toBe(409);
    // Those who may only enter actuals may not change the definition.
    const refused = await call("contributor", "PUT", `/results/plans/${id}/indicators/${rate}`, {
      ...indicatorChange,
      expectedVersion: 2,
    });
    expect(refused.statusCode).toBe(403);

    const after = await plan();
    expect(after.nodes.find((n: { id: string }) => n.id === goalId)).toMatchObject({
      title: nodeChange.title,
      responsible: "Programme team",
      startsOn: "2024-01-01",
      endsOn: "2026-12-31",
      version: 2,
    });
    expect(after.indicators.find((i: { id: string }) => i.id === rate)).toMatchObject({
      title: indicatorChange.title,
      unit: "% of children",
      direction: "decrease",
      baselineValue: 38,
      baselineDate: "2023-12-31",
      version: 2,
    });
    const audited = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "results.part-changed"), inArray(auditEvents.targetId, [goalId, rate])),
      )
      .orderBy(auditEvents.id);
    expect(
      audited.map((e) => [
        e.targetType,
        e.actorEmail !== null,
        e.country,
        (e.details as { changed: string[] }).changed,
      ]),
    ).toEqual([
      ["plan node", true, "MD", ["title", "responsible", "startsOn", "endsOn"]],
      ["plan indicator", true, "MD", ["title", "unit", "baselineValue", "baselineDate"]],
    ]);
  });

  it("keeps an approved plan's tree and indicators: texts, people and dates can be corrected, nothing else", async () => {
    const { id, goalId, rate } = await buildTree("coordinator", coalitionId);
    const plan = async () => (await call("viewer", "GET", `/results/plans/${id}`)).json();
    const approved = await call("secretariat", "POST", `/results/plans/${id}/approval`, { approved: true });
    expect(approved.statusCode, approved.body).toBe(204);
    const before = await plan();
    const node = before.nodes.find((n: { id: string }) => n.id === goalId);
    const indicator = before.indicators.find((i: { id: string }) => i.id === rate);
    const { id: _n, version: nodeVersion, ...nodeBody } = node;
    const { id: _i, version: indicatorVersion, ...indicatorBody } = indicator;
    const putNode = (body: object) =>
      call("coordinator", "PUT", `/results/plans/${id}/nodes/${goalId}`, {
        ...pickKeys(nodeBody, NODE_KEYS),
        ...body,
        expectedVersion: nodeVersion,
      });
    const putIndicator = (body: object) =>
      call("coordinator", "PUT", `/results/plans/${id}/indicators/${rate}`, {
        ...pickKeys(indicatorBody, INDICATOR_KEYS),
        ...body,
        expectedVersion: indicatorVersion,
      });

    const moved = await putNode({ rollUp: "none", weight: 3 });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error).toBe(
      "the plan is approved: rollUp, weight of a node cannot change until the plan is reopened (its texts, people and dates can)",
    );
    const redefined = await putIndicator({ direction: "maintain", baselineValue: 1 });
    expect(redefined.statusCode).toBe(409);
    expect(redefined.json().error).toMatch(/direction, baselineValue of an indicator cannot change/);
    const added = await call("coordinator", "POST", `/results/plans/${id}/nodes`, {
      parentId: null,
      level: "goal",
      code: "G9",
      title: { en: "Added after approval" },
    });
    expect(added.statusCode).toBe(409);
    expect(added.json().error).toMatch(/a node cannot be added/);
    expect(await plan()).toEqual(before);

    // A translation and a new person responsible are corrections, not a new plan.
    const corrected = await putNode({
      title: { ...node.title, fr: "Objectif corrigé" },
      responsible: "M&E officer",
    });
    expect(corrected.statusCode, corrected.body).toBe(204);
    const retitled = await putIndicator({ title: { ...indicator.title, fr: "Taux" } });
    expect(retitled.statusCode, retitled.body).toBe(204);
    const after = await plan();
    expect(after.nodes.find((n: { id: string }) => n.id === goalId)).toMatchObject({
      responsible: "M&E officer",
      rollUp: node.rollUp,
      version: nodeVersion + 1,
    });
    expect(after.indicators.find((i: { id: string }) => i.id === rate)).toMatchObject({
      direction: indicator.direction,
      version: indicatorVersion + 1,
    });
  });

  it("keeps the history of values append-only", async () => {
    const { db } = database();
    await expect(db.delete(resultValueHistory)).rejects.toThrow();
  });
});
