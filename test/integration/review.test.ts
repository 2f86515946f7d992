import { and, eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { assessmentEvents, notifications, outbox } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs, type TestUser } from "../support/factories.ts";

const country = (role: Grant["role"], code: string): Grant[] => [
  { role, scopeType: "country", scopeCode: code },
];

describeEachDatabase(
  "review: comments, workflow, timeline and changes since the last submission",
  (database) => {
    let app: FastifyInstance;
    let md: string;
    let ge: string;
    const users: Record<string, TestUser> = {};
    const as: Record<string, Session> = {};

    beforeAll(async () => {
      const { db } = database();
      await seedReference(db);
      const built = await buildAssessments(db, { countries: ["MD", "GE"] });
      md = built.assessments.MD!;
      ge = built.assessments.GE!;
      app = await buildApp({ database: database() });
      const people: Record<string, { grants: Grant[] }> = {
        coordinator: { grants: country("coordinator", "MD") },
        contributor: { grants: country("contributor", "MD") },
        reviewer: { grants: country("reviewer", "MD") },
        viewer: { grants: country("viewer", "MD") },
        secretariat: {
          grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
        },
        reviewerGE: { grants: country("reviewer", "GE") },
        coordinatorGE: { grants: country("coordinator", "GE") },
      };
      for (const [name, p] of Object.entries(people)) {
        users[name] = await buildUser(db, { grants: p.grants, name: `${name} person` });
        as[name] = await signInAs(app, users[name]!);
      }
    });
    afterAll(async () => {
      await app?.close();
    });

    const post = (who: string | null, url: string, payload?: object) =>
      app.inject({
        method: "POST",
        url,
        headers: who ? as[who]!.headers : {},
        ...(payload ? { payload } : {}),
      });
    const step = (who: string | null, name: string, payload?: object) =>
      post(who, `/api/assessments/${md}/${name}`, payload);
    const saveAnswer = async (value: number, expectedVersion: number) => {
      const res = await app.inject({
        method: "PUT",
        url: `/api/assessments/${md}/answers/cv.01`,
        headers: as.coordinator!.headers,
        payload: { value, expectedVersion },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    /** Kinds of notifications each named person has received for the assessment. */
    const noticesOf = async (name: string) =>
      (await database().db.select().from(notifications).where(eq(notifications.userId, users[name]!.id))).map(
        (n) => n.kind,
      );
    const mailsTo = async (name: string) =>
      (await database().db.select().from(outbox).where(eq(outbox.toEmail, users[name]!.email))).map(
        (m) => m.subject,
      );

    it("keeps a comment thread per answer, with authors' names and text stored as given", async () => {
      const url = `/api/assessments/${md}/answers/cv.10/comments`;
      const res = await post("contributor", url, { body: "Source? <img src=x onerror=alert(1)>" });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        kind: "comment",
        body: "Source? <img src=x onerror=alert(1)>",
        author: "contributor person",
        indicator: "cv.10",
      });
      expect((await post("reviewer", url, { body: "Table 3 of the yearbook." })).statusCode).toBe(201);
      const list = await app.inject({ url, headers: as.viewer!.headers });
      expect(list.statusCode).toBe(200);
      expect(list.json().map((c: { author: string }) => c.author)).toEqual([
        "contributor person",
        "reviewer person",
      ]);

      expect((await post("contributor", url, { body: "   " })).statusCode).toBe(400);
      expect((await post("contributor", url, { body: "x".repeat(5001) })).statusCode).toBe(400);
      expect((await post(null, url, { body: "hello" })).statusCode).toBe(401);
      expect((await app.inject({ url })).statusCode).toBe(401);
      expect((await post("viewer", url, { body: "hello" })).statusCode).toBe(403);
      expect((await post("coordinatorGE", url, { body: "hello" })).statusCode).toBe(403);
      expect((await app.inject({ url, headers: as.reviewerGE!.headers })).statusCode).toBe(403);
      expect(
        (await post("reviewer", `/api/assessments/${md}/answers/zz.99/comments`, { body: "x" })).statusCode,
      ).toBe(404);
      expect(
        (
          await post(
            "reviewer",
            "/api/assessments/00000000-0000-4000-8000-000000000000/answers/cv.10/comments",
            { body: "x" },
          )
        ).statusCode,
      ).toBe(404);
    });

    it("walks draft → submitted → in review → returned → submitted → in review → validated → reopened", async () => {
      await saveAnswer(12, 0);
      // Nothing submitted yet: no changes to show.
      expect(
        (await app.inject({ url: `/api/assessments/${md}/changes`, headers: as.reviewer!.headers })).json(),
      ).toEqual({
        since: null,
        changes: [],
      });

      // Only the coordinator submits; a second submission is a conflict.
      expect((await step("contributor", "submit")).statusCode).toBe(403);
      expect((await step(null, "submit")).statusCode).toBe(401);
      const submitted = await step("coordinator", "submit");
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json()).toMatchObject({
        status: "submitted",
        event: { from: "draft", to: "submitted" },
      });
      expect(submitted.json().warnings).toContain(
        "cv.01: this indicator requires evidence and its answer has none",
      );
      const again = await step("coordinator", "submit");
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toBe(
        "cannot submit this assessment: it is submitted; submit needs it draft or returned",
      );

      // Reviewers and the regional secretariat hear of it; Georgia's reviewer and the submitter do not.
      expect(await noticesOf("reviewer")).toContain("submitted");
      expect(await noticesOf("secretariat")).toContain("submitted");
      expect(await noticesOf("reviewerGE")).not.toContain("submitted");
      expect(await noticesOf("coordinator")).not.toContain("submitted");
      expect((await mailsTo("reviewer")).join()).toMatch(/MD assessment \(2026\) was submitted for review/);

      // Steps out of order are conflicts; other countries' reviewers are refused.
      expect((await step("reviewer", "validate")).statusCode).toBe(409);
      expect((await step("reviewer", "return")).statusCode).toBe(409);
      expect((await step("reviewerGE", "start-review")).statusCode).toBe(403);
      expect((await post("reviewerGE", `/api/assessments/${ge}/start-review`)).statusCode).toBe(409);
      expect((await step("coordinator", "start-review")).statusCode).toBe(403);
      const rework = `/api/assessments/${md}/answers/cv.01/rework`;
      expect((await post("reviewer", rework, { comment: "not yet" })).statusCode).toBe(409);
      expect((await step("reviewer", "start-review")).json()).toMatchObject({ status: "in_review" });

      // Returning needs a flagged answer; a flag needs a comment; only reviewers flag.
      const noFlag = await step("reviewer", "return");
      expect(noFlag.statusCode).toBe(409);
      expect(noFlag.json().error).toMatch(/mark at least one answer/);
      expect((await post("reviewer", rework, { comment: " " })).statusCode).toBe(400);
      expect((await post("reviewer", rework, {})).statusCode).toBe(400);
      expect((await post("coordinator", rework, { comment: "fix" })).statusCode).toBe(403);
      expect((await post("reviewerGE", rework, { comment: "fix" })).statusCode).toBe(403);
      expect(
        (await post("reviewer", `/api/assessments/${md}/answers/zz.99/rework`, { comment: "x" })).statusCode,
      ).toBe(404);
      const flagged = await post("reviewer", rework, { comment: "The 2024 figure is 15, see table 3." });
      expect(flagged.json()).toEqual({ indicator: "cv.01", reviewState: "needs_rework" });
      const thread = await app.inject({
        url: `/api/assessments/${md}/answers/cv.01/comments`,
        headers: as.contributor!.headers,
      });
      expect(thread.json()).toEqual([
        expect.objectContaining({
          kind: "rework",
          body: "The 2024 figure is 15, see table 3.",
          author: "reviewer person",
        }),
      ]);
      const blocked = await step("reviewer", "validate");
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().error).toMatch(/1 answer\(s\) still need rework/);

      const returned = await step("reviewer", "return", { reason: "One figure to correct" });
      expect(returned.json()).toMatchObject({
        status: "returned",
        event: { reason: "One figure to correct" },
      });
      expect(await noticesOf("coordinator")).toContain("returned");
      expect(await noticesOf("contributor")).toContain("returned");
      expect(await noticesOf("secretariat")).not.toContain("returned");
      expect((await mailsTo("contributor")).join()).toMatch(/returned for rework/);

      // The team fixes the answer and resubmits; the reviewer sees exactly that change.
      await saveAnswer(15, 1);
      const resubmitted = await step("coordinator", "submit");
      expect(resubmitted.json()).toMatchObject({ status: "submitted", event: { from: "returned" } });
      const changes = await app.inject({
        url: `/api/assessments/${md}/changes`,
        headers: as.reviewer!.headers,
      });
      expect(changes.statusCode).toBe(200);
      expect(changes.json().since).not.toBeNull();
      expect(changes.json().changes).toEqual([
        {
          indicator: "cv.01",
          versionThen: 1,
          versionNow: 2,
          valueThen: 12,
          justificationThen: null,
          valueNow: 15,
          justificationNow: null,
        },
      ]);

      expect((await step("reviewer", "start-review")).statusCode).toBe(200);
      const cleared = await app.inject({ method: "DELETE", url: rework, headers: as.reviewer!.headers });
      expect(cleared.json()).toEqual({ indicator: "cv.01", reviewState: null });
      const validated = await step("reviewer", "validate");
      expect(validated.json()).toMatchObject({
        status: "validated",
        event: { from: "in_review", to: "validated" },
      });
      expect(await noticesOf("coordinator")).toContain("validated");
      expect(await noticesOf("contributor")).not.toContain("validated");

      // Only the secretariat reopens, and only with a reason, which is kept.
      expect((await step("reviewer", "reopen", { reason: "x" })).statusCode).toBe(403);
      expect((await step("coordinator", "reopen", { reason: "x" })).statusCode).toBe(403);
      expect((await step("secretariat", "reopen", {})).statusCode).toBe(400);
      expect((await step("secretariat", "reopen", { reason: "  " })).statusCode).toBe(400);
      const reopened = await step("secretariat", "reopen", { reason: "Ministry published corrected data" });
      expect(reopened.json()).toMatchObject({
        status: "returned",
        event: { from: "validated", to: "returned" },
      });
      expect((await step("secretariat", "reopen", { reason: "again" })).statusCode).toBe(409);

      const events = await app.inject({ url: `/api/assessments/${md}/events`, headers: as.viewer!.headers });
      expect(events.statusCode).toBe(200);
      expect(events.json().map((e: { from: string; to: string }) => `${e.from}→${e.to}`)).toEqual([
        "draft→submitted",
        "submitted→in_review",
        "in_review→returned",
        "returned→submitted",
        "submitted→in_review",
        "in_review→validated",
        "validated→returned",
      ]);
      expect(events.json().at(-1)).toMatchObject({
        actor: "secretariat person",
        reason: "Ministry published corrected data",
      });
      // The comment thread above opened cv.10 empty; it is part of the snapshot too.
      expect(events.json()[0].answerCount).toBe(2);
      const [firstSubmission] = await database()
        .db.select()
        .from(assessmentEvents)
        .where(and(eq(assessmentEvents.assessmentId, md), inArray(assessmentEvents.toStatus, ["submitted"])))
        .orderBy(assessmentEvents.id);
      expect(firstSubmission!.answerVersions).toEqual({ "cv.01": 1, "cv.10": 1 });
    });

    it("lets only one of two simultaneous steps through; the other is a 409 and leaves one event", async () => {
      const { db } = database();
      const fresh = (await buildAssessments(db, { countries: ["MD"], period: "race" })).assessments.MD!;
      const results = await Promise.all(
        [0, 1].map(() => post("coordinator", `/api/assessments/${fresh}/submit`)),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const events = await db.select().from(assessmentEvents).where(eq(assessmentEvents.assessmentId, fresh));
      expect(events).toHaveLength(1);
    });

    it("guards the timeline and changes like the assessment (401, 403, 404)", async () => {
      for (const path of ["events", "changes"]) {
        expect((await app.inject({ url: `/api/assessments/${md}/${path}` })).statusCode).toBe(401);
        expect(
          (await app.inject({ url: `/api/assessments/${md}/${path}`, headers: as.reviewerGE!.headers }))
            .statusCode,
        ).toBe(403);
        expect(
          (
            await app.inject({
              url: `/api/assessments/00000000-0000-4000-8000-000000000000/${path}`,
              headers: as.reviewer!.headers,
            })
          ).statusCode,
        ).toBe(404);
        expect(
          (await app.inject({ url: `/api/assessments/not-a-uuid/${path}`, headers: as.reviewer!.headers }))
            .statusCode,
        ).toBe(400);
      }
    });
  },
);
