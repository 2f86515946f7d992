import { count as countRows } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Framework } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { answerHistory, answers } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { columnOf, fillAnswers, multipartFile, openWorkbook, rowOf, storedZip } from "./exchange-files.ts";

interface Problem {
  sheet: string;
  row: number;
  column: string | null;
  field: string | null;
  indicator: string | null;
  message: string;
  current?: { value: unknown; version: number; updatedBy: string | null };
}

describeEachDatabase("offline exchange: XLSX export and import", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let framework: Framework;
  let ids: Record<string, string>;
  let mdCoordinator: Session;
  let mdContributor: Session;
  let sectionContributor: Session;
  let geContributor: Session;
  let mdViewer: Session;

  const exportXlsx = (session: Session | null, country = "MD", query = "") =>
    app.inject({
      method: "GET",
      url: `/api/assessments/${ids[country]}/export.xlsx${query}`,
      headers: session?.headers ?? {},
    });
  const exportBytes = async (session: Session) => {
    const res = await exportXlsx(session);
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  };
  const importXlsx = (
    session: Session | null,
    bytes: Uint8Array,
    { country = "MD", name = "assessment-MD-2026.xlsx", query = "", id = "" } = {},
  ) => {
    const { payload, headers } = multipartFile(bytes, name);
    return app.inject({
      method: "POST",
      url: `/api/assessments/${id || ids[country]}/import${query}`,
      headers: { ...(session?.headers ?? {}), ...headers },
      payload,
    });
  };
  const put = (session: Session, code: string, payload: object) =>
    app.inject({
      method: "PUT",
      url: `/api/assessments/${ids.MD}/answers/${code}`,
      headers: session.headers,
      payload,
    });
  const answersOf = async (session: Session, country = "MD") => {
    const res = await app.inject({
      method: "GET",
      url: `/api/assessments/${ids[country]}`,
      headers: session.headers,
    });
    const list = res.json().answers as {
      indicator: string;
      value: unknown;
      justification: string | null;
      version: number;
    }[];
    return new Map(list.map((a) => [a.indicator, a]));
  };
  const count = async (table: "answers" | "answer_history") => {
    const [row] = await db.select({ n: countRows() }).from(table === "answers" ? answers : answerHistory);
    return Number(row?.n);
  };
  const sheetOf = async (bytes: Uint8Array) => {
    const ws = (await openWorkbook(bytes)).getWorksheet("answers");
    if (!ws) throw new Error("no answers sheet");
    return ws;
  };
  const cell = (ws: ExcelJS.Worksheet, code: string, header: string) =>
    ws.getRow(rowOf(ws, code)).getCell(columnOf(ws, header));

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const built = await buildAssessments(db, { countries: ["MD", "GE"] });
    ids = built.assessments;
    framework = built.framework;
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
    expect((await put(mdCoordinator, "ge.01", { value: "yes", expectedVersion: 0 })).statusCode).toBe(200);
    expect((await put(mdCoordinator, "cv.01", { value: 12.5, expectedVersion: 0 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("exports every indicator in tree order with its current value, version and a drop-down", async () => {
    const res = await exportXlsx(mdViewer);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="assessment-MD-2026.xlsx"');
    const wb = await openWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["read me", "answers", "lists"]);
    const ws = wb.getWorksheet("answers")!;
    const codes: string[] = [];
    for (let r = 2; r <= ws.rowCount; r++)
      codes.push(String(ws.getRow(r).getCell(columnOf(ws, "indicator")).value));
    expect(codes).toHaveLength(framework.indicators.length);
    expect(new Set(codes)).toEqual(new Set(framework.indicators.map((i) => i.code)));
    // Tree order: the indicators' nodes appear in depth-first order of the framework tree.
    const depthFirst: string[] = [];
    const visit = (code: string) => {
      depthFirst.push(code);
      for (const n of framework.nodes) if (n.parent === code) visit(n.code);
    };
    visit(framework.nodes.find((n) => !n.parent)!.code);
    const nodeOf = new Map(framework.indicators.map((i) => [i.code, i.node]));
    const positions = codes.map((c) => depthFirst.indexOf(nodeOf.get(c)!));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    expect(cell(ws, "ge.01", "value").value).toBe("yes");
    expect(cell(ws, "ge.01", "version").value).toBe(1);
    expect(cell(ws, "cv.01", "value").value).toBe(12.5);
    expect(cell(ws, "ge.02", "value").value).toBeNull();
    expect(cell(ws, "ge.02", "version").value).toBe(0);
    expect(cell(ws, "ge.01", "section").value).toBe("Governance environment");
    expect(cell(ws, "a07.01", "section").value).toBe(
      "UNCRC child-protection articles › Article 7 — Birth registration, name and nationality",
    );
    expect(cell(ws, "ge.01", "value").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"yes,partially,no,na"'],
    });
    expect(cell(ws, "cv.01", "value").dataValidation).toMatchObject({ type: "decimal" });
    expect(cell(ws, "ge.01", "version").protection?.locked).not.toBe(false);
    expect(cell(ws, "ge.01", "value").protection?.locked).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    const readMe = wb.getWorksheet("read me")!;
    const texts: string[] = [];
    readMe.eachRow((row) => texts.push(row.values.toString()));
    expect(texts.join("\n")).toMatch(/Moldova/);
    expect(texts.join("\n")).toMatch(/version/);
    expect(texts.join("\n")).toContain(ids.MD);
  });

  it("writes the questions in the requested language, falling back to the framework's default", async () => {
    const fr = await sheetOf((await exportXlsx(mdViewer, "MD", "?lang=fr")).rawPayload);
    const ind = framework.indicators.find((i) => i.code === "cv.01")!;
    expect(cell(fr, "cv.01", "question").value).toBe(ind.text.fr);
    const frCh = await sheetOf((await exportXlsx(mdViewer, "MD", "?lang=fr-CH")).rawPayload);
    expect(cell(frCh, "cv.01", "question").value).toBe(ind.text.fr);
    const xx = await sheetOf((await exportXlsx(mdViewer, "MD", "?lang=xx")).rawPayload);
    expect(cell(xx, "cv.01", "question").value).toBe(ind.text[framework.defaultLanguage]);
  });

  it("refuses the export signed out (401) and to another country's contributor (403)", async () => {
    expect((await exportXlsx(null)).statusCode).toBe(401);
    expect((await exportXlsx(geContributor)).statusCode).toBe(403);
  });

  it("imports filled values through saveAnswer: answers updated, history with source import, text kept as text", async () => {
    const script = '<script>alert("x")</script> & <b>bold</b>';
    const filled = await fillAnswers(await exportBytes(mdContributor), {
      "ge.02": { value: "partially" },
      "ge.03": { value: "na", justification: script },
      "cv.02": { value: 42 },
      "cv.03": { value: "37,5" },
    });
    const historyBefore = await count("answer_history");
    const res = await importXlsx(mdContributor, filled);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, dryRun: false, changed: 4, problems: [] });
    expect(res.json().unchanged).toBe(framework.indicators.length - 4);
    expect(await count("answer_history")).toBe(historyBefore + 4);

    const now = await answersOf(mdContributor);
    expect(now.get("ge.02")).toMatchObject({ value: "partially", version: 1 });
    expect(now.get("ge.03")).toMatchObject({ value: "na", justification: script });
    expect(now.get("cv.02")).toMatchObject({ value: 42 });
    expect(now.get("cv.03")).toMatchObject({ value: 37.5 });
    expect(now.get("ge.01")).toMatchObject({ value: "yes", version: 1 });

    const history = await app.inject({
      method: "GET",
      url: `/api/assessments/${ids.MD}/answers/ge.03/history`,
      headers: mdContributor.headers,
    });
    expect(history.json()[0]).toMatchObject({
      source: "import",
      reason: "XLSX import assessment-MD-2026.xlsx",
      after: { value: "na", justification: script },
    });
    // The same workbook again changes nothing: equal values are not conflicts.
    const again = await importXlsx(mdContributor, filled);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ ok: true, changed: 0 });
    expect(await count("answer_history")).toBe(historyBefore + 4);
  });

  it("with dryRun reports what would change and writes nothing", async () => {
    const filled = await fillAnswers(await exportBytes(mdContributor), { "ge.04": { value: "no" } });
    const before = await count("answer_history");
    const res = await importXlsx(mdContributor, filled, { query: "?dryRun=true" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, dryRun: true, changed: 1 });
    expect(await count("answer_history")).toBe(before);
    expect((await answersOf(mdContributor)).get("ge.04")).toBeUndefined();
  });

  it("refuses a workbook with one bad row among good ones: 400 with its row and column, nothing written", async () => {
    const exported = await exportBytes(mdContributor);
    const ws = await sheetOf(exported);
    const filled = await fillAnswers(exported, {
      "ge.05": { value: "yes" },
      "ge.08": { value: "maybe" },
      "cv.05": { value: 7 },
    });
    const before = [await count("answers"), await count("answer_history")];
    const res = await importXlsx(mdContributor, filled);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { ok: boolean; problems: Problem[] };
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([
      expect.objectContaining({
        sheet: "answers",
        row: rowOf(ws, "ge.08"),
        column: ws.getColumn(columnOf(ws, "value")).letter,
        field: "value",
        indicator: "ge.08",
        message: expect.stringMatching(/"maybe" is not a checklist answer/),
      }),
    ]);
    expect([await count("answers"), await count("answer_history")]).toEqual(before);
    expect((await answersOf(mdContributor)).get("ge.05")).toBeUndefined();
  });

  it("reports every kind of bad row with its column: unknown code, duplicate, na without justification, not a number, edited version", async () => {
    const exported = await exportBytes(mdContributor);
    const wb = await openWorkbook(exported);
    const ws = wb.getWorksheet("answers")!;
    const col = (h: string) => columnOf(ws, h);
    const set = (code: string, header: string, value: ExcelJS.CellValue) => {
      ws.getRow(rowOf(ws, code)).getCell(col(header)).value = value;
    };
    set("ge.09", "value", "na");
    set("cv.16", "value", "lots");
    set("cv.18", "version", "abc");
    ws.getRow(rowOf(ws, "cv.19")).getCell(col("indicator")).value = "zz.99";
    const last = ws.rowCount;
    const copy = ws.getRow(last + 1);
    copy.getCell(col("indicator")).value = "ge.01";
    copy.getCell(col("value")).value = "no";
    copy.getCell(col("version")).value = 1;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await count("answer_history");
    const res = await importXlsx(mdContributor, bytes);
    expect(res.statusCode).toBe(400);
    const problems = res.json().problems as Problem[];
    const byIndicator = new Map(problems.map((p) => [p.indicator, p]));
    expect(byIndicator.get("ge.09")).toMatchObject({
      field: "justification",
      message: expect.stringMatching(/needs a justification/),
    });
    expect(byIndicator.get("cv.16")).toMatchObject({
      field: "value",
      message: expect.stringMatching(/not a number/),
    });
    expect(byIndicator.get("cv.18")).toMatchObject({ field: "version", row: rowOf(ws, "cv.18") });
    expect(byIndicator.get("zz.99")).toMatchObject({
      field: "indicator",
      message: expect.stringMatching(/unknown indicator/),
    });
    expect(byIndicator.get("ge.01")).toMatchObject({
      row: last + 1,
      message: expect.stringMatching(/appears twice/),
    });
    expect(problems).toHaveLength(5);
    expect(await count("answer_history")).toBe(before);
  });

  it("reports a stale version as a conflict with the current value, and writes nothing", async () => {
    const exported = await exportBytes(mdContributor);
    expect((await put(mdCoordinator, "ge.10", { value: "no", expectedVersion: 0 })).statusCode).toBe(200);
    const filled = await fillAnswers(exported, { "ge.10": { value: "yes" }, "ge.11": { value: "yes" } });
    const before = await count("answer_history");
    const res = await importXlsx(mdContributor, filled);
    expect(res.statusCode).toBe(400);
    const [conflict] = res.json().problems as Problem[];
    expect(conflict).toMatchObject({
      indicator: "ge.10",
      field: "version",
      message: expect.stringMatching(/conflict: ge\.10 was changed by coordinator MD/),
      current: { value: "no", version: 1, updatedBy: "coordinator MD" },
    });
    expect(await count("answer_history")).toBe(before);
    expect((await answersOf(mdContributor)).get("ge.11")).toBeUndefined();
  });

  it("lets a section-limited contributor send back the whole workbook but change only their sections", async () => {
    const exported = await exportBytes(sectionContributor);
    const ok = await importXlsx(
      sectionContributor,
      await fillAnswers(exported, { "ge.12": { value: "yes" } }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().changed).toBe(1);
    const outside = await importXlsx(
      sectionContributor,
      await fillAnswers(await exportBytes(sectionContributor), {
        "ge.13": { value: "yes" },
        "cv.19": { value: 3 },
      }),
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().problems).toEqual([
      expect.objectContaining({
        indicator: "cv.19",
        field: "indicator",
        message: expect.stringMatching(/outside the sections/),
      }),
    ]);
    expect((await answersOf(sectionContributor)).get("ge.13")).toBeUndefined();
  });

  it("refuses a Georgia contributor importing into Moldova (403), a viewer (403) and a signed-out user (401)", async () => {
    const filled = await fillAnswers(await exportBytes(mdContributor), { "ge.14": { value: "yes" } });
    expect((await importXlsx(geContributor, filled)).statusCode).toBe(403);
    expect((await importXlsx(mdViewer, filled)).statusCode).toBe(403);
    expect((await importXlsx(null, filled)).statusCode).toBe(401);
    expect((await answersOf(mdContributor)).get("ge.14")).toBeUndefined();
  });

  it("refuses a Moldova workbook imported into Georgia's assessment, naming the read-me cell", async () => {
    const geCoordinator = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }] }),
    );
    const filled = await fillAnswers(await exportBytes(mdContributor), { "ge.15": { value: "yes" } });
    const res = await importXlsx(geCoordinator, filled, { country: "GE" });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems[0]).toMatchObject({
      sheet: "read me",
      column: "B",
      message: expect.stringMatching(/another assessment/),
    });
  });

  it("refuses a file that is not XLSX and a zip that is not a workbook with a clear message", async () => {
    const text = await importXlsx(mdContributor, Buffer.from("indicator,value\nge.01,yes\n"), {
      name: "answers.csv",
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatch(/answers\.csv is not an XLSX spreadsheet/);
    const zip = await importXlsx(mdContributor, storedZip({ "hello.txt": "hello" }), {
      name: "archive.xlsx",
    });
    expect(zip.statusCode).toBe(400);
    expect(zip.json().error).toBe("archive.xlsx has no worksheets");
    expect(zip.json().details.join(" ")).toMatch(/export the assessment again/);
    const other = new ExcelJS.Workbook();
    other.addWorksheet("data").addRow(["indicator", "value"]);
    const wrongSheets = await importXlsx(mdContributor, Buffer.from(await other.xlsx.writeBuffer()));
    expect(wrongSheets.statusCode).toBe(400);
    expect(wrongSheets.json().problems[0].message).toMatch(/no "answers" sheet.*sheets found: data/);
    const noFile = await app.inject({
      method: "POST",
      url: `/api/assessments/${ids.MD}/import`,
      headers: { ...mdContributor.headers, "content-type": "application/json" },
      payload: {},
    });
    expect(noFile.statusCode).toBe(400);
  });

  it("refuses an upload over 20 MB with 413", async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 1);
    big.write("PK\u0003\u0004", 0, "latin1");
    const res = await importXlsx(mdContributor, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/over the limit of 20 MB/);
    // Under the limit, the app's 1 MB JSON body limit does not apply to the upload.
    const medium = Buffer.alloc(5 * 1024 * 1024, 1);
    const under = await importXlsx(mdContributor, medium, { name: "five.xlsx" });
    expect(under.statusCode).toBe(400);
    expect(under.json().error).toMatch(/five\.xlsx is not an XLSX spreadsheet/);
  });

  it("reports a missing required column on row 1", async () => {
    const wb = await openWorkbook(await exportBytes(mdContributor));
    const ws = wb.getWorksheet("answers")!;
    ws.getRow(1).getCell(columnOf(ws, "version")).value = "ver";
    const res = await importXlsx(mdContributor, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([
      expect.objectContaining({
        row: 1,
        message: expect.stringMatching(/required column "version" is missing/),
      }),
    ]);
  });

  it("refuses an import into a locked assessment (409)", async () => {
    const locked = await buildAssessments(db, { countries: ["MD"], status: "validated" });
    const exported = await app.inject({
      method: "GET",
      url: `/api/assessments/${locked.assessments.MD}/export.xlsx`,
      headers: mdContributor.headers,
    });
    expect(exported.statusCode).toBe(200);
    const filled = await fillAnswers(exported.rawPayload, { "ge.01": { value: "no" } });
    const res = await importXlsx(mdContributor, filled, { id: locked.assessments.MD });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatch(/validated: answers are locked/);
  });

  it("documents both routes in OpenAPI", async () => {
    const res = await app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    type Operation = { parameters?: { name: string }[] };
    const paths = res.json().paths as Record<string, Record<string, Operation>>;
    expect(paths["/api/assessments/{id}/export.xlsx"]?.get?.parameters?.map((p) => p.name)).toContain("lang");
    expect(paths["/api/assessments/{id}/import"]?.post?.parameters?.map((p) => p.name)).toContain("dryRun");
  });
});
