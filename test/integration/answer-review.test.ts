import { and, eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { answers, comments, indicators, notifications, outbox } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs, type TestUser } from "../support/factories.ts";

const country = (role: Grant["role"], code: string): Grant[] => [
  { role, scopeType: "country", scopeCode: code },
];

describeEachDatabase("review of answers: approve, return a section, the reviewer queue", (database) => {
  let app: FastifyInstance;
  let md: string;
  let sectionSize: number;
  const users: Record<string, TestUser> = {};
  const as: Record<string, Session> = {};

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    const built = await buildAssessments(db, { countries: ["MD", "GE"] });
    md = built.assessments.MD!;
    sectionSize = built.framework.indicators.filter((i) => i.node === "vulnerability").length;
    app = await buildApp({ database: database() });
    const people: Record<string, Grant[]> = {
      coordinator: country("coordinator", "MD"),
      contributor: country("contributor", "MD"),
      reviewer: country("reviewer", "MD"),
      reviewerGE: country("reviewer", "GE"),
    };
    for (const [name, grants] of Object.entries(people)) {
      users[name] = await buildUser(database().db, { grants, name: `${name} person` });
      as[name] = await signInAs(app, users[name]!);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    app.inject({ method, url, headers: as[who]!.headers, ...(payload ? { payload } : {}) });
  const save = (code: string, value: number, expectedVersion: number) =>
    call("coordinator", "PUT", `/api/assessments/${md}/answers/${code}`, { value, expectedVersion });
  const stateOf = async (code: string) => {
    const [row] = await database()
      .db.select({ state: answers.reviewState, by: answers.reviewedBy, at: answers.reviewedAt })
      .from(answers)
      .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
      .where(and(eq(answers.assessmentId, md), eq(indicators.code, code)));
    return row;
  };
  const noticesOf = async (name: string) =>
    (await database().db.select().from(notifications).where(eq(notifications.userId, users[name]!.id))).map(
      (n) => n.kind,
    );
  const mailsTo = async (name: string) =>
    (await database().db.select().from(outbox).where(eq(outbox.toEmail, users[name]!.email))).map(
      (m) => m.subject,
    );
  const queueOf = async (who: string) => {
    const res = await call(who, "GET", "/api/review/queue");
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; waiting: number; approved: number; returned: number }[];
  };

  it("approves one answer, returns a section with one comment, and clears an approval when the value changes", async () => {
    expect((await save("cv.01", 12, 0)).statusCode).toBe(200);
    expect((await save("cv.02", 3, 0)).statusCode).toBe(200);
    expect((await save("sw.01", 7, 0)).statusCode).toBe(200);

    // Nothing to review yet: not in the queue, and approving a draft is a conflict.
    expect((await queueOf("reviewer")).map((a) => a.id)).not.toContain(md);
    const early = await call("reviewer", "POST", `/api/assessments/${md}/answers/cv.01/approve`);
    expect(early.statusCode).toBe(409);

    expect((await call("coordinator", "POST", `/api/assessments/${md}/submit`)).statusCode).toBe(200);
    expect(await noticesOf("reviewer")).toContain("submitted");
    const queued = (await queueOf("reviewer")).find((a) => a.id === md);
    expect(queued).toMatchObject({
      status: "submitted",
      approved: 0,
      returned: 0,
      changedSinceSubmission: null,
    });
    expect(queued!.waiting).toBeGreaterThanOrEqual(2);
    // Georgia's reviewer does not see Moldova's assessment.
    expect((await queueOf("reviewerGE")).map((a) => a.id)).not.toContain(md);
    expect((await call("reviewer", "POST", `/api/assessments/${md}/start-review`)).statusCode).toBe(200);

    // One answer approved, with who and when; the team hears of it in the app and by e-mail.
    expect(
      (await call("reviewerGE", "POST", `/api/assessments/${md}/answers/cv.01/approve`)).statusCode,
    ).toBe(403);
    expect(
      (await call("coordinator", "POST", `/api/assessments/${md}/answers/cv.01/approve`)).statusCode,
    ).toBe(403);
    const approved = await call("reviewer", "POST", `/api/assessments/${md}/answers/cv.01/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toEqual({ decision: "approve", indicators: ["cv.01"] });
    const one = await stateOf("cv.01");
    expect(one).toMatchObject({ state: "approved", by: users.reviewer!.id });
    expect(one!.at).toBeInstanceOf(Date);
    expect(await noticesOf("coordinator")).toContain("answers_approved");
    expect((await mailsTo("contributor")).join()).toMatch(
      /answer to cv\.01 in the MD assessment \(2026\) was approved/,
    );
    expect(await noticesOf("reviewer")).not.toContain("answers_approved");

    // Returning a section needs a comment (400 naming it); an unknown section is 404.
    const sectionUrl = `/api/assessments/${md}/sections/vulnerability/review`;
    const noComment = await call("reviewer", "POST", sectionUrl, { decision: "return" });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toMatch(/comment/);
    const unknown = await call("reviewer", "POST", `/api/assessments/${md}/sections/nowhere/review`, {
      decision: "approve",
    });
    expect(unknown.statusCode).toBe(404);

    const returned = await call("reviewer", "POST", sectionUrl, {
      decision: "return",
      comment: "Cite the 2024 statistics yearbook.",
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().indicators).toHaveLength(sectionSize);
    expect(returned.json().indicators).toContain("cv.02");
    expect((await stateOf("cv.02"))?.state).toBe("needs_rework");
    expect((await stateOf("cv.01"))?.state).toBe("needs_rework");
    // The comment is kept on each answer's thread, once.
    const thread = await call("coordinator", "GET", `/api/assessments/${md}/answers/cv.02/comments`);
    expect(thread.json()).toEqual([
      expect.objectContaining({
        kind: "rework",
        body: "Cite the 2024 statistics yearbook.",
        author: "reviewer person",
      }),
    ]);
    const reworkComments = await database()
      .db.select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.kind, "rework"), eq(comments.body, "Cite the 2024 statistics yearbook.")));
    expect(reworkComments).toHaveLength(sectionSize);
    expect(await noticesOf("contributor")).toContain("answers_returned");
    expect((await mailsTo("coordinator")).join()).toMatch(
      new RegExp(
        `${sectionSize} answers of section vulnerability in the MD assessment \\(2026\\) were returned`,
      ),
    );

    // The read model and the queue count the same states.
    const read = await call("coordinator", "GET", `/api/assessments/${md}`);
    const states = (read.json().answers as { indicator: string; reviewState: string | null }[]).filter(
      (a) => a.reviewState === "needs_rework",
    );
    expect(states).toHaveLength(sectionSize);
    expect((await queueOf("reviewer")).find((a) => a.id === md)).toMatchObject({
      status: "in_review",
      returned: sectionSize,
      approved: 0,
    });

    // sw.01 approved, then the assessment goes back; changing sw.01 clears its approval.
    expect((await call("reviewer", "POST", `/api/assessments/${md}/answers/sw.01/approve`)).statusCode).toBe(
      200,
    );
    expect((await queueOf("reviewer")).find((a) => a.id === md)).toMatchObject({ approved: 1 });
    expect((await call("reviewer", "POST", `/api/assessments/${md}/return`, {})).statusCode).toBe(200);
    const [gv] = await database()
      .db.select({ version: answers.version })
      .from(answers)
      .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
      .where(and(eq(answers.assessmentId, md), inArray(indicators.code, ["sw.01"])));
    expect((await save("sw.01", 0, gv!.version)).statusCode).toBe(200);
    expect(await stateOf("sw.01")).toEqual({ state: null, by: null, at: null });
    // A rework flag stays until the reviewer clears it.
    expect((await save("cv.02", 4, 1)).statusCode).toBe(200);
    expect((await stateOf("cv.02"))?.state).toBe("needs_rework");
  });
});
