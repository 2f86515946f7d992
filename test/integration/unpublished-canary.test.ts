import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { ROUTE_ACCESS } from "../../src/server/app/route-access.ts";
import { resultPlans } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { type ApiOperation, listApiOperations, urlsOf } from "../support/api-routes.ts";
import { readableTexts } from "../support/canary.ts";
import { buildCanaryWorld, type CanaryWorld, leaksIn } from "../support/canary-world.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";

/*
 * The canary, over the whole API: a canary string in a draft's answer, comment,
 * uploaded file, workflow note and tracking, in a validated assessment that is not published,
 * and the draft's numbers (an answer of 12.3456, every working score with four decimals) must
 * reach no one outside the assessments' countries. Every operation of the OpenAPI document and
 * every registered route is called, its parameters filled with the planted objects' ids, as a
 * signed-out visitor, a coordinator of another country and a viewer of another country. A new
 * route is crawled without being listed here; one whose parameter has no value fails the test.
 */

const NOBODY = "00000000-0000-4000-8000-000000000000";

/** Those who may not see the unpublished data of MD, GE and AM. */
const OUTSIDERS: Record<string, Grant[] | null> = {
  "signed out": null,
  "coordinator RO": [{ role: "coordinator", scopeType: "country", scopeCode: "RO" }],
  "viewer RO": [{ role: "viewer", scopeType: "country", scopeCode: "RO" }],
};

interface Visit {
  persona: string;
  op: ApiOperation;
  url: string;
  status: number;
  leaks: string[];
  body: string;
}

describeEachDatabase("unpublished data reaches no one outside its scope, on any API route", (database) => {
  let app: FastifyInstance;
  let world: CanaryWorld;
  let operations: ApiOperation[];
  const visits: Visit[] = [];

  /** Every URL of every operation, with the planted objects' ids. */
  const urlsFor = (op: ApiOperation) => {
    const { cycle, slug } = world;
    const countryFiles = ["md", "am", "ge"].flatMap((c) => [
      `${c}.csv`,
      `${c}.answers.csv`,
      `${c}.xlsx`,
      `${c}.json`,
    ]);
    return urlsOf(
      op,
      {
        "frameworks/id": [cycle.versionId],
        "cycles/id": [cycle.cycleId],
        "assessments/id": [
          cycle.assessments.AM!,
          cycle.assessments.GE!,
          cycle.assessments.MD!,
          world.areaAssessmentId,
        ],
        "answers/indicatorCode": [world.checklist, world.number],
        // Demo framework sections: the one holding the number indicator and one holding the checklist.
        "sections/nodeCode": ["vulnerability", "governance"],
        "assignments/assignmentId": [world.assignmentId],
        "evidence/id": [world.fileEvidenceId],
        "notifications/id": [NOBODY],
        "saved-searches/id": [NOBODY],
        "recommendations/id": [world.recommendationId],
        "synergies/id": [NOBODY],
        "plans/id": [world.plan.id],
        "organisations/id": [
          world.plan.organisationId,
          world.network.coalitionId,
          world.network.memberId,
          world.unlistedOrganisationId,
        ],
        "directory/id": [world.network.memberId, world.unlistedOrganisationId],
        "people/userId": [world.authorId],
        "applications/id": [world.network.applicationId],
        "groups/id": [world.network.groupId],
        "review-rights/rightId": [world.reviewRightId],
        "members/userId": [world.authorId],
        "areas/country": ["AM"],
        "users/id": [world.authorId],
        "nodes/nodeId": [world.plan.nodeId],
        "indicators/indicatorId": [world.plan.indicatorId],
        "targets/period": [world.plan.period],
        "actuals/period": [world.plan.period],
        "evaluations/evaluationId": [world.plan.evaluationId],
        "recommendations/recommendationId": [world.plan.evaluationRecommendationId],
        "outcomes/outcomeId": [world.plan.outcomeId],
        "findings/criterion": ["relevance"],
        "files/fileId": [world.plan.fileId, world.network.fileId],
        "mappings/name": ["canary"],
        "consultations/id": [world.consultation.id],
        "reports/id": [world.reportId],
        "sections/key": ["general_measures"],
        "ratifications/instrument": ["crc"],
        "reviews/id": [NOBODY],
        // A feed token is a credential of its own: an unknown one must give nothing.
        "feeds/token": ["not-a-feed-token"],
        "join/code": [world.consultation.code],
        "audio/audioId": [NOBODY],
        "moderation/submissionId": [world.consultation.submissionId],
        ":submissionId/questionCode": ["wish"],
        "releases/slug": [slug],
        "analyses/analysisId": [NOBODY],
        "tracking/slug": ["am-tracking-v1"],
        "countries/code": ["md", "am", "ge"],
        "indicators/code": [world.checklist, world.number],
        "downloads/file": ["csv", "answers.csv", "xlsx", "json", "sdmx.csv"].map((f) => `${slug}.${f}`),
        "countries/file": countryFiles,
        "public/*": ["releases"],
        "lines/id": [world.budgetLineId],
        "countries/country": ["AM"],
        "budgets/key": ["am", "am-budgets-v1"],
      },
      {
        country: "am",
        period: "2026",
        state: "AM",
        frameworkVersionId: cycle.versionId,
        cycle: cycle.cycleId,
        q: "child",
        expectedVersion: "1",
      },
    );
  };

  /**
   * Calls every operation as `persona` (only the reading ones with `readOnly`: those allowed
   * would change the data); sign-out goes last, as it ends the session.
   */
  const crawl = async (persona: string, session: Session | undefined, readOnly = false) => {
    const ordered = [...operations]
      .filter((op) => !readOnly || op.method === "GET")
      .sort((a, b) => Number(a.key.endsWith("sign-out")) - Number(b.key.endsWith("sign-out")));
    for (const op of ordered) {
      for (const url of urlsFor(op)) {
        const res = await app.inject({
          method: op.method as "GET",
          url,
          headers: session?.headers,
          ...(op.method === "GET" || op.method === "OPTIONS" ? {} : { payload: {} }),
        });
        const body = res.rawPayload;
        const type = String(res.headers["content-type"] ?? "");
        const kind = type.includes("spreadsheet")
          ? ".xlsx"
          : type.includes("wordprocessing")
            ? ".docx"
            : type.includes("pdf")
              ? ".pdf"
              : "";
        const texts = await readableTexts(`${url.split("?")[0]}${kind}`, body).catch(() => [
          body.toString("utf8"),
        ]);
        // Headers count too: a file's name travels in Content-Disposition.
        texts.push(JSON.stringify(res.headers));
        const leaks = [...new Set(texts.flatMap((t) => leaksIn(t, world)))];
        visits.push({ persona, op, url, status: res.statusCode, leaks, body: body.toString("utf8") });
      }
    }
  };

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-unpublished-canary-"));
    const { db } = database();
    await seedReference(db);
    world = await buildCanaryWorld(db);
    app = await buildApp({ database: database() });
    operations = await listApiOperations(app);
    for (const [persona, grants] of Object.entries(OUTSIDERS)) {
      const session = grants ? await signInAs(app, await buildUser(db, { grants })) : undefined;
      await crawl(persona, session);
    }
    // The control: AM's coordinator may read the draft, so the same crawl must find it.
    const insider = await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "AM" }],
    });
    await crawl("coordinator AM", await signInAs(app, insider), true);
  }, 600_000);
  afterAll(async () => {
    await app?.close();
  });

  const outsiderVisits = () => visits.filter((v) => v.persona !== "coordinator AM");

  it("calls every documented operation and every registered API route", () => {
    expect(operations.length).toBeGreaterThanOrEqual(Object.keys(ROUTE_ACCESS).length);
    const called = new Set(outsiderVisits().map((v) => `${v.persona}\u0000${v.op.key}`));
    const missed = Object.keys(OUTSIDERS).flatMap((persona) =>
      [...new Set([...operations.map((o) => o.key), ...app.apiRoutes])]
        .filter((key) => !called.has(`${persona}\u0000${key}`))
        .map((key) => `${persona}: ${key}`),
    );
    expect(missed).toEqual([]);
    expect(operations.map((o) => o.key)).toContain("GET /api/frameworks/:id/scores");
  });

  it("finds the canary and the draft's numbers where those allowed look (the test can fail)", () => {
    const insider = visits.filter((v) => v.persona === "coordinator AM");
    const leaking = (key: string) => insider.filter((v) => v.op.key === key).flatMap((v) => v.leaks);
    expect(leaking("GET /api/frameworks/:id/scores")).toContain(world.draftOverall);
    expect(leaking("GET /api/assessments/:id")).toEqual(expect.arrayContaining(["CANARY", "12.3456"]));
    expect(leaking("GET /api/evidence/:id/file")).toContain("CANARY");
    expect(leaking("GET /api/assessments/:id/events")).toContain("CANARY");
    expect(leaking("GET /api/recommendations/:id/assessments")).toContain("CANARY");
    expect(leaking("GET /api/children/consultations/:id")).toContain("CANARY");
    expect(leaking("GET /api/children/consultations/:id/moderation")).toContain("CANARY");
    expect(leaking("GET /api/children/consultations/:id/report.docx")).toContain("CANARY");
    expect(leaking("GET /api/reporting/reports/:id")).toContain("CANARY");
    expect(leaking("GET /api/reporting/reports/:id/report.docx")).toContain("CANARY");
    expect(leaking("GET /api/reporting/calendar")).toContain("CANARY");
    expect(leaking("GET /api/reporting/countries/:code")).toContain("CANARY");
    expect(leaking("GET /api/network/organisations/:id")).toContain("CANARY");
    expect(leaking("GET /api/network/groups/:id")).toContain("CANARY");
    expect(leaking("GET /api/network/groups/:id/files/:fileId")).toContain("CANARY");
    expect(leaking("GET /api/network/groups/:id/review-rights")).toContain("CANARY");
    expect(leaking("GET /api/network/organisations/:id/logo")).toContain("CANARY");
    expect(leaking("GET /api/budgets/countries/:country")).toEqual(
      expect.arrayContaining(["CANARY", "12.3456"]),
    );
    expect(leaking("GET /api/budgets/lines/:id/history")).toContain("CANARY");
    expect(world.draftNumbers.length).toBeGreaterThan(10);
  });

  it("shows no canary and no draft number to a visitor, another country's coordinator or viewer", () => {
    const found = outsiderVisits()
      .filter((v) => v.leaks.length)
      .map((v) => `${v.persona}: ${v.op.method} ${v.url} (${v.status}) → ${v.leaks.join(", ")}`);
    expect(found).toEqual([]);
  });

  it("serves publicly no logo that a listed member did not choose to publish", () => {
    const logos = outsiderVisits().filter((v) => v.op.key === "GET /api/public/directory/:id/logo");
    // The listed member that keeps its logo private, and the unlisted one that "publishes" it.
    expect(logos).toHaveLength(2 * Object.keys(OUTSIDERS).length);
    expect(logos.filter((v) => v.status !== 404).map((v) => `${v.persona}: ${v.url}`)).toEqual([]);
  });

  it("publishes only the validated fiscal year of budget data, never the draft year's canary line", () => {
    const publicBudgets = outsiderVisits().filter(
      (v) => v.persona === "signed out" && v.op.key.startsWith("GET /api/public/budgets") && v.status === 200,
    );
    // The list, the publication by country and by slug, its CSV and XLSX: each answered.
    expect(publicBudgets.length).toBeGreaterThanOrEqual(4);
    const json = publicBudgets.find((v) => v.url === "/api/public/budgets/am")!;
    expect(json.body).toContain("Validated budget line");
    expect(json.body).not.toContain("CANARY");
    expect(publicBudgets.flatMap((v) => v.leaks)).toEqual([]);
  });

  it("counts for outsiders only the published assessment of the cycle", () => {
    const counts = outsiderVisits()
      .filter((v) => v.op.key === "GET /api/frameworks/:id/cycles")
      .map((v) => [v.persona, (JSON.parse(v.body) as { assessmentCount: number }[])[0]?.assessmentCount]);
    expect(counts).toEqual(Object.keys(OUTSIDERS).map((persona) => [persona, 1]));
  });

  it("keeps the unpublished plan off the public plan API and the portal's plan pages, even when approved and public", async () => {
    const check = async () => {
      for (const url of [
        "/api/public/plans",
        `/api/public/plans/${world.plan.id}`,
        "/portal/",
        ...["en", "fr", "ar"].flatMap((l) => [
          `/portal/plans/?lang=${l}`,
          `/portal/plans/${world.plan.id}/${l}/`,
        ]),
      ]) {
        const res = await app.inject({ url });
        expect(leaksIn(res.body, world), url).toEqual([]);
        expect(res.body, url).not.toContain(world.plan.id);
        if (url.includes(world.plan.id)) expect(res.statusCode, url).toBe(404);
      }
    };
    await check();
    // Approved and marked public, but its organisation has not opted in: still nowhere.
    const { db } = database();
    await db
      .update(resultPlans)
      .set({ status: "approved", isPublic: true })
      .where(eq(resultPlans.id, world.plan.id));
    try {
      await check();
    } finally {
      await db
        .update(resultPlans)
        .set({ status: "draft", isPublic: false })
        .where(eq(resultPlans.id, world.plan.id));
    }
  });

  it("refuses a signed-out caller on every route that is not public before reading the body", () => {
    const wrong = outsiderVisits()
      .filter((v) => v.persona === "signed out" && ROUTE_ACCESS[v.op.key]?.kind !== "public")
      .filter((v) => v.status !== 401 || namesFields(v.body))
      .map((v) => `${v.op.method} ${v.url}: ${v.status} ${v.body.slice(0, 120)}`);
    expect(wrong).toEqual([]);
  });

  it("answers an anonymous bad body with 401, and one without the route's action with 403, not the schema", async () => {
    const { cycle, checklist } = world;
    const url = `/api/assessments/${cycle.assessments.AM}/answers/${checklist}`;
    const signedOut = await app.inject({ method: "PUT", url, payload: { value: { nested: true } } });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json()).toEqual({ error: "sign in first", details: [] });
    const viewer = await signInAs(
      app,
      await buildUser(database().db, {
        grants: [{ role: "viewer", scopeType: "country", scopeCode: "AM" }],
      }),
    );
    const refused = await app.inject({ method: "PUT", url, payload: { value: 1 }, headers: viewer.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain("expectedVersion");
    // Those who may call the route still learn what was wrong with their request.
    const coordinator = await signInAs(
      app,
      await buildUser(database().db, {
        grants: [{ role: "coordinator", scopeType: "country", scopeCode: "AM" }],
      }),
    );
    const invalid = await app.inject({ method: "PUT", url, payload: {}, headers: coordinator.headers });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.join(" ")).toContain("expectedVersion");
  });
});

/** Whether an error body names fields of the request (a validation error's `details`). */
function namesFields(body: string): boolean {
  try {
    return ((JSON.parse(body) as { details?: string[] }).details ?? []).length > 0;
  } catch {
    return false;
  }
}
