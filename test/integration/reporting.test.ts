import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  answers,
  budgetLines,
  budgetReviews,
  countries,
  evidenceSources,
  implementationAssessments,
  indicators,
  notifications,
  outbox,
  recommendations,
  reportingCycles,
  reportingSteps,
} from "../../src/server/db/schema.ts";
import { loadDemoReporting } from "../../src/server/demo/demo-reporting.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { sendReportingReminders } from "../../src/server/reporting/reporting-reminders.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { parseIcs } from "../support/ics.ts";

const TODAY = "2026-03-02";

describeEachDatabase("reporting: calendar, feeds, reminders and alternative reports", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let md: Session;
  let ge: Session;
  let viewerMd: Session;
  let region: Session;
  let coordinatorMdId: string;
  let mdCycleId: string;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-reporting-"));
    db = database().db;
    await seedReference(db);
    const built = await buildAssessments(db, { countries: ["MD", "GE"] });
    const admin = await buildUser(db, { isAdmin: true });
    const coordinatorMd = await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    coordinatorMdId = coordinatorMd.id;
    app = await buildApp({ database: database() });
    md = await signInAs(app, coordinatorMd);
    ge = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }] }),
    );
    viewerMd = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] }),
    );
    region = await signInAs(
      app,
      await buildUser(db, {
        grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
      }),
    );
    // What the builder should find: an answer on article 19 with a source, a recommendation with its status.
    const [indicator] = await db
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.versionId, built.versionId), eq(indicators.code, "ge.02")));
    const [answer] = await db
      .insert(answers)
      .values({ assessmentId: built.assessments.MD!, indicatorId: indicator!.id, valueText: "partially" })
      .returning({ id: answers.id });
    await db.insert(evidenceSources).values([
      {
        answerId: answer!.id,
        kind: "url",
        citation: "Law 140/2013 on child protection",
        url: "https://example.org/law-140",
      },
      { answerId: answer!.id, kind: "citation", citation: "A removed source", removedAt: new Date() },
    ]);
    const [rec] = await db
      .insert(recommendations)
      .values({
        mechanism: "crc",
        stateCode: "MD",
        stateName: "Moldova",
        documentSymbol: "CRC/C/MDA/CO/4-5",
        paragraph: "27",
        uncrcArticles: ["19"],
        text: { en: "Prohibit corporal punishment in all settings" },
        importKey: `reporting-${Math.random()}`,
      })
      .returning({ id: recommendations.id });
    await db.insert(implementationAssessments).values({
      recommendationId: rec!.id,
      status: "in_progress",
      assessedByKind: "coalition",
      assessedOn: "2025-11-01",
      evidenceText: "A draft law is in Parliament.",
    });
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["AL", "AM", "AZ", "BA", "BG", "GE", "XK", "MD", "RO", "RS"]));
    await loadDemoReporting(db, admin.id, TODAY);
    const [cycle] = await db
      .select({ id: reportingCycles.id })
      .from(reportingCycles)
      .where(and(eq(reportingCycles.countryCode, "MD"), eq(reportingCycles.mechanism, "crc")));
    mdCycleId = cycle!.id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, session?: Session) =>
    app.inject({ method: "GET", url, headers: session?.headers });

  it("shows a country's ratifications (OPIC included) and reviews to its team only", async () => {
    const res = await get("/api/reporting/countries/md", md);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ratifications.map((r: { instrument: string }) => r.instrument)).toEqual([
      "crc",
      "opac",
      "opic",
      "opsc",
    ]);
    expect(body.reviews.map((r: { mechanism: string }) => r.mechanism).sort()).toEqual([
      "crc",
      "ecsr",
      "upr",
    ]);
    const upr = body.reviews.find((r: { mechanism: string }) => r.mechanism === "upr");
    expect(upr.review).toBe("UPR cycle 4, Working Group session 54");
    expect((await get("/api/reporting/countries/md", ge)).statusCode).toBe(403);
  });

  it("gives each person the calendar of their scope: a country, or a whole region", async () => {
    const mine = (await get("/api/reporting/calendar", md)).json();
    expect(new Set(mine.events.map((e: { country: string }) => e.country))).toEqual(new Set(["MD"]));
    const all = (
      await get(`/api/reporting/calendar?region=${CHILDPACT_REGION.code}&from=${TODAY}`, region)
    ).json();
    expect(all.countries.length).toBeGreaterThanOrEqual(10);
    expect(new Set(all.events.map((e: { country: string }) => e.country)).size).toBeGreaterThanOrEqual(9);
    expect(all.events.every((e: { dueOn: string }) => e.dueOn >= TODAY)).toBe(true);
    const sorted = all.events.map((e: { dueOn: string }) => e.dueOn);
    expect(sorted).toEqual([...sorted].sort());
    // The demo plans its reviews from the day it is loaded: the calendar has a deadline soon.
    expect(sorted.filter((d: string) => d <= addDays(TODAY, 90)).length).toBeGreaterThan(0);
    const geOnly = (await get("/api/reporting/calendar?country=MD", ge)).json();
    expect(geOnly.events).toEqual([]);
  });

  it("serves a subscribable iCalendar feed without a session, and another country's token gives nothing of Moldova", async () => {
    const made = await app.inject({
      method: "POST",
      url: "/api/reporting/feeds",
      headers: md.headers,
      payload: { country: "MD" },
    });
    expect(made.statusCode).toBe(201);
    const feed = await get(made.json().path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    const parsed = parseIcs(feed.body);
    const steps = await db
      .select({ id: reportingSteps.id })
      .from(reportingSteps)
      .innerJoin(reportingCycles, eq(reportingCycles.id, reportingSteps.cycleId))
      .where(eq(reportingCycles.countryCode, "MD"));
    expect(parsed.events).toHaveLength(steps.length);
    expect(parsed.events.every((e) => e.SUMMARY!.startsWith("Moldova: "))).toBe(true);
    expect(parsed.events.some((e) => e.SUMMARY!.includes("NGO submission deadline"))).toBe(true);
    expect(parsed.events.every((e) => /^\d{8}$/.test(e["DTSTART;VALUE=DATE"]!))).toBe(true);

    const other = await app.inject({
      method: "POST",
      url: "/api/reporting/feeds",
      headers: ge.headers,
      payload: { country: "GE" },
    });
    const geFeed = parseIcs((await get(other.json().path)).body);
    expect(geFeed.events.length).toBeGreaterThan(0);
    expect(geFeed.events.some((e) => e.SUMMARY!.includes("Moldova"))).toBe(false);

    const refused = await app.inject({
      method: "POST",
      url: "/api/reporting/feeds",
      headers: ge.headers,
      payload: { country: "MD" },
    });
    expect(refused.statusCode).toBe(403);
    expect((await get("/api/reporting/feeds/not-a-token")).statusCode).toBe(404);
  });

  it("reminds the country's team 30, 7 and 1 day before a step, once per window", async () => {
    const [step] = await db
      .select({ dueOn: reportingSteps.dueOn, id: reportingSteps.id })
      .from(reportingSteps)
      .where(and(eq(reportingSteps.cycleId, mdCycleId), eq(reportingSteps.kind, "ngo_submission")));
    const mine = () =>
      db
        .select({ payload: notifications.payload })
        .from(notifications)
        .where(and(eq(notifications.userId, coordinatorMdId), eq(notifications.kind, "reporting_deadline")));
    const clock = new Date(`${addDays(step!.dueOn, -5)}T08:00:00Z`);
    await sendReportingReminders(db, clock);
    const first = (await mine()).filter((n) => n.payload.stepId === step!.id);
    expect(first.map((n) => n.payload.window)).toEqual(["7"]);
    await sendReportingReminders(db, new Date(clock.getTime() + 3600_000));
    expect((await mine()).filter((n) => n.payload.stepId === step!.id)).toHaveLength(1);
    await sendReportingReminders(db, new Date(`${addDays(step!.dueOn, -1)}T08:00:00Z`));
    expect(
      (await mine())
        .filter((n) => n.payload.stepId === step!.id)
        .map((n) => n.payload.window)
        .sort(),
    ).toEqual(["1", "7"]);
    const mails = await db
      .select({ subject: outbox.subject })
      .from(outbox)
      .where(sql`${outbox.subject} like ${"%Moldova — NGO submission deadline in 5 day(s)%"}`);
    expect(mails.length).toBeGreaterThanOrEqual(1);
  });

  it("starts a report from the evidence, cites it, edits with history and 409, and keeps it from other countries", async () => {
    // Budget lines tagged with article 19: a validated year is cited, a draft year never.
    const line = (fiscalYear: string, name: string) => ({
      countryCode: "MD",
      fiscalYear,
      startYear: Number(fiscalYear),
      lineKey: `md|${fiscalYear}|social|${name}`.toLowerCase(),
      name,
      nameEn: name,
      ministry: "Ministry of Labour and Social Protection",
      sector: "child-protection",
      currency: "MDL",
      allocated: 41_500_000,
      sourceDocument: "State budget law",
      sourcePage: "112",
      articles: ["19"],
    });
    await db
      .insert(budgetLines)
      .values([line("2024", "Child protection services"), line("2025", "Draft line")]);
    await db.insert(budgetReviews).values([
      { countryCode: "MD", fiscalYear: "2024", state: "validated" },
      { countryCode: "MD", fiscalYear: "2025", state: "draft" },
    ]);
    const created = await app.inject({
      method: "POST",
      url: "/api/reporting/reports",
      headers: md.headers,
      payload: { country: "MD", cycleId: mdCycleId },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const report = (await get(`/api/reporting/reports/${id}`, md)).json();
    expect(report.sections).toHaveLength(10);
    expect(report.wordLimit).toBe(20_000);
    const violence = report.sections.find((s: { key: string }) => s.key === "violence");
    const labels = violence.citations.map((c: { label: string }) => c.label);
    expect(labels).toContain("Law 140/2013 on child protection");
    expect(labels.join(" ")).not.toContain("A removed source");
    expect(violence.citations.find((c: { kind: string }) => c.kind === "recommendation").href).toMatch(
      /^\/recommendations\//,
    );
    expect(violence.body).toContain("in progress");
    const budget = violence.citations.filter((c: { kind: string }) => c.kind === "budget");
    expect(budget.map((c: { label: string }) => c.label)).toEqual([
      "Child protection services (Ministry of Labour and Social Protection), budget 2024: State budget law, p. 112",
    ]);
    expect(violence.body).toContain(
      "Child protection services: 41,500,000 MDL allocated, execution not reported",
    );
    expect(violence.body).not.toContain("Draft line");
    expect(violence.questions[0]).toContain("CRC/C/MDA/CO/4-5, para. 27");
    expect(violence.words).toBeGreaterThan(10);

    const put = (session: Session, body: string, expectedVersion: number) =>
      app.inject({
        method: "PUT",
        url: `/api/reporting/reports/${id}/sections/violence`,
        headers: session.headers,
        payload: { body, expectedVersion },
      });
    const saved = await put(md, `${violence.body}\n\nThe coalition adds one sentence.`, 1);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(2);
    const stale = await put(md, "an older edit", 1);
    expect(stale.statusCode).toBe(409);
    // A viewer may read the report but never write one: the route hides reports from those who may not.
    expect((await put(viewerMd, "a viewer's edit", 2)).statusCode).toBe(404);
    const history = (await get(`/api/reporting/reports/${id}/sections/violence/history`, md)).json();
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0].bodyAfter).toContain("The coalition adds one sentence.");

    expect((await get(`/api/reporting/reports/${id}`, ge)).statusCode).toBe(404);
    expect((await get(`/api/reporting/reports/${id}/report.docx`, ge)).statusCode).toBe(404);
    const listed = (await get("/api/reporting/reports", ge)).json();
    expect(listed.some((r: { id: string }) => r.id === id)).toBe(false);
    expect(
      (await get("/api/reporting/reports?country=MD", viewerMd))
        .json()
        .some((r: { id: string }) => r.id === id),
    ).toBe(true);

    const docx = await get(`/api/reporting/reports/${id}/report.docx`, viewerMd);
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const footnotes = await zip.file("word/footnotes.xml")!.async("string");
    const document = await zip.file("word/document.xml")!.async("string");
    const rels = await zip.file("word/_rels/footnotes.xml.rels")!.async("string");
    expect(footnotes).toContain("Law 140/2013 on child protection");
    expect(rels).toContain("https://example.org/law-140");
    expect(document).toContain("w:footnoteReference");
    expect(document).toContain("The coalition adds one sentence.");
    expect(document).not.toContain("[1]");
  });
});
