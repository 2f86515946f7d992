import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  auditEvents,
  implementationAssessments,
  ratifications,
  recommendations,
  reportingCalendarHistory,
  reportingSteps,
} from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";

describeEachDatabase(
  "reporting: editing calendars, outlines, rich text and the follow-up card",
  (database) => {
    let app: FastifyInstance;
    let db: Db;
    let md: Session;
    let ge: Session;
    let viewerMd: Session;

    beforeAll(async () => {
      process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-reporting-edit-"));
      db = database().db;
      await seedReference(db);
      app = await buildApp({ database: database() });
      md = await signInAs(
        app,
        await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
      );
      ge = await signInAs(
        app,
        await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }] }),
      );
      viewerMd = await signInAs(
        app,
        await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] }),
      );
    }, 120_000);
    afterAll(async () => {
      await app?.close();
    });

    const send = (
      method: "GET" | "PUT" | "POST" | "DELETE",
      url: string,
      session?: Session,
      payload?: Record<string, unknown>,
    ) =>
      app.inject({
        method,
        url,
        headers: session?.headers,
        ...(payload ? { payload: payload as Record<string, string> } : {}),
      });

    it("records, corrects and removes a ratification with its reservations: validation, 409, history, audit", async () => {
      const url = "/api/reporting/countries/MD/ratifications/opic";
      const bad = await send("PUT", url, md, {
        status: "signed",
        signedOn: "2014-02-30",
        ratifiedOn: "2013-01-01",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details.join(" ")).toContain("signedOn: 2014-02-30 is not a date");
      expect(bad.json().details.join(" ")).toContain("ratifiedOn: a State that has only signed");
      const later = await send("PUT", url, md, {
        status: "ratified",
        signedOn: "2015-01-01",
        ratifiedOn: "2014-01-01",
      });
      expect(later.statusCode).toBe(400);
      expect(later.json().details.join(" ")).toContain("before the signature");
      expect(await db.select().from(ratifications).where(eq(ratifications.countryCode, "MD"))).toHaveLength(
        0,
      );

      const created = await send("PUT", url, md, {
        status: "ratified",
        signedOn: "2012-02-28",
        ratifiedOn: "2017-05-30",
        reservations: "Declaration under article 12",
        source: "UN Treaty Collection IV-11-d",
      });
      expect(created.statusCode).toBe(200);
      expect(created.json()).toEqual({ version: 1, created: true });
      // Recorded meanwhile by someone else: a new record without a version is refused.
      expect((await send("PUT", url, md, { status: "ratified" })).statusCode).toBe(409);
      const corrected = await send("PUT", url, md, {
        status: "ratified",
        signedOn: "2012-02-28",
        ratifiedOn: "2017-05-30",
        reservations: null,
        expectedVersion: 1,
      });
      expect(corrected.json().version).toBe(2);
      expect((await send("PUT", url, md, { status: "signed", expectedVersion: 1 })).statusCode).toBe(409);
      // Another country's coordinator and a viewer may not change Moldova's calendar.
      expect((await send("PUT", url, ge, { status: "not_party", expectedVersion: 2 })).statusCode).toBe(403);
      expect((await send("PUT", url, viewerMd, { status: "not_party", expectedVersion: 2 })).statusCode).toBe(
        403,
      );

      const profile = (await send("GET", "/api/reporting/countries/MD", viewerMd)).json();
      expect(profile.ratifications).toEqual([
        expect.objectContaining({ instrument: "opic", status: "ratified", reservations: null, version: 2 }),
      ]);
      expect((await send("DELETE", `${url}?expectedVersion=1`, md)).statusCode).toBe(409);
      expect((await send("DELETE", `${url}?expectedVersion=2`, md)).statusCode).toBe(204);
      expect((await send("GET", "/api/reporting/countries/MD", md)).json().ratifications).toEqual([]);

      const history = (await send("GET", "/api/reporting/countries/MD/history", viewerMd)).json();
      expect(history.map((h: { change: string }) => h.change)).toEqual(["deleted", "updated", "created"]);
      expect(history[1].before.reservations).toBe("Declaration under article 12");
      expect(history[1].after.reservations).toBeNull();
      expect(history[0].changedBy).toBeTruthy();
      const audited = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "reporting.calendar-changed"), eq(auditEvents.country, "MD")));
      expect(audited).toHaveLength(3);
      // The history can only grow.
      await expect(db.execute(sql`delete from reporting_calendar_history`)).rejects.toThrow();
    });

    it("adds a review planned by the mechanism's timetable, corrects its steps keeping their identity, and deletes it", async () => {
      const noSteps = await send("POST", "/api/reporting/countries/MD/reviews", md, {
        mechanism: "acerwc",
        review: "Initial report",
      });
      expect(noSteps.statusCode).toBe(400);
      expect(noSteps.json().details[0]).toContain("sessionStart");
      const badSteps = await send("POST", "/api/reporting/countries/MD/reviews", md, {
        mechanism: "crc",
        review: "Bad",
        steps: [
          { kind: "session", dueOn: "2027-09-07", endsOn: "2027-09-01" },
          { kind: "session", dueOn: "2027-09-08" },
        ],
      });
      expect(badSteps.statusCode).toBe(400);
      expect(badSteps.json().details.join(" ")).toContain("is before its first day");
      expect(badSteps.json().details.join(" ")).toContain("a review has each step once");

      const created = await send("POST", "/api/reporting/countries/MD/reviews", md, {
        mechanism: "grevio",
        review: "GREVIO baseline evaluation",
        sessionStart: "2027-06-07",
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const review = (await send("GET", "/api/reporting/countries/MD", md))
        .json()
        .reviews.find((r: { id: string }) => r.id === id);
      expect(review.steps.map((s: { kind: string }) => s.kind)).toEqual([
        "state_report_due",
        "ngo_submission",
        "session",
        "concluding_observations",
        "follow_up_due",
      ]);
      expect(review.steps.find((s: { kind: string }) => s.kind === "ngo_submission").dueOn).toBe(
        "2027-04-07",
      );
      const ngoStepId = review.steps.find((s: { kind: string }) => s.kind === "ngo_submission").id;

      const steps = [
        { kind: "ngo_submission", dueOn: "2027-04-15", note: "Shadow report to the secretariat" },
        { kind: "session", dueOn: "2027-06-07", endsOn: "2027-06-11" },
        { kind: "concluding_observations", dueOn: "2028-05-01" },
      ];
      const put = (expectedVersion: number, session = md) =>
        send("PUT", `/api/reporting/reviews/${id}`, session, {
          review: "GREVIO baseline evaluation (visit confirmed)",
          steps,
          expectedVersion,
        });
      expect((await put(1, ge)).statusCode).toBe(404);
      expect((await put(1)).json()).toEqual({ version: 2 });
      expect((await put(1)).statusCode).toBe(409);
      const rows = await db.select().from(reportingSteps).where(eq(reportingSteps.cycleId, id));
      expect(rows.map((r) => r.kind).sort()).toEqual([
        "concluding_observations",
        "ngo_submission",
        "session",
      ]);
      // The NGO deadline kept its identity (reminders already sent are keyed by it).
      expect(rows.find((r) => r.kind === "ngo_submission")).toMatchObject({
        id: ngoStepId,
        dueOn: "2027-04-15",
      });

      const calendar = (
        await send("GET", "/api/reporting/calendar?country=MD&from=2027-04-01", viewerMd)
      ).json();
      expect(calendar.events.map((e: { dueOn: string }) => e.dueOn)).toContain("2027-04-15");

      expect((await send("DELETE", `/api/reporting/reviews/${id}?expectedVersion=1`, md)).statusCode).toBe(
        409,
      );
      expect((await send("DELETE", `/api/reporting/reviews/${id}?expectedVersion=2`, md)).statusCode).toBe(
        204,
      );
      expect(await db.select().from(reportingSteps).where(eq(reportingSteps.cycleId, id))).toHaveLength(0);
      const history = await db
        .select()
        .from(reportingCalendarHistory)
        .where(eq(reportingCalendarHistory.targetKey, id));
      expect(history.map((h) => h.change)).toEqual(["created", "updated", "deleted"]);
    });

    it("starts a report from the outline chosen, and keeps rich text safe: tags removed, unsafe links dropped", async () => {
      const custom = await send("POST", "/api/reporting/reports", md, { country: "MD", outline: "custom" });
      expect(custom.statusCode).toBe(400);
      expect(custom.json().details.join(" ")).toContain("a custom outline needs at least one section title");
      const mine = await send("POST", "/api/reporting/reports", md, {
        country: "MD",
        outline: "custom",
        sections: ["Introduction", "Children in residential care"],
      });
      const report = (await send("GET", `/api/reporting/reports/${mine.json().id}`, md)).json();
      expect(report.outline).toBe("custom");
      expect(report.sections.map((s: { title: string }) => s.title)).toEqual([
        "Introduction",
        "Children in residential care",
      ]);
      const upr = (await send("POST", "/api/reporting/reports", md, { country: "MD", outline: "upr" })).json()
        .id;
      const uprReport = (await send("GET", `/api/reporting/reports/${upr}`, md)).json();
      expect(uprReport.outline).toBe("upr");
      expect(uprReport.sections[0].title).toBe("Follow-up to the previous review");
      const ecsr = (
        await send("POST", "/api/reporting/reports", md, { country: "MD", outline: "ecsr" })
      ).json().id;
      expect((await send("GET", `/api/reporting/reports/${ecsr}`, md)).json().sections).toHaveLength(3);

      const text = [
        "## Findings",
        "The **ombudsperson** found *serious* gaps [see the report](https://example.org/ombuds).",
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "- first point\n- second point with [a trap](javascript:alert(1))",
      ].join("\n\n");
      const saved = await send("PUT", `/api/reporting/reports/${mine.json().id}/sections/custom_1`, md, {
        body: text,
        expectedVersion: 1,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().body).not.toMatch(/<script|<img|onerror|javascript:/i);
      const section = (await send("GET", `/api/reporting/reports/${mine.json().id}`, viewerMd)).json()
        .sections[0];
      expect(section.body).not.toContain("<script");
      expect(section.html).toContain("<h3>Findings</h3>");
      expect(section.html).toContain("<strong>ombudsperson</strong>");
      expect(section.html).toContain("<em>serious</em>");
      expect(section.html).toContain(
        '<a href="https://example.org/ombuds" rel="noopener noreferrer">see the report</a>',
      );
      expect(section.html).toContain("<ul><li>first point</li><li>second point with a trap</li></ul>");
      expect(section.html).not.toMatch(/<script|<img|javascript:|alert\(1\)/);
      // Link addresses are not words of the report.
      expect(section.words).toBe(16);

      const docx = await send("GET", `/api/reporting/reports/${mine.json().id}/report.docx`, md);
      const zip = await JSZip.loadAsync(docx.rawPayload);
      const document = await zip.file("word/document.xml")!.async("string");
      expect(document).toContain("ombudsperson");
      expect(document).not.toContain("**");
      expect(document).toContain("<w:b/>");
      expect(document).toContain("<w:numPr>");
    });

    it("shows the follow-up card of the last review: each recommendation's status and the evidence since", async () => {
      const rec = (session: string, paragraph: string, text: string) => ({
        mechanism: "crc",
        session,
        stateCode: "GE",
        stateName: "Georgia",
        documentSymbol: `CRC/C/GEO/CO/${session}`,
        paragraph,
        uncrcArticles: ["19"],
        text: { en: text },
        importKey: `follow-up-${session}-${paragraph}`,
      });
      const [old, first, second] = await db
        .insert(recommendations)
        .values([
          { ...rec("4", "10", "An older recommendation"), issuedOn: "2017-03-09" },
          { ...rec("5-6", "12", "End corporal punishment"), issuedOn: "2024-10-01" },
          { ...rec("5-6", "30", "Close large residential institutions"), issuedOn: "2024-10-01" },
        ])
        .returning({ id: recommendations.id });
      await db.insert(implementationAssessments).values([
        {
          recommendationId: old!.id,
          status: "implemented",
          assessedByKind: "coalition",
          assessedOn: "2020-01-01",
        },
        {
          recommendationId: first!.id,
          status: "not_started",
          assessedByKind: "coalition",
          assessedOn: "2025-01-10",
        },
        {
          recommendationId: first!.id,
          status: "in_progress",
          assessedByKind: "coalition",
          assessedOn: "2025-09-10",
          evidenceText: "The draft law passed its first reading.",
          evidenceUrl: "https://example.org/draft-law",
        },
        {
          recommendationId: first!.id,
          status: "implemented",
          assessedByKind: "government",
          assessedOn: "2025-10-01",
        },
      ]);
      expect((await send("GET", "/api/reporting/countries/GE/follow-up", md)).statusCode).toBe(403);
      const card = (await send("GET", "/api/reporting/countries/GE/follow-up", ge)).json();
      expect(card.review).toMatchObject({ mechanism: "crc", session: "5-6" });
      expect(card.items.map((i: { reference: string }) => i.reference)).toEqual([
        "CRC/C/GEO/CO/5-6, para. 12",
        "CRC/C/GEO/CO/5-6, para. 30",
      ]);
      expect(card.items[0]).toMatchObject({
        coalitionStatus: "in_progress",
        governmentStatus: "implemented",
      });
      expect(card.items[0].evidence[1]).toMatchObject({
        by: "coalition",
        status: "in_progress",
        text: "The draft law passed its first reading.",
        links: ["https://example.org/draft-law"],
      });
      expect(card.items[1]).toMatchObject({ id: second!.id, coalitionStatus: null, evidence: [] });
      expect(card.counts).toEqual(
        expect.arrayContaining([
          { status: "in_progress", count: 1 },
          { status: "none", count: 1 },
        ]),
      );
      const none = (await send("GET", "/api/reporting/countries/GE/follow-up?mechanism=upr", ge)).json();
      expect(none).toMatchObject({ review: null, items: [] });
    });
  },
);
