import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { answerAsChildren, childSubmission } from "../support/children-factories.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";

describeEachDatabase("children's consultations", (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let viewerGE: Session;
  let organisationId: string;
  let consultationId: string;
  let code: string;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-children-"));
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    organisationId = await buildOrganisation(db, { country: "MD" });
    coordinator = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
    );
    viewerGE = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "GE" }] }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = (session: Session, method: string, url: string, payload?: object) =>
    app.inject({ method: method as "GET", url, payload, headers: session.headers });

  it("lets the coalition design, hand out a code and open a consultation", async () => {
    const created = await as(coordinator, "POST", "/api/children/consultations", {
      organisationId,
      definition: SAMPLE_DEFINITION,
    });
    expect(created.statusCode).toBe(201);
    consultationId = created.json().id;
    const bad = await as(coordinator, "PUT", `/api/children/consultations/${consultationId}`, {
      expectedVersion: 1,
      definition: { ...SAMPLE_DEFINITION, questions: [{ code: "x", type: "single", text: { en: "?" } }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("options");
    const session = await as(coordinator, "POST", `/api/children/consultations/${consultationId}/sessions`, {
      label: "School 12, class 5B",
    });
    expect(session.statusCode).toBe(201);
    code = session.json().code;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(session.json().country).toBe("MD");
    const outside = await as(coordinator, "POST", `/api/children/consultations/${consultationId}/sessions`, {
      label: "x",
      country: "GE",
    });
    expect(outside.statusCode).toBe(400);
    // Not open yet: the code leads nowhere, and says why in a word the child's page translates.
    const early = await app.inject({ url: `/api/children/join/${code}` });
    expect(early.statusCode).toBe(404);
    expect(early.json().reason).toBe("not-started");
    const unknown = await app.inject({ url: "/api/children/join/ZZZZZZ" });
    expect([unknown.statusCode, unknown.json().reason]).toEqual([404, "unknown-code"]);
    const open = await as(coordinator, "POST", `/api/children/consultations/${consultationId}/status`, {
      status: "open",
    });
    expect(open.statusCode).toBe(204);
    const join = await app.inject({ url: `/api/children/join/${code.toLowerCase()}` });
    expect(join.statusCode).toBe(200);
    expect(join.headers["set-cookie"]).toBeUndefined();
    expect(join.json().questions).toHaveLength(5);
    // Another country's viewer does not learn that it exists.
    expect((await as(viewerGE, "GET", `/api/children/consultations/${consultationId}`)).statusCode).toBe(404);
  });

  it("stores a retried submission once, and refuses bad answers naming them, changing nothing", async () => {
    const body = childSubmission();
    const url = `/api/children/join/${code}/submissions`;
    const first = await app.inject({ method: "POST", url, payload: body });
    expect(first.statusCode).toBe(201);
    const retry = await app.inject({ method: "POST", url, payload: body });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ stored: false, answers: 4 });
    const bad = await app.inject({
      method: "POST",
      url,
      payload: childSubmission({ answers: { heard: "maybe", safe: "9" } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().reason).toBe("answers-invalid");
    expect(bad.json().details).toEqual([
      "answers.heard: answer yes, no or not-sure",
      "answers.safe: answer one of 1, 2, 3, 4, 5",
    ]);
    const young = await app.inject({ method: "POST", url, payload: childSubmission({ ageBand: "8-12" }) });
    expect(young.statusCode).toBe(400);
    expect(young.body).toContain("guardianConsentConfirmed");
    expect(young.json().reason).toBe("consent-needed");
    const [row] = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from consultation_submissions`,
    );
    expect(row!.n).toBe(1);
  });

  it("holds no IP address, user agent, name or time of day for an answer", async () => {
    const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      database().db,
      sql`select table_name, column_name, data_type from information_schema.columns
          where table_name in ('consultation_submissions', 'consultation_answers', 'consultation_moderation')`,
    );
    const names = columns.map((c) => c.column_name);
    for (const forbidden of [/ip/, /agent/, /name/, /email/, /address/, /^created_at$/, /user/])
      expect(names.filter((n) => forbidden.test(n) && n !== "decided_by")).toEqual([]);
    expect(
      columns.filter((c) => c.table_name === "consultation_submissions" && c.data_type.includes("timestamp")),
    ).toEqual([]);
    const screened = await app.inject({
      method: "POST",
      url: `/api/children/join/${code}/submissions`,
      headers: { "user-agent": "CanaryBrowser/1.0", "x-forwarded-for": "203.0.113.77" },
      payload: childSubmission({ answers: { heard: "yes" } }),
    });
    expect(screened.statusCode).toBe(201);
    const dump = JSON.stringify(
      await queryRows(
        database().db,
        sql`select s.*, a.* from consultation_submissions s join consultation_answers a on a.submission_id = s.id`,
      ),
    );
    expect(dump).not.toContain("CanaryBrowser");
    expect(dump).not.toContain("203.0.113.77");
    expect(dump).not.toContain("127.0.0.1");
  });

  it("shows no result below the threshold: 9 children hidden, 10 shown, a canary child never", async () => {
    const results = () => as(coordinator, "GET", `/api/children/consultations/${consultationId}/results`);
    // Two children so far (2 above): fewer than 10, nothing at all.
    let res = await results();
    expect(res.json().participants).toBeNull();
    expect(res.json().questions.every((q: { total: unknown }) => q.total === null)).toBe(true);
    const summary = await as(coordinator, "GET", `/api/children/consultations/${consultationId}`);
    expect(summary.json().participants).toBeNull();
    // 7 more girls 13-17 (9 girls in all) and 10 boys 8-12, and one canary child alone in their gender.
    await answerAsChildren(app, code, 7);
    await answerAsChildren(app, code, 10, { gender: "boy", ageBand: "8-12", guardianConsentConfirmed: true });
    await answerAsChildren(app, code, 1, { gender: "other" });
    res = await results();
    const body = res.json();
    expect(body.participants.n).toBe(20);
    const gender = body.participants.breakdowns.find((b: { dimension: string }) => b.dimension === "gender");
    // girls 9 (hidden), other 1 (hidden), together 10: boys 10 may be shown.
    expect(gender.groups.map((g: { key: string; n: number }) => [g.key, g.n])).toEqual([["boy", 10]]);
    expect(gender.hidden).toBe(true);
    const csv = await as(coordinator, "GET", `/api/children/consultations/${consultationId}/results.csv`);
    expect(csv.statusCode).toBe(200);
    for (const text of [res.body, csv.body]) {
      expect(text).not.toContain('"other"');
      expect(text).not.toMatch(/girl/);
    }
    expect(csv.body).toContain("boy");
  });

  it("screens free text before storing it and shows it only once a moderator approved it", async () => {
    const url = `/api/children/join/${code}/submissions`;
    const res = await app.inject({
      method: "POST",
      url,
      payload: childSubmission({
        answers: {
          heard: "no",
          wish: "My name is Ana Rusu, call me on 069123456 — more sport and Maria should stop",
        },
      }),
    });
    expect(res.statusCode).toBe(201);
    const stored = JSON.stringify(
      await queryRows(database().db, sql`select value from consultation_answers`),
    );
    expect(stored).not.toContain("Ana Rusu");
    expect(stored).not.toContain("069123456");
    const queue = await as(coordinator, "GET", `/api/children/consultations/${consultationId}/moderation`);
    const item = queue.json()[0];
    expect(item.findings).toEqual(["name", "phone", "possible-name"]);
    expect(
      (await as(coordinator, "GET", `/api/children/consultations/${consultationId}/results`)).json().quotes,
    ).toEqual([]);
    const redacted = await as(
      coordinator,
      "PUT",
      `/api/children/consultations/${consultationId}/moderation/${item.submissionId}/wish`,
      { decision: "redact", parts: ["Maria"], expectedVersion: item.version },
    );
    expect(redacted.statusCode).toBe(204);
    const quotes = (
      await as(coordinator, "GET", `/api/children/consultations/${consultationId}/results`)
    ).json().quotes;
    expect(quotes).toEqual([
      { question: "wish", text: "My name is […], call me on […] — more sport and […] should stop" },
    ]);
    // A second moderator working from the list as it was: refused, nothing changed.
    const stale = await as(
      coordinator,
      "PUT",
      `/api/children/consultations/${consultationId}/moderation/${item.submissionId}/wish`,
      { decision: "approve", expectedVersion: item.version },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatch(/another moderator/);
    const [after] = (
      await as(coordinator, "GET", `/api/children/consultations/${consultationId}/moderation`)
    ).json();
    expect(after.status).toBe("redacted");
    expect(after.version).toBe(item.version + 1);
    expect(after.history).toEqual([
      { status: "redacted", parts: 1, by: expect.any(String), at: expect.any(String) },
    ]);
    // Rejected on second thought: gone from the results, both decisions kept with who and when.
    const rejected = await as(
      coordinator,
      "PUT",
      `/api/children/consultations/${consultationId}/moderation/${item.submissionId}/wish`,
      { decision: "reject", expectedVersion: after.version },
    );
    expect(rejected.statusCode).toBe(204);
    expect(
      (await as(coordinator, "GET", `/api/children/consultations/${consultationId}/results`)).json().quotes,
    ).toEqual([]);
    const [last] = (
      await as(coordinator, "GET", `/api/children/consultations/${consultationId}/moderation`)
    ).json();
    expect(last.history.map((h: { status: string }) => h.status)).toEqual(["redacted", "rejected"]);
    expect(JSON.stringify(last.history)).not.toContain("sport");
    // The history only grows.
    const refused = await database()
      .db.execute(sql`update consultation_moderation_history set status = 'approved'`)
      .then(
        () => null,
        (error: Error & { cause?: unknown }) => error,
      );
    expect(String(refused?.cause)).toMatch(/append-only/);
  });

  it("shows what children said about a linked indicator once closed and made public", async () => {
    const view = () => app.inject({ url: "/api/public/children/indicators/GOV-1?country=md" });
    expect((await view()).json()).toEqual([]);
    await as(coordinator, "POST", `/api/children/consultations/${consultationId}/status`, {
      status: "closed",
      resultsPublic: true,
    });
    const [said] = (await view()).json();
    expect(said).toMatchObject({ country: "MD", children: 21, question: { code: "heard" } });
    expect(said.agreeing).toBeCloseTo(20 / 21);
    const late = await app.inject({
      method: "POST",
      url: `/api/children/join/${code}/submissions`,
      payload: childSubmission(),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().reason).toBe("ended");
    const ended = await app.inject({ url: `/api/children/join/${code}` });
    expect([ended.statusCode, ended.json().reason]).toEqual([404, "ended"]);
  });
});
