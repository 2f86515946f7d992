import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { countries } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";

const SECRET_COMMENT = "Internal: the ministry has not paid";
const SECRET_EVIDENCE = "https://intranet.example.org/secret-lists";

describeEachDatabase("results: published plans on the public API and the portal", (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let viewer: Session;
  let approver: Session;
  let organisationId: string;
  let planId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["MD"]));
    app = await buildApp({ database: database() });
    const user = await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    coordinator = await signInAs(app, user);
    viewer = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] }),
    );
    approver = await signInAs(app, await buildUser(db, { isAdmin: true }));
    organisationId = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
    const built = await buildPlan(db, organisationId, user.id);
    planId = built.planId;
    for (const [kind, payload] of [
      ["targets", { value: 120 }],
      [
        "actuals",
        {
          value: 96,
          comment: SECRET_COMMENT,
          evidence: SECRET_EVIDENCE,
          breakdown: { sex: { girls: 50, boys: 46 } },
        },
      ],
    ] as const) {
      const res = await app.inject({
        method: "PUT",
        url: `/api/results/plans/${planId}/indicators/${built.indicatorId}/${kind}/2024`,
        headers: coordinator.headers,
        payload: { expectedVersion: 0, ...payload },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string) => app.inject({ url });
  const approve = (payload: object) =>
    app.inject({
      method: "POST",
      url: `/api/results/plans/${planId}/approval`,
      headers: approver.headers,
      payload,
    });
  const publishing = (who: Session, publishesPlans: boolean) =>
    app.inject({
      method: "PUT",
      url: `/api/results/organisations/${organisationId}/publishing`,
      headers: who.headers,
      payload: { publishesPlans },
    });
  const hidden = async () => {
    expect((await get("/api/public/plans")).json()).toEqual([]);
    expect((await get(`/api/public/plans/${planId}`)).statusCode).toBe(404);
    expect((await get(`/portal/plans/${planId}/en/`)).statusCode).toBe(404);
    expect((await get("/portal/plans/")).body).not.toContain(planId);
  };

  it("shows a plan only when approved, public and its organisation publishes; anything else is 404", async () => {
    await hidden(); // a draft
    const first = await approve({ approved: true, isPublic: false });
    expect(first.statusCode, first.body).toBe(204);
    expect((await publishing(approver, true)).statusCode).toBe(204);
    await hidden(); // approved, organisation publishes, plan not public
    expect((await approve({ approved: true, isPublic: true })).statusCode).toBe(204);
    expect((await publishing(approver, false)).statusCode).toBe(204);
    await hidden(); // approved and public, organisation does not publish
    expect((await publishing(viewer, true)).statusCode).toBe(403);
    expect((await publishing(coordinator, true)).statusCode).toBe(403);
    expect((await publishing(approver, true)).statusCode).toBe(204);

    const list = await get("/api/public/plans");
    expect(list.json()).toEqual([
      expect.objectContaining({
        id: planId,
        organisation: "APSCF Moldova",
        title: { en: "Strategic plan 2024–2026" },
      }),
    ]);
    const plan = await get(`/api/public/plans/${planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.headers["access-control-allow-origin"]).toBe("*");
    const body = plan.json();
    const indicator = body.indicators[0];
    expect(indicator.values["2024"]).toEqual({
      target: 120,
      actual: 96,
      actualBreakdown: { sex: { girls: 50, boys: 46 } },
    });
    expect(body.progress["2024"].indicators[indicator.id]).toEqual({ score: 0.8, band: "some-progress" });
    expect(plan.body).not.toContain(SECRET_COMMENT);
    expect(plan.body).not.toContain(SECRET_EVIDENCE);
    expect(plan.body).not.toContain("coordinator");

    for (const lang of ["en", "fr", "ar"]) {
      const page = await get(`/portal/plans/${planId}/${lang}/?period=2024`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`lang="${lang}"`);
      expect(page.body).toContain("Professionals apply child-safe practice");
      expect(page.body).toMatch(/80%/);
      expect(page.body).not.toContain(SECRET_COMMENT);
      expect(page.body).not.toContain(SECRET_EVIDENCE);
    }
    expect((await get(`/portal/plans/${planId}/ar/`)).body).toContain('dir="rtl"');
    expect((await get("/portal/plans/")).body).toContain(`${planId}/en/`);
    expect((await get("/portal/")).body).toContain(`plans/${planId}/en/`);
    expect((await get(`/portal/plans/${planId}/xx/`)).statusCode).toBe(404);
    expect((await get("/portal/plans/not-a-uuid/en/")).statusCode).toBe(404);
    expect((await get("/api/public/plans/not-a-uuid")).statusCode).toBe(404);

    // Reopened, the plan leaves the portal at once.
    expect((await approve({ approved: false })).statusCode).toBe(204);
    await hidden();
  });

  it("refuses a publishing body without the flag with a 400 naming it", async () => {
    const res = await app.inject({
      method: "PUT",
      url: `/api/results/organisations/${organisationId}/publishing`,
      headers: approver.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("publishesPlans");
  });
});
