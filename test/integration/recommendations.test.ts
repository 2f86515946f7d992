import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { readTable } from "../../src/server/recommendations/read-table.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { multipartBody } from "./evidence-files.ts";

const FIXTURES = "test/fixtures/recommendations";
const UHRI = readFileSync(`${FIXTURES}/uhri-export.csv`);

describeEachDatabase("recommendations: import, search, implementation", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let viewer: Session;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    viewer = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  async function upload(
    file: { filename: string; content: Buffer },
    fields: Record<string, string>,
    as = admin,
  ) {
    const body = multipartBody(file, fields);
    return app.inject({
      method: "POST",
      url: "/api/recommendations/imports",
      payload: body.payload,
      headers: { ...as.headers, ...body.headers },
    });
  }
  async function search(query: string, as: Session | null = viewer) {
    return app.inject({ method: "GET", url: `/api/recommendations?${query}`, headers: as?.headers });
  }

  it("imports a UHRI export: bodies, bullet lists, Excel dates; merges duplicates; a second import adds nothing", async () => {
    const first = await upload({ filename: "uhri-export.csv", content: UHRI }, { preset: "uhri" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ rowsRead: 7, added: 6, duplicatesInFile: 1, alreadyStored: 0 });
    expect(first.json().duplicates).toEqual([{ line: 16, sameAsLine: 7 }]);

    const crc = (await search("mechanism=crc&q=%22corporal+punishment%22")).json();
    expect(crc.total).toBe(1);
    expect(crc.items[0]).toMatchObject({
      stateCode: "MD",
      stateName: "Republic of Moldova",
      documentSymbol: "CRC/C/MDA/CO/4-5",
      themes: ["Corporal punishment"],
      sdgTargets: ["16.2"],
      position: null,
    });
    const detail = await app.inject({
      url: `/api/recommendations/${crc.items[0].id}`,
      headers: viewer.headers,
    });
    expect(detail.json()).toMatchObject({ issuedOn: "2018-02-16", affectedGroups: ["Children"] });

    const trafficking = (await search("q=trafficking&state=MD")).json();
    expect(trafficking.total).toBe(1);
    expect(trafficking.items[0].recommendingStates).toEqual(["Philippines", "Paraguay", "Greece"]);
    expect(trafficking.items[0].themes).toEqual(["Trafficking in persons", "Rights of the child"]);
    const special = (await search("mechanism=special_procedure")).json();
    expect(special.items.map((i: { stateCode: string }) => i.stateCode)).toEqual(["GE"]);

    const again = await upload({ filename: "uhri-export.csv", content: UHRI }, { preset: "uhri" });
    expect(again.json()).toMatchObject({ added: 0, alreadyStored: 6, merged: 0 });
    expect((await search("")).json().total).toBe(6);
  });

  it("reads the same export as XLSX (dates as Excel serial numbers) and finds every row already stored", async () => {
    const table = await readTable(UHRI, "uhri-export.csv");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Export");
    sheet.addRow(table.columns);
    for (const row of table.rows)
      sheet.addRow(
        table.columns.map((c) => (c === "Date of Document" ? Number(row.cells[c]) : row.cells[c])),
      );
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload({ filename: "uhri-export.xlsx", content: xlsx }, { preset: "uhri" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: "xlsx", rowsRead: 7, added: 0, alreadyStored: 6 });
  });

  it("refuses bad files with a message per row or per file, and writes nothing", async () => {
    const before = (await search("")).json().total;
    const bad = await upload(
      { filename: "uhri-bad.csv", content: readFileSync(`${FIXTURES}/uhri-bad.csv`) },
      { preset: "uhri" },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/3 row\(s\) with problems; nothing was imported/);
    // Grouped by kind, each with its lines, then its first messages in full.
    expect(bad.json().details).toEqual([
      "1 row: unknown mechanism — line 2",
      expect.stringMatching(/^ {2}line 2, column Reccomending Body: unknown mechanism "Security Council"/),
      "1 row: empty text — line 3",
      "  line 3, column Recommendation: the recommendation text is empty",
      "1 row: unknown position — line 4",
      expect.stringMatching(/^ {2}line 4, column Position: unknown position "Maybe"/),
      "1 row: unreadable date — line 4",
      expect.stringMatching(/^ {2}line 4, column Date of Document: "not a date" is not a date/),
    ]);
    // "Country" and "Text" are matched by their names; the body is missing.
    const missing = await upload(
      { filename: "x.csv", content: Buffer.from("Country,Text\nGeorgia,Do it\n") },
      { preset: "uhri" },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0]).toBe("missing: mechanism (a column named Reccomending Body)");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("To,Text\r\n", "utf16le")]);
    const encoding = await upload({ filename: "utf16.csv", content: utf16 }, { preset: "upr-info" });
    expect(encoding.statusCode).toBe(400);
    expect(encoding.json().error).toMatch(/not text in UTF-8 or Latin-1.*UTF-16/);
    const huge = await upload(
      { filename: "huge.csv", content: Buffer.alloc(50 * 1024 * 1024, 0x41) },
      { preset: "uhri" },
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatch(/over the limit of 20 MB/);
    const unknownPreset = await upload({ filename: "x.csv", content: UHRI }, { preset: "impact" });
    expect(unknownPreset.statusCode).toBe(400);
    expect((await search("")).json().total).toBe(before);
  });

  it("imports with a saved generic mapping, keeps HTML and scripts as text, reads Latin-1", async () => {
    const saved = await app.inject({
      method: "PUT",
      url: "/api/recommendations/mappings/ngo-sheet",
      headers: admin.headers,
      payload: {
        columns: {
          Pays: "state",
          Texte: "text",
          Organe: "mechanism",
          Statut: "position",
          Articles: "uncrcArticles",
        },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const csv = Buffer.from(
      'Pays;Texte;Organe;Statut;Articles\nGeorgia;"<script>alert(1)</script> Protéger les enfants <b>en ligne</b>";CRC;;"- 16\n- 34"\n'.replace(
        /;/g,
        ",",
      ),
      "latin1",
    );
    const res = await upload(
      { filename: "ngo.csv", content: csv },
      { preset: "generic", mapping: "ngo-sheet" },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: "latin-1", added: 1 });
    const found = (await search("article=34")).json();
    expect(found.items[0].text.en).toBe("<script>alert(1)</script> Protéger les enfants <b>en ligne</b>");
    expect(found.items[0].uncrcArticles).toEqual(["16", "34"]);
    const noMapping = await upload(
      { filename: "ngo.csv", content: csv },
      { preset: "generic", mapping: "nope" },
    );
    expect(noMapping.statusCode).toBe(404);
    const mappings = await app.inject({ url: "/api/recommendations/mappings", headers: admin.headers });
    expect(mappings.json().map((m: { name: string }) => m.name)).toContain("ngo-sheet");
  });

  it("searches with phrases, filters and facets; only signed-in users read, only managers import", async () => {
    const all = (await search("")).json();
    expect(all.total).toBe(7);
    expect(all.facets.mechanism).toEqual([
      { value: "crc", count: 3 },
      { value: "upr", count: 2 },
      { value: "cedaw", count: 1 },
      { value: "special_procedure", count: 1 },
    ]);
    expect(all.facets.position).toEqual([
      { value: "none", count: 5 },
      { value: "noted", count: 1 },
      { value: "supported", count: 1 },
    ]);
    expect(all.facets.state).toEqual(
      [
        { value: "Georgia", count: 3 },
        { value: "Republic of Moldova", count: 4 },
      ].sort((a, b) => b.count - a.count),
    );
    // A phrase matches words in that order only; stemming finds "educated" for "education".
    expect((await search("q=%22inclusive+education%22")).json().total).toBe(1);
    expect((await search("q=%22education+inclusive%22")).json().total).toBe(0);
    expect((await search("q=education+-girls")).json().total).toBe(1);
    expect((await search("position=supported&session=32")).json().total).toBe(1);
    expect((await search("theme=Corporal+punishment")).json().total).toBe(1);
    expect((await search("sdg=16.2&state=Republic+of+Moldova")).json().total).toBe(2);
    const paged = (await search("pageSize=2&page=2")).json();
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe(7);
    expect((await search("mechanism=unknown")).statusCode).toBe(400);
    expect((await search("", null)).statusCode).toBe(401);
    const denied = await upload({ filename: "uhri-export.csv", content: UHRI }, { preset: "uhri" }, viewer);
    expect(denied.statusCode).toBe(403);
  });

  it("keeps the government's claim and the coalition's assessment apart, and filters by latest status", async () => {
    const [rec] = (await search("q=%22corporal+punishment%22")).json().items;
    const url = `/api/recommendations/${rec.id}/assessments`;
    const government = await app.inject({
      method: "POST",
      url,
      headers: admin.headers,
      payload: {
        status: "implemented",
        assessedByKind: "government",
        assessedOn: "2025-03-01",
        evidenceText: "Law 123 adopted",
      },
    });
    expect(government.statusCode, government.body).toBe(201);
    const coalition = await app.inject({
      method: "POST",
      url,
      headers: admin.headers,
      payload: {
        status: "partially_implemented",
        assessedByKind: "coalition",
        assessedOn: "2025-06-01",
        evidenceUrl: "https://example.org/report",
        responsibleInstitutions: ["Ministry of Education"],
        dueOn: "2026-12-31",
      },
    });
    expect(coalition.statusCode, coalition.body).toBe(201);
    const timeline = (await app.inject({ url, headers: viewer.headers })).json();
    expect(
      timeline.map((a: { assessedByKind: string; status: string }) => [a.assessedByKind, a.status]),
    ).toEqual([
      ["government", "implemented"],
      ["coalition", "partially_implemented"],
    ]);
    expect((await search("status=partially_implemented")).json().total).toBe(1);
    expect((await search("status=none", admin)).json().total).toBe(6);
    // Tracking is internal to the State's coalition: Moldova's viewer filters Moldova's only.
    const noneForViewer = (await search("status=none")).json();
    expect(noneForViewer.total).toBeGreaterThan(0);
    expect(noneForViewer.total).toBeLessThan(6);
    expect(noneForViewer.items.every((i: { stateCode: string }) => i.stateCode === "MD")).toBe(true);
    const denied = await app.inject({
      method: "POST",
      url,
      headers: viewer.headers,
      payload: { status: "implemented", assessedByKind: "coalition", assessedOn: "2025-03-01" },
    });
    expect(denied.statusCode).toBe(403);
    const badUrl = await app.inject({
      method: "POST",
      url,
      headers: admin.headers,
      payload: {
        status: "implemented",
        assessedByKind: "coalition",
        assessedOn: "2025-03-01",
        evidenceUrl: "javascript:alert(1)",
      },
    });
    expect(badUrl.statusCode).toBe(400);
  });

  it("suggests UNCRC articles and SDG targets with a score, and applies only the tags a person chooses", async () => {
    const [rec] = (await search("q=trafficking")).json().items;
    const suggestions = await app.inject({
      url: `/api/recommendations/${rec.id}/suggestions`,
      headers: viewer.headers,
    });
    expect(suggestions.statusCode, suggestions.body).toBe(200);
    const { uncrcArticles, sdgTargets } = suggestions.json();
    // "combat trafficking in children, in particular for sexual exploitation": articles 34 and 35.
    expect(
      uncrcArticles
        .slice(0, 2)
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(["34", "35"]);
    expect(uncrcArticles).toContainEqual(
      expect.objectContaining({ id: "35", title: "Abduction, sale and trafficking" }),
    );
    expect(uncrcArticles[0].score).toBeGreaterThan(0);
    // 16.2 (trafficking of children) came with the file, so it is not suggested again; 5.2 and 8.7 are.
    expect(rec.sdgTargets).toEqual(["16.2"]);
    expect(
      sdgTargets
        .slice(0, 2)
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(["5.2", "8.7"]);
    expect(uncrcArticles.find((s: { id: string }) => s.id === "35").because).toContain("trafficking");
    expect(sdgTargets.map((s: { id: string }) => s.id)).not.toContain("16.2");
    // Suggesting changed nothing.
    expect((await search("article=35")).json().total).toBe(0);

    const others = (await search("state=GE")).json().items.map((i: { id: string }) => i.id);
    const tag = (payload: object, as = admin) =>
      app.inject({ method: "POST", url: "/api/recommendations/tags", headers: as.headers, payload });
    const accepted = await tag({
      ids: [rec.id, ...others],
      add: { uncrcArticles: ["35", "19"], sdgTargets: ["16.2"] },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ updated: 1 + others.length });
    expect((await search("article=35")).json().total).toBe(1 + others.length);
    await tag({ ids: [rec.id], add: { uncrcArticles: ["35"] }, remove: { uncrcArticles: ["19"] } });
    const detail = (
      await app.inject({ url: `/api/recommendations/${rec.id}`, headers: viewer.headers })
    ).json();
    expect(detail.uncrcArticles).toEqual(["35"]);
    expect(detail.sdgTargets).toEqual(["16.2"]);
    const after = (
      await app.inject({ url: `/api/recommendations/${rec.id}/suggestions`, headers: viewer.headers })
    ).json();
    expect(after.uncrcArticles.map((s: { id: string }) => s.id)).not.toContain("35");

    const unknown = await tag({ ids: [rec.id], add: { uncrcArticles: ["55"], sdgTargets: ["18.1"] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual([
      'add.uncrcArticles: no UNCRC article "55" (1–54)',
      'add.sdgTargets: no SDG target "18.1"',
    ]);
    expect((await tag({ ids: [rec.id], add: { themes: ["x"] } }, viewer)).statusCode).toBe(403);
  });
});
