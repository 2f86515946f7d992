import { count, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { loadAssessment } from "../../src/server/assessments/load-assessment.ts";
import { saveAnswer } from "../../src/server/assessments/save-answer.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { answerHistory, answers, assessmentEvents, assessments } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";

describeEachDatabase("answers: save, conflicts, validation, history, restore", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let ids: Record<string, string>;
  let mdCoordinator: Session;
  let mdContributor: Session;
  let sectionContributor: Session;
  let geContributor: Session;
  let mdViewer: Session;

  const put = (session: Session | null, country: string, code: string, payload: object) =>
    app.inject({
      method: "PUT",
      url: `/api/assessments/${ids[country]}/answers/${code}`,
      headers: session?.headers ?? {},
      payload,
    });
  const historyCount = async () => Number((await db.select({ n: count() }).from(answerHistory))[0]!.n);

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    ids = (await buildAssessments(db, { countries: ["MD", "GE"] })).assessments;
    const country = (role: "coordinator" | "contributor" | "viewer", code: string, sections?: string[]) =>
      buildUser(db, {
        name: `${role} ${code}`,
        grants: [{ role, scopeType: "country", scopeCode: code, sections }],
      });
    mdCoordinator = await signInAs(app, await country("coordinator", "MD"));
    mdContributor = await signInAs(app, await country("contributor", "MD"));
    sectionContributor = await signInAs(app, await country("contributor", "MD", ["governance"]));
    geContributor = await signInAs(app, await country("contributor", "GE"));
    mdViewer = await signInAs(app, await country("viewer", "MD"));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("saves a new answer as version 1 and appends its history", async () => {
    const before = await historyCount();
    const res = await put(mdContributor, "MD", "ge.01", { value: "yes", expectedVersion: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ indicator: "ge.01", value: "yes", version: 1, changed: true });
    expect(res.json().updatedBy).toBe("contributor MD");
    expect(await historyCount()).toBe(before + 1);
  });

  it("answers 409 with the current value to the second of two saves from the same version", async () => {
    await put(mdContributor, "MD", "ge.02", { value: "no", expectedVersion: 0 });
    const before = await historyCount();
    const first = await put(mdContributor, "MD", "ge.02", { value: "yes", expectedVersion: 1 });
    const second = await put(mdCoordinator, "MD", "ge.02", { value: "partially", expectedVersion: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    expect(second.statusCode).toBe(409);
    expect(second.json().current).toMatchObject({ value: "yes", version: 2, updatedBy: "contributor MD" });
    expect(second.json().error).toMatch(/changed by contributor MD/);
    expect(await historyCount()).toBe(before + 1);
  });

  it("settles concurrent saves: exactly one wins", async () => {
    const results = await Promise.all(
      ["yes", "no", "partially"].map((value) =>
        put(mdCoordinator, "MD", "ge.03", { value, expectedVersion: 0 }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it("treats saving the stored value again as a no-op", async () => {
    await put(mdContributor, "MD", "cv.01", { value: 12.5, expectedVersion: 0 });
    const before = await historyCount();
    const again = await put(mdContributor, "MD", "cv.01", { value: 12.5, expectedVersion: 0 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ value: 12.5, version: 1, changed: false });
    expect(await historyCount()).toBe(before);
  });

  it("validates the value by the indicator's type and names the field", async () => {
    const na = await put(mdContributor, "MD", "ge.04", { value: "na", expectedVersion: 0 });
    expect(na.statusCode).toBe(400);
    expect(na.json().error).toMatch(/^justification:/);
    const blank = await put(mdContributor, "MD", "ge.04", {
      value: "na",
      justification: "  ",
      expectedVersion: 0,
    });
    expect(blank.statusCode).toBe(400);
    const wrong = await put(mdContributor, "MD", "ge.04", { value: "maybe", expectedVersion: 0 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatch(/^value: "maybe" is not a checklist answer/);
    const notNumber = await put(mdContributor, "MD", "cv.02", { value: "12", expectedVersion: 0 });
    expect(notNumber.statusCode).toBe(400);
    expect(notNumber.json().error).toMatch(/^value:/);
    const missing = await put(mdContributor, "MD", "cv.02", { value: 3 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.join(" ")).toMatch(/expectedVersion/);
    const unknown = await put(mdContributor, "MD", "nope.1", { value: "yes", expectedVersion: 0 });
    expect(unknown.statusCode).toBe(404);
    const ok = await put(mdContributor, "MD", "ge.04", {
      value: "na",
      justification: "No such service exists",
      expectedVersion: 0,
    });
    expect(ok.statusCode).toBe(200);
  });

  it("stores a script tag in a justification verbatim and returns it as a JSON string", async () => {
    const attack = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const res = await put(mdContributor, "MD", "ge.05", {
      value: "na",
      justification: attack,
      expectedVersion: 0,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    const read = await app.inject({ url: `/api/assessments/${ids.MD}`, headers: mdContributor.headers });
    const answer = read.json().answers.find((a: { indicator: string }) => a.indicator === "ge.05");
    expect(answer.justification).toBe(attack);
  });

  it("refuses other countries, viewers, signed-out users and sections outside a contributor's", async () => {
    expect((await put(geContributor, "MD", "ge.08", { value: "yes", expectedVersion: 0 })).statusCode).toBe(
      403,
    );
    expect((await put(mdContributor, "GE", "ge.08", { value: "yes", expectedVersion: 0 })).statusCode).toBe(
      403,
    );
    expect((await put(mdViewer, "MD", "ge.08", { value: "yes", expectedVersion: 0 })).statusCode).toBe(403);
    expect((await put(null, "MD", "ge.08", { value: "yes", expectedVersion: 0 })).statusCode).toBe(401);
    expect((await put(sectionContributor, "MD", "cv.05", { value: 4, expectedVersion: 0 })).statusCode).toBe(
      403,
    );
    expect(
      (await put(sectionContributor, "MD", "ge.08", { value: "yes", expectedVersion: 0 })).statusCode,
    ).toBe(200);
    const ghost = await app.inject({
      method: "PUT",
      url: "/api/assessments/00000000-0000-4000-8000-000000000000/answers/ge.01",
      headers: mdContributor.headers,
      payload: { value: "yes", expectedVersion: 0 },
    });
    expect(ghost.statusCode).toBe(404);
  });

  it("lists every version and restores an old one as a new change", async () => {
    await put(mdContributor, "MD", "ge.09", { value: "no", expectedVersion: 0 });
    await put(mdContributor, "MD", "ge.09", { value: "yes", expectedVersion: 1, reason: "new law passed" });
    const restore = (payload: object, session: Session | null = mdCoordinator) =>
      app.inject({
        method: "POST",
        url: `/api/assessments/${ids.MD}/answers/ge.09/restore`,
        headers: session?.headers ?? {},
        payload,
      });
    expect((await restore({ historyVersion: 1, expectedVersion: 1 })).statusCode).toBe(409);
    expect((await restore({ historyVersion: 9, expectedVersion: 2 })).statusCode).toBe(404);
    expect((await restore({ historyVersion: 1, expectedVersion: 2 }, geContributor)).statusCode).toBe(403);
    expect((await restore({ historyVersion: 1, expectedVersion: 2 }, null)).statusCode).toBe(401);
    expect((await restore({ historyVersion: "one", expectedVersion: 2 })).statusCode).toBe(400);
    const ok = await restore({ historyVersion: 1, expectedVersion: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ value: "no", version: 3, updatedBy: "coordinator MD" });

    const history = await app.inject({
      url: `/api/assessments/${ids.MD}/answers/ge.09/history`,
      headers: mdViewer.headers,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject([
      { version: 1, before: null, after: { value: "no" }, source: "entry", changedBy: "contributor MD" },
      { version: 2, before: { value: "no" }, after: { value: "yes" }, reason: "new law passed" },
      { version: 3, after: { value: "no" }, source: "restore", reason: "restored version 1" },
    ]);
    const denied = await app.inject({
      url: `/api/assessments/${ids.MD}/answers/ge.09/history`,
      headers: geContributor.headers,
    });
    expect(denied.statusCode).toBe(403);
    expect((await app.inject({ url: `/api/assessments/${ids.MD}/answers/ge.09/history` })).statusCode).toBe(
      401,
    );
    const unknown = await app.inject({
      url: `/api/assessments/${ids.MD}/answers/zz.99/history`,
      headers: mdViewer.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("locks answers once the assessment is submitted", async () => {
    const { assessments: own } = await buildAssessments(db, { countries: ["MD"], period: "2031" });
    await db.update(assessments).set({ status: "submitted" }).where(eq(assessments.id, own.MD!));
    const res = await app.inject({
      method: "PUT",
      url: `/api/assessments/${own.MD}/answers/ge.01`,
      headers: mdContributor.headers,
      payload: { value: "yes", expectedVersion: 0 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe("the assessment is submitted: answers are locked");
  });

  it("keeps answers editable when returned, keeps the rework mark and flags the change", async () => {
    const { assessments: own } = await buildAssessments(db, { countries: ["MD"], period: "2032" });
    const url = `/api/assessments/${own.MD}/answers/ge.10`;
    const first = await app.inject({
      method: "PUT",
      url,
      headers: mdContributor.headers,
      payload: { value: "no", expectedVersion: 0 },
    });
    expect(first.statusCode).toBe(200);
    await db.update(answers).set({ reviewState: "needs_rework" }).where(eq(answers.assessmentId, own.MD!));
    await db.update(assessments).set({ status: "returned" }).where(eq(assessments.id, own.MD!));
    await db
      .insert(assessmentEvents)
      .values({ assessmentId: own.MD!, fromStatus: "in_review", toStatus: "returned", reason: "see ge.10" });
    const read = async () =>
      (await app.inject({ url: `/api/assessments/${own.MD}`, headers: mdContributor.headers }))
        .json()
        .answers.find((a: { indicator: string }) => a.indicator === "ge.10");
    expect(await read()).toMatchObject({ reviewState: "needs_rework", changedSinceReturn: false });
    const fixed = await app.inject({
      method: "PUT",
      url,
      headers: mdContributor.headers,
      payload: { value: "yes", expectedVersion: 1 },
    });
    expect(fixed.statusCode).toBe(200);
    expect(await read()).toMatchObject({
      value: "yes",
      reviewState: "needs_rework",
      changedSinceReturn: true,
    });
  });

  it("shows evidence added to an answer in its history, and restores values only", async () => {
    await put(mdContributor, "MD", "ge.11", { value: "partially", expectedVersion: 0 });
    const added = await app.inject({
      method: "POST",
      url: `/api/assessments/${ids.MD}/answers/ge.11/evidence`,
      headers: mdContributor.headers,
      payload: { kind: "citation", citation: "Law 12/2024, art. 3" },
    });
    expect(added.statusCode).toBe(201);
    const history = await app.inject({
      url: `/api/assessments/${ids.MD}/answers/ge.11/history`,
      headers: mdContributor.headers,
    });
    expect(history.json()).toMatchObject([
      { version: 1, after: { value: "partially" }, evidence: null },
      {
        version: 1,
        source: "evidence",
        before: null,
        after: null,
        evidence: { action: "added", kind: "citation" },
      },
    ]);
    await put(mdContributor, "MD", "ge.11", { value: "no", expectedVersion: 1 });
    const restored = await app.inject({
      method: "POST",
      url: `/api/assessments/${ids.MD}/answers/ge.11/restore`,
      headers: mdContributor.headers,
      payload: { historyVersion: 1, expectedVersion: 2 },
    });
    expect(restored.json()).toMatchObject({ value: "partially", version: 3 });
  });

  it("is callable as a use case (for the XLSX import)", async () => {
    const user = await buildUser(db, { name: "Importer" });
    const assessment = await loadAssessment(db, ids.MD!);
    const saved = await db.transaction((tx) =>
      saveAnswer(tx as unknown as Db, {
        assessment,
        indicatorCode: "cv.06",
        value: 55,
        justification: null,
        expectedVersion: 0,
        actorId: user.id,
        source: "import",
        reason: "workbook.xlsx",
      }),
    );
    expect(saved).toMatchObject({ value: 55, version: 1, updatedBy: "Importer", changed: true });
  });
});
