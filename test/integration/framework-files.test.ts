import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkFrameworkFile } from "../../src/cli/commands/framework-validate.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { DEMO_FRAMEWORK_PATH } from "../../src/server/demo/demo-framework.ts";
import { problemLines } from "../../src/server/frameworks/check-framework-file.ts";
import { readXlsForm } from "../../src/server/frameworks/xlsx/read-xlsform.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";
import { multipartBody } from "./evidence-files.ts";

describeEachDatabase("framework files in the web app", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let viewer: Session;
  let demo: Buffer;
  let folder: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    viewer = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] }),
    );
    demo = await readFile(DEMO_FRAMEWORK_PATH);
    folder = await mkdtemp(join(tmpdir(), "childmark-framework-files-"));
  });
  afterAll(async () => {
    await app?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const send = (session: Session, url: string, filename: string, content: Buffer) => {
    const { payload, headers } = multipartBody({ filename, content });
    return app.inject({ method: "POST", url, payload, headers: { ...session.headers, ...headers } });
  };

  it("checks a broken file with the very lines the CLI prints, and stores nothing", async () => {
    const broken = JSON.parse(demo.toString("utf8"));
    broken.indicators[0].node = "nowhere";
    broken.bands[0].min = "low";
    const bytes = Buffer.from(JSON.stringify(broken));
    const res = await send(admin, "/api/frameworks/checks", "broken.json", bytes);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    const file = join(folder, "broken.json");
    await writeFile(file, bytes);
    const cli = problemLines(await checkFrameworkFile(file));
    expect(cli.length).toBeGreaterThanOrEqual(1);
    expect(cli.join(" ")).toMatch(/bands/);
    expect(body.problems).toEqual(cli);
    const imported = await send(admin, "/api/frameworks/imports", "broken.json", bytes);
    expect(imported.statusCode).toBe(400);
    expect(imported.json().details).toEqual(cli);
    expect((await app.inject("/api/frameworks")).json()).toEqual([]);
  });

  it("previews a valid file, imports it once and exports it as an XLSForm shaped like ODK's samples", async () => {
    const check = (await send(admin, "/api/frameworks/checks", "demo.json", demo)).json();
    expect(check.valid).toBe(true);
    expect(check.summary).toMatch(/nodes, \d+ indicators/);
    expect(check.preview.versionExists).toBe(false);
    expect(check.preview.sections.length).toBeGreaterThan(3);
    expect(check.preview.indicators.length).toBeGreaterThan(0);

    const res = await send(admin, "/api/frameworks/imports", "demo.json", demo);
    expect(res.statusCode).toBe(201);
    const { versionId } = res.json();
    const again = await send(admin, "/api/frameworks/imports", "demo.json", demo);
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatch(/already has a version/);
    expect(
      (await send(admin, "/api/frameworks/checks", "demo.json", demo)).json().preview.versionExists,
    ).toBe(true);

    const form = await app.inject(`/api/frameworks/${versionId}/xlsform`);
    expect(form.statusCode).toBe(200);
    expect(form.headers["content-disposition"]).toMatch(/xlsform\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(form.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["survey", "choices", "settings"]);
    const headers = (name: string) => (book.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    // The sample forms of pyxform's test suite: the same sheets and the same leading columns.
    if (hasSharedData) {
      const sample = new ExcelJS.Workbook();
      await sample.xlsx.readFile(sharedData("xlsform", "xlsform_spec_test.xlsx"));
      const sampleHeaders = (name: string) =>
        (sample.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
      expect(headers("survey").slice(0, 2)).toEqual(sampleHeaders("survey").slice(0, 2));
      expect(headers("choices").slice(0, 2)).toEqual(sampleHeaders("choices").slice(0, 2));
      expect(headers("settings").slice(0, 2)).toEqual(sampleHeaders("settings").slice(0, 2));
    }
    expect(headers("survey")).toContain("label::English (en)");
    expect(headers("settings")).toEqual(
      expect.arrayContaining(["form_title", "form_id", "default_language"]),
    );
    const types = new Set<string>();
    book.getWorksheet("survey")!.eachRow((row, n) => {
      if (n > 1) types.add(String(row.getCell(1).value).split(" ")[0]!);
    });
    expect([...types].sort()).toEqual(
      expect.arrayContaining(["begin", "decimal", "end", "select_one", "text"]),
    );

    // Read back: the same indicators with the same types, in the same sections.
    const original = JSON.parse(demo.toString("utf8")) as { indicators: { code: string; type: string }[] };
    const { framework } = await readXlsForm(new Uint8Array(form.rawPayload), "demo-xlsform.xlsx");
    const typeOf = (t: string) => (t === "percentage" ? "number" : t);
    expect(framework.indicators.map((i) => [i.code, i.type])).toEqual(
      original.indicators.map((i) => [i.code.replace(/[^A-Za-z0-9_.-]/g, "_"), typeOf(i.type)]),
    );
  });

  it("refuses the check and the import to those who may not manage frameworks", async () => {
    for (const url of ["/api/frameworks/checks", "/api/frameworks/imports"]) {
      expect((await send(viewer, url, "demo.json", demo)).statusCode).toBe(403);
    }
  });
});
