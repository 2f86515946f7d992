import { inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { implementationAssessments, recommendations } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";

const RECS = [
  {
    key: "a",
    state: "MD",
    articles: ["19"],
    themes: ["Violence"],
    text: "Prohibit corporal punishment <b>now</b>.",
  },
  {
    key: "b",
    state: "MD",
    articles: ["19", "28"],
    themes: ["Violence", "Education"],
    text: "Train teachers on violence.",
  },
  { key: "c", state: "MD", articles: ["28"], themes: ["Education"], text: "Ensure inclusive education." },
  { key: "d", state: "MD", articles: [], themes: [], text: "Ratify the third Optional Protocol." },
  { key: "e", state: "GE", articles: ["19"], themes: ["Violence"], text: "Georgia: end violence." },
];

describeEachDatabase("recommendations: dashboard, reports, report card", (database) => {
  let app: FastifyInstance;
  let viewer: Session;
  let db: Db;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const user = await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] });
    viewer = await signInAs(app, user);
    const rows = await db
      .insert(recommendations)
      .values(
        RECS.map((r, i) => ({
          mechanism: "crc",
          session: "90",
          cycle: "2024",
          documentSymbol: `CRC/C/${r.state}/CO/4-5`,
          paragraph: String(10 + i),
          stateCode: r.state,
          stateName: r.state === "MD" ? "Moldova" : "Georgia",
          text: { en: r.text },
          position: null,
          uncrcArticles: r.articles,
          themes: r.themes,
          importKey: `reports-${r.key}`,
        })),
      )
      .returning({ id: recommendations.id, key: recommendations.importKey });
    for (const r of rows) ids[r.key.replace("reports-", "")] = r.id;
    const assess = (key: string, status: string, kind: string, on: string, extra: object = {}) => ({
      recommendationId: ids[key]!,
      status,
      assessedByKind: kind,
      assessedOn: on,
      assessorId: user.id,
      ...extra,
    });
    await db.insert(implementationAssessments).values([
      assess("a", "in_progress", "coalition", "2024-01-01"),
      assess("a", "implemented", "coalition", "2025-01-01", {
        evidenceText: "Law 123 adopted <script>x</script>",
      }),
      assess("a", "implemented", "government", "2025-01-01"),
      assess("b", "partially_implemented", "coalition", "2025-02-01", {
        responsibleInstitutions: ["Ministry of Education"],
        evidenceUrls: ["https://example.org/b"],
      }),
      assess("d", "regressed", "coalition", "2025-03-01"),
      assess("e", "implemented", "coalition", "2025-03-01"),
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string) => app.inject({ method: "GET", url, headers: viewer.headers });

  it("counts by status × theme, article, institution, mechanism and cycle in one response", async () => {
    const res = await get("/api/recommendations/dashboard?state=MD");
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.total).toBe(4);
    expect(d.byStatus).toMatchObject({
      implemented: 1,
      partially_implemented: 1,
      regressed: 1,
      none: 1,
      in_progress: 0,
    });
    const row = (list: { value: string }[], value: string) => list.find((r) => r.value === value);
    expect(d.byArticle.map((r: { value: string }) => r.value)).toEqual(["19", "28", "(none)"]);
    expect(row(d.byArticle, "19")).toMatchObject({
      total: 2,
      counts: { implemented: 1, partially_implemented: 1 },
    });
    expect(row(d.byArticle, "28")).toMatchObject({ total: 2, counts: { partially_implemented: 1, none: 1 } });
    expect(row(d.byTheme, "Education")).toMatchObject({ total: 2 });
    expect(row(d.byInstitution, "Ministry of Education")).toMatchObject({
      total: 1,
      counts: { partially_implemented: 1 },
    });
    expect(d.byMechanism).toEqual([expect.objectContaining({ value: "crc", total: 4 })]);
    expect(d.byCycle).toEqual([expect.objectContaining({ value: "2024", total: 4 })]);
    const gov = (await get("/api/recommendations/dashboard?state=MD&assessor=government")).json();
    expect(gov.byStatus).toMatchObject({ implemented: 1, none: 3 });
    const bad = await get("/api/recommendations/dashboard?mechanism=unicef");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("mechanism");
  });

  it("writes a Word report grouped by UNCRC article with texts as text, status and evidence", async () => {
    const res = await get("/api/recommendations/report.docx?state=MD&groupBy=article");
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers["content-disposition"]).toContain("follow-up-Moldova.docx");
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    const at = (s: string) => text.indexOf(s);
    expect(at("Article 19")).toBeGreaterThan(-1);
    expect(at("Article 28")).toBeGreaterThan(at("Article 19"));
    expect(at("No UNCRC article")).toBeGreaterThan(at("Article 28"));
    expect(text).toContain("Prohibit corporal punishment &lt;b&gt;now&lt;/b&gt;.");
    expect(text).toContain("Law 123 adopted &lt;script&gt;x&lt;/script&gt;");
    expect(text).toContain("partially implemented");
    expect(text).toContain("https://example.org/b");
    expect(text).not.toContain("Georgia: end violence");
    const clusters = await get("/api/recommendations/report.docx?state=MD&groupBy=cluster");
    const clusterText = (
      await (await JSZip.loadAsync(clusters.rawPayload)).file("word/document.xml")!.async("string")
    ).replace(/<[^>]+>/g, "");
    expect(clusterText.indexOf("Education")).toBeLessThan(clusterText.indexOf("Violence"));
  });

  it("writes the same rows to a workbook, as many as the database holds", async () => {
    const res = await get("/api/recommendations/report.xlsx?state=MD");
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Recommendations")!;
    const [expected] = await queryRows<{ n: string | number }>(
      db,
      sql`select sum(greatest(cardinality(uncrc_articles), 1)) as n from recommendations where state_code = 'MD'`,
    );
    expect(sheet.rowCount - 1).toBe(Number(expected!.n));
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const statuses = rows.map((r) => r[7]);
    expect(statuses.filter((s) => s === "implemented")).toHaveLength(1);
    expect(statuses.filter((s) => s === "partially implemented")).toHaveLength(2);
    const mdIds = await db
      .select()
      .from(recommendations)
      .where(inArray(recommendations.stateCode, ["MD"]));
    expect(new Set(rows.map((r) => r[5])).size).toBe(mdIds.length);
  });

  it("grades each theme by the documented rule, as JSON and as a one-page Word document", async () => {
    const res = await get("/api/recommendations/report-card?state=MD");
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card.rule).toContain("A ≥ 80 %");
    expect(card.themes).toEqual([
      { theme: "Education", total: 2, implemented: 0, partiallyImplemented: 1, score: 0.25, grade: "D" },
      { theme: "Violence", total: 2, implemented: 1, partiallyImplemented: 1, score: 0.75, grade: "B" },
      { theme: "(no theme)", total: 1, implemented: 0, partiallyImplemented: 0, score: 0, grade: "F" },
    ]);
    const docx = await get("/api/recommendations/report-card.docx?state=MD");
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, "")).toMatch(/B\s*Violence/);
  });

  it("refuses a missing State or an unknown grouping with a 400 naming the field; an unknown State is 404", async () => {
    const missing = await get("/api/recommendations/report.docx");
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("state");
    const grouping = await get("/api/recommendations/report.xlsx?state=MD&groupBy=colour");
    expect(grouping.statusCode).toBe(400);
    expect(grouping.body).toContain("groupBy");
    expect((await get("/api/recommendations/report-card?state=ZZ")).statusCode).toBe(404);
  });
});
