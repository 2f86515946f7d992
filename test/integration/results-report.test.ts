import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { closeChromium } from "../../src/server/reports/chromium.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";

describeEachDatabase("results: a plan's progress report in Word and PDF", (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let outsider: Session;
  let planId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    const user = await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    coordinator = await signInAs(app, user);
    outsider = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }] }),
    );
    const organisationId = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
    const built = await buildPlan(db, organisationId, user.id);
    planId = built.planId;
    const put = async (kind: string, period: string, payload: object) => {
      const res = await app.inject({
        method: "PUT",
        url: `/api/results/plans/${planId}/indicators/${built.indicatorId}/${kind}/${period}`,
        headers: coordinator.headers,
        payload: { expectedVersion: 0, ...payload },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await put("targets", "2024", { value: 120 });
    await put("actuals", "2024", {
      value: 96,
      comment: "Two regions <b>delayed</b> the courses",
      evidence: "Attendance lists, https://example.org/training-2024",
    });
    await put("targets", "2025", { value: 200 });
  });
  afterAll(async () => {
    await app?.close();
    await closeChromium();
  });

  const docxText = async (body: Buffer) =>
    (await (await JSZip.loadAsync(body)).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, " ");

  it("writes the cover, the summary, each node and the indicator's figures, chart and comments for the period", async () => {
    const res = await app.inject({
      url: `/api/results/plans/${planId}/report.docx?period=2024`,
      headers: coordinator.headers,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-disposition"]).toContain(
      "progress-report-Strategic-plan-2024-2026-2024.docx",
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, " ");
    expect(text).toContain("APSCF Moldova");
    expect(text).toContain("Progress report for 2024");
    // 96 of a target of 120 from a baseline of 0: 80%, some progress.
    expect(text).toContain(
      "Overall progress in 2024: 80% (Some progress), from 1 of 1 measurable indicators.",
    );
    expect(text).toContain("Outcome O1.1: Professionals apply child-safe practice");
    expect(text).toMatch(/0 people .*120 people .*96 people .*80% · Some progress/);
    expect(text).toContain("Two regions &lt;b&gt;delayed&lt;/b&gt; the courses");
    expect(text).toContain("https://example.org/training-2024");
    expect(text).toContain("Nothing is late");
    // Real headings and a numbered footer, and the chart as a PNG with its text alternative.
    expect(xml).toContain('w:pStyle w:val="Heading1"');
    expect(xml).toContain('w:pStyle w:val="Heading3"');
    const footer = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f))!;
    expect(await zip.file(footer)!.async("string")).toContain("PAGE");
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async("nodebuffer");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(xml).toContain(
      "2024: target 120 people, actual 96 people; 2025: target 200 people, actual not reported",
    );
  });

  it("says plainly what is missing in a period without actuals", async () => {
    const text = await docxText(
      (
        await app.inject({
          url: `/api/results/plans/${planId}/report.docx?period=2025`,
          headers: coordinator.headers,
        })
      ).rawPayload,
    );
    expect(text).toContain("Overall progress in 2025: no data");
    // 2025 has ended (the test runs after it) with a target and no actual: late.
    expect(text).toMatch(/I1 Social workers trained\s+2025\s+Actual not reported; the period has ended/);
    expect(text).toContain("no actual reported for the period");
    expect(text).toContain("not reported");
  });

  it("prints the same report to PDF", async () => {
    const res = await app.inject({
      url: `/api/results/plans/${planId}/report.pdf?period=2024`,
      headers: coordinator.headers,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // Cover, summary, tree: more than one page.
    expect(res.rawPayload.toString("latin1").match(/\/Type\s*\/Page[^s]/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses an unknown period with a 400 naming it, and hides the plan from another country's coordinator", async () => {
    const bad = await app.inject({
      url: `/api/results/plans/${planId}/report.docx?period=1999`,
      headers: coordinator.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain("period");
    const hidden = await app.inject({
      url: `/api/results/plans/${planId}/report.docx`,
      headers: outsider.headers,
    });
    expect(hidden.statusCode).toBe(404);
  });
});
