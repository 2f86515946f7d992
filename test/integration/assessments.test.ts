import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { answers, evidenceSources } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs, type TestUser } from "../support/factories.ts";

describeEachDatabase("assessments: workspace read model, completion, assignments", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let ids: Record<string, string>;
  let indicatorCount: number;
  let admin: Session;
  let coordinator: Session;
  let contributorUser: TestUser;
  let contributor: Session;
  let sectionContributor: Session;
  let geCoordinator: Session;
  let geUser: TestUser;

  const get = (url: string, session: Session | null) => app.inject({ url, headers: session?.headers ?? {} });
  const assign = (session: Session | null, payload: object, country = "MD") =>
    app.inject({
      method: "PUT",
      url: `/api/assessments/${ids[country]}/assignments`,
      headers: session?.headers ?? {},
      payload,
    });
  const save = (session: Session, code: string, value: string | number) =>
    app.inject({
      method: "PUT",
      url: `/api/assessments/${ids.MD}/answers/${code}`,
      headers: session.headers,
      payload: { value, expectedVersion: 0 },
    });

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const built = await buildAssessments(db, { countries: ["MD", "GE"] });
    ids = built.assessments;
    indicatorCount = built.framework.indicators.length;
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    const grant = (role: "coordinator" | "contributor", code: string, sections?: string[]) => ({
      grants: [{ role, scopeType: "country" as const, scopeCode: code, sections }],
    });
    coordinator = await signInAs(
      app,
      await buildUser(db, { name: "Coordinator MD", ...grant("coordinator", "MD") }),
    );
    contributorUser = await buildUser(db, { name: "Contributor MD", ...grant("contributor", "MD") });
    contributor = await signInAs(app, contributorUser);
    sectionContributor = await signInAs(
      app,
      await buildUser(db, { name: "Section MD", ...grant("contributor", "MD", ["governance"]) }),
    );
    geUser = await buildUser(db, { name: "Contributor GE", ...grant("contributor", "GE") });
    geCoordinator = await signInAs(app, await buildUser(db, { ...grant("coordinator", "GE") }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reads the workspace with framework, answers, counts and permissions", async () => {
    const saved = await save(contributor, "ge.01", "yes");
    expect(saved.statusCode).toBe(200);
    const [row] = await db.select({ id: answers.id }).from(answers);
    await db.insert(evidenceSources).values({ answerId: row!.id, kind: "citation", citation: "Law 99/2020" });
    const res = await get(`/api/assessments/${ids.MD}`, contributor);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.assessment).toMatchObject({
      id: ids.MD,
      status: "draft",
      country: { code: "MD" },
      period: "2026",
    });
    expect(body.framework.indicators).toHaveLength(indicatorCount);
    expect(body.answers).toEqual([
      expect.objectContaining({
        indicator: "ge.01",
        value: "yes",
        version: 1,
        updatedBy: "Contributor MD",
        evidenceCount: 1,
        commentCount: 0,
        assignedToMe: false,
      }),
    ]);
    expect(body.myPermissions).toEqual({
      canWrite: true,
      canAssign: false,
      canSubmit: false,
      canReview: false,
      canReopen: false,
      writableSections: null,
      reviewSections: [],
    });
    const limited = await get(`/api/assessments/${ids.MD}`, sectionContributor);
    expect(limited.json().myPermissions.writableSections).toEqual(["governance"]);
    expect((await get(`/api/assessments/${ids.MD}`, coordinator)).json().myPermissions).toMatchObject({
      canAssign: true,
      canSubmit: true,
    });
  });

  it("denies reading another country's assessment, and answers 401 and 404", async () => {
    expect((await get(`/api/assessments/${ids.GE}`, contributor)).statusCode).toBe(403);
    expect((await get(`/api/assessments/${ids.GE}/completion`, contributor)).statusCode).toBe(403);
    expect((await get(`/api/assessments/${ids.MD}`, geCoordinator)).statusCode).toBe(403);
    expect((await get(`/api/assessments/${ids.MD}`, null)).statusCode).toBe(401);
    expect((await get("/api/assessments/00000000-0000-4000-8000-000000000000", admin)).statusCode).toBe(404);
    expect((await get("/api/assessments/not-a-uuid", admin)).statusCode).toBe(400);
  });

  it("assigns items to a person, flags them, and reports completion by section, person and dimension", async () => {
    const res = await assign(coordinator, { userId: contributorUser.id, itemCodes: ["governance", "cv.01"] });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .map((a: { itemCode: string }) => a.itemCode)
        .sort(),
    ).toEqual(["cv.01", "governance"]);
    // The person assigned hears of it in the app (and by e-mail through the outbox).
    const notices = (await get("/api/notifications", contributor)).json();
    expect(notices.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "assignment" })]));
    await save(contributor, "cv.01", 3);

    const read = (await get(`/api/assessments/${ids.MD}`, contributor)).json();
    expect(read.assignedToMe).toContain("ge.02");
    expect(read.assignedToMe).toContain("cv.01");
    expect(read.assignedToMe).not.toContain("cv.02");
    expect(read.answers.every((a: { assignedToMe: boolean }) => a.assignedToMe)).toBe(true);

    const completion = await get(`/api/assessments/${ids.MD}/completion`, coordinator);
    expect(completion.statusCode).toBe(200);
    const c = completion.json();
    expect(c.overall).toMatchObject({
      answered: 2,
      total: indicatorCount,
      withEvidence: 1,
      evidenceShare: 0.5,
    });
    const governance = c.bySection.find((s: { code: string }) => s.code === "governance");
    const governanceSize = read.framework.indicators.filter(
      (i: { node: string }) => i.node === "governance",
    ).length;
    expect(governance).toMatchObject({ answered: 1, total: governanceSize, withEvidence: 1 });
    expect(c.bySection.map((s: { code: string }) => s.code)).toEqual([
      "vulnerability",
      "governance",
      "articles",
      "social_work",
    ]);
    expect(c.byPerson).toEqual([
      expect.objectContaining({
        userId: contributorUser.id,
        name: "Contributor MD",
        answered: 2,
        total: governanceSize + 1,
      }),
    ]);
    expect(c.byDimension.map((d: { code: string }) => d.code)).toContain("laws_policy");
    const dimensionTotal = c.byDimension.reduce((n: number, d: { total: number }) => n + d.total, 0);
    expect(dimensionTotal).toBeGreaterThan(0);

    // PUT replaces: only cv.01 remains.
    const replaced = await assign(coordinator, { userId: contributorUser.id, itemCodes: ["cv.01"] });
    expect(replaced.json()).toHaveLength(1);
    const assignmentId = replaced.json()[0].id;
    const del = (session: Session | null, id = assignmentId) =>
      app.inject({
        method: "DELETE",
        url: `/api/assessments/${ids.MD}/assignments/${id}`,
        headers: session?.headers ?? {},
      });
    expect((await del(contributor)).statusCode).toBe(403);
    expect((await del(null)).statusCode).toBe(401);
    expect((await del(coordinator)).statusCode).toBe(204);
    expect((await del(coordinator)).statusCode).toBe(404);
    expect((await get(`/api/assessments/${ids.MD}`, coordinator)).json().assignments).toEqual([]);
  });

  it("validates assignments: known codes, a person of the country, the coordinator's scope", async () => {
    const unknown = await assign(coordinator, {
      userId: contributorUser.id,
      itemCodes: ["governance", "zz.1"],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual(['itemCodes.1: "zz.1" is not a node or indicator code']);
    const foreigner = await assign(coordinator, { userId: geUser.id, itemCodes: ["governance"] });
    expect(foreigner.statusCode).toBe(400);
    expect(foreigner.json().error).toMatch(/^userId:/);
    const ghost = await assign(coordinator, {
      userId: "00000000-0000-4000-8000-000000000000",
      itemCodes: [],
    });
    expect(ghost.statusCode).toBe(400);
    expect((await assign(coordinator, { userId: "x", itemCodes: [] })).statusCode).toBe(400);
    expect((await assign(contributor, { userId: contributorUser.id, itemCodes: [] })).statusCode).toBe(403);
    expect((await assign(geCoordinator, { userId: contributorUser.id, itemCodes: [] })).statusCode).toBe(403);
    expect((await assign(null, { userId: contributorUser.id, itemCodes: [] })).statusCode).toBe(401);
    expect((await assign(admin, { userId: geUser.id, itemCodes: ["cv.01"] }, "GE")).statusCode).toBe(200);
  });
});
