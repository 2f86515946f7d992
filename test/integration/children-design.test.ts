import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import type { ConsultationDefinition } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { readConsultationXlsForm } from "../../src/server/children/xlsform.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { loadExcelJs } from "../../src/server/exceljs.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { wavBytes } from "../support/children-factories.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";
import { multipartBody } from "./evidence-files.ts";

const SHARED = process.env.CHILDMARK_SHARED_DATA ?? join(import.meta.dirname, "../../../shared/data");

/** A Kobo "XML values and headers" export: `;` between cells, group names in headers, personal columns. */
function koboCsv(rows: string[][]): Buffer {
  const header = [
    "start",
    "end",
    "today",
    "deviceid",
    "child_name",
    "school/phone",
    "age_band",
    "gender",
    "school/heard",
    "school/heard__8_12",
    "safe",
    "help",
    "help/family",
    "help/teacher",
    "help/nobody",
    "age",
    "wish",
    "_id",
    "_uuid",
    "_submission_time",
    "_submitted_by",
  ];
  return Buffer.from(`\ufeff${[header, ...rows].map((r) => r.join(";")).join("\r\n")}\r\n`);
}

function koboRow(over: Partial<Record<string, string>> & { uuid: string }): string[] {
  const v = {
    age_band: "13-17",
    gender: "girl",
    heard: "yes",
    heard812: "",
    safe: "4",
    help: "family teacher",
    age: "14",
    wish: "More time to play",
    ...over,
  };
  return [
    "2026-11-02T09:00:00.000+02:00",
    "2026-11-02T09:05:00.000+02:00",
    "2026-11-02",
    "enketo.ee:CanaryDevice",
    "Canary Childname",
    "+37360000000",
    v.age_band,
    v.gender,
    v.heard,
    v.heard812,
    v.safe,
    v.help,
    "1",
    "1",
    "0",
    v.age,
    v.wish,
    "123",
    v.uuid,
    "2026-11-02T07:05:00",
    "canary_enumerator",
  ];
}

describeEachDatabase(
  "designing a children's consultation: versions, audio, XLSForm, Kobo, audit",
  (database) => {
    let app: FastifyInstance;
    let coordinator: Session;
    let viewer: Session;
    let organisationId: string;
    let id: string;
    let code: string;

    beforeAll(async () => {
      process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-children-design-"));
      const { db } = database();
      await seedReference(db);
      app = await buildApp({ database: database() });
      organisationId = await buildOrganisation(db, { country: "MD" });
      coordinator = await signInAs(
        app,
        await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
      );
      viewer = await signInAs(
        app,
        await buildUser(db, { grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }] }),
      );
    });
    afterAll(async () => {
      await app?.close();
    });

    const as = (session: Session, method: string, url: string, payload?: object) =>
      app.inject({ method: method as "GET", url, payload, headers: session.headers });
    const send = (
      session: Session,
      url: string,
      file: { filename: string; content: Buffer },
      fields = {},
    ) => {
      const { payload, headers } = multipartBody(file, fields);
      return app.inject({ method: "POST", url, payload, headers: { ...session.headers, ...headers } });
    };
    const audit = async (action: string) =>
      queryRows<{ action: string; target_id: string; details: Record<string, unknown> }>(
        database().db,
        sql`select action, target_id, details from audit_events where action = ${action} order by id`,
      );

    it("keeps each saved version in the history and refuses a stale version with 409", async () => {
      const created = await as(coordinator, "POST", "/api/children/consultations", {
        organisationId,
        definition: SAMPLE_DEFINITION,
      });
      expect(created.statusCode).toBe(201);
      id = created.json().id;
      const changed: ConsultationDefinition = {
        ...SAMPLE_DEFINITION,
        title: { ...SAMPLE_DEFINITION.title, en: "Being heard at school and at home" },
      };
      const put = (expectedVersion: number, definition: object) =>
        as(coordinator, "PUT", `/api/children/consultations/${id}`, { expectedVersion, definition });
      expect((await put(1, changed)).statusCode).toBe(204);
      const stale = await put(1, SAMPLE_DEFINITION);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toContain("version 2");
      // A clear message naming the question and what to fix.
      const bad = await put(2, {
        ...changed,
        questions: [...changed.questions, { code: "heard", type: "yes-no", text: { en: "Again?" } }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("question heard appears twice");
      expect((await put(2, { ...changed, ageBands: [] })).statusCode).toBe(400);
      const history = await queryRows<{ version: number; title: string | null; after_title: string }>(
        database().db,
        sql`select version, before->'title'->>'en' as title, after->'title'->>'en' as after_title
          from consultation_history where consultation_id = ${id} order by version`,
      );
      expect(history).toEqual([
        { version: 1, title: null, after_title: "Being heard at school" },
        { version: 2, title: "Being heard at school", after_title: "Being heard at school and at home" },
      ]);
      expect(
        (
          await as(viewer, "PUT", `/api/children/consultations/${id}`, {
            expectedVersion: 2,
            definition: changed,
          })
        ).statusCode,
      ).toBe(403);
    });

    it("takes a question's recording checked by content and plays it on the child's page only while open", async () => {
      const url = `/api/children/consultations/${id}/audio`;
      const fake = await send(coordinator, url, {
        filename: "question.mp3",
        content: Buffer.from("not a sound at all"),
      });
      expect(fake.statusCode).toBe(400);
      expect(fake.json().error).toContain("not MP3 audio");
      const pdf = await send(coordinator, url, {
        filename: "question.pdf",
        content: Buffer.from("%PDF-1.4\n"),
      });
      expect(pdf.statusCode).toBe(400);
      expect(pdf.json().error).toContain("MP3, M4A, OGG, OPUS, WAV or WEBM");
      process.env.CHILDMARK_MAX_AUDIO_MB = "0.001";
      const big = await send(coordinator, url, { filename: "long.wav", content: wavBytes(1000) });
      delete process.env.CHILDMARK_MAX_AUDIO_MB;
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toContain("CHILDMARK_MAX_AUDIO_MB");
      expect((await send(viewer, url, { filename: "q.wav", content: wavBytes() })).statusCode).toBe(403);
      const ok = await send(coordinator, url, { filename: "heard.wav", content: wavBytes() });
      expect(ok.statusCode).toBe(201);
      const audioId = ok.json().id as string;

      const current = (await as(coordinator, "GET", `/api/children/consultations/${id}`)).json();
      const withAudio = (audio: string) => ({
        ...current.definition,
        questions: current.definition.questions.map((q: { code: string }) =>
          q.code === "heard" ? { ...q, audio } : q,
        ),
      });
      const unknown = await as(coordinator, "PUT", `/api/children/consultations/${id}`, {
        expectedVersion: current.version,
        definition: withAudio("00000000-0000-4000-8000-000000000000"),
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().details[0]).toContain("questions.0.audio");
      const saved = await as(coordinator, "PUT", `/api/children/consultations/${id}`, {
        expectedVersion: current.version,
        definition: withAudio(audioId),
      });
      expect(saved.statusCode).toBe(204);
      const played = await as(viewer, "GET", `/api/children/consultations/${id}/audio/${audioId}`);
      expect(played.statusCode).toBe(200);
      expect(played.headers["content-type"]).toBe("audio/wav");
      expect(played.rawPayload.equals(wavBytes())).toBe(true);

      const session = await as(coordinator, "POST", `/api/children/consultations/${id}/sessions`, {
        label: "Class 4A",
      });
      code = session.json().code;
      const childUrl = `/api/children/join/${code}/audio/${audioId}`;
      expect((await app.inject({ url: childUrl })).statusCode).toBe(404);
      expect(
        (await as(coordinator, "POST", `/api/children/consultations/${id}/status`, { status: "open" }))
          .statusCode,
      ).toBe(204);
      const child = await app.inject({ url: childUrl });
      expect(child.statusCode).toBe(200);
      expect(child.headers["set-cookie"]).toBeUndefined();
      expect(child.headers["x-content-type-options"]).toBe("nosniff");
      expect((await app.inject({ url: `/api/children/join/${code}` })).json().questions[0].audio).toBe(
        audioId,
      );
      const opened = await audit("children.consultation-opened");
      expect(opened.map((e) => e.target_id)).toContain(id);
    });

    it("exports the questionnaire as an XLSForm that reads back to the same questions, versions and links", async () => {
      const res = await as(viewer, "GET", `/api/children/consultations/${id}/xlsform`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toContain("xlsform.xlsx");
      const { definition, report } = await readConsultationXlsForm(res.rawPayload, "form.xlsx");
      const original = (await as(coordinator, "GET", `/api/children/consultations/${id}`)).json().definition;
      const withoutAudio = {
        ...original,
        questions: original.questions.map(({ audio: _audio, ...q }: { audio?: string }) => q),
      };
      expect(definition).toEqual(withoutAudio);
      expect(report.map((r) => r.reason)).toEqual([
        "children choose their gender from Childmark's own list (girl, boy, other, rather not say)",
      ]);
      const book = new (await loadExcelJs()).Workbook();
      await book.xlsx.load(res.rawPayload as never);
      const names: string[] = [];
      book
        .getWorksheet("survey")!
        .getColumn(2)
        .eachCell((c) => {
          names.push(String(c.value));
        });
      expect(names).toContain("heard__8_12");
      expect(names).toContain("age_band");
    });

    it("imports an XLSForm as a new draft, saying what was not mapped; a bad form is refused by survey row", async () => {
      const url = "/api/children/consultations/xlsform-imports";
      const spec = readFileSync(join(SHARED, "xlsform/xlsform_spec_test.xlsx"));
      const imported = await send(
        coordinator,
        url,
        { filename: "xlsform_spec_test.xlsx", content: spec },
        { organisationId },
      );
      expect(imported.statusCode, imported.body).toBe(201);
      const body = imported.json();
      expect(body.questions).toBeGreaterThan(0);
      const actions = new Set(body.report.map((r: { action: string }) => r.action));
      expect(actions.has("assumed")).toBe(true);
      expect(body.report.some((r: { reason: string }) => r.reason.includes("age_band"))).toBe(true);
      const draft = (await as(coordinator, "GET", `/api/children/consultations/${body.id}`)).json();
      expect(draft.status).toBe("draft");
      expect(draft.definition.ageBands.map((b: { code: string }) => b.code)).toEqual(["8-17"]);
      for (const name of ["yes_or_no_question.xlsx", "group.xlsx", "choice_filter_test.xlsx"]) {
        const r = await send(
          coordinator,
          url,
          { filename: name, content: readFileSync(join(SHARED, `xlsform/${name}`)) },
          { organisationId },
        );
        expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
      }
      const yesNo = (
        await send(
          coordinator,
          url,
          {
            filename: "yes_or_no_question.xlsx",
            content: readFileSync(join(SHARED, "xlsform/yes_or_no_question.xlsx")),
          },
          { organisationId },
        )
      ).json();
      const yesNoDraft = (await as(coordinator, "GET", `/api/children/consultations/${yesNo.id}`)).json();
      expect(yesNoDraft.definition.questions[0].type).toBe("yes-no");

      // A form whose only question is of a type children cannot answer: refused, nothing made.
      const book = new (await loadExcelJs()).Workbook();
      const survey = book.addWorksheet("survey");
      survey.addRow(["type", "name", "label"]);
      survey.addRow(["geopoint", "where", "Where are you?"]);
      survey.addRow(["select_one colours", "colour", "Favourite colour"]);
      book.addWorksheet("choices").addRow(["list_name", "name", "label"]);
      const bad = await send(
        coordinator,
        url,
        { filename: "bad.xlsx", content: Buffer.from(await book.xlsx.writeBuffer()) },
        { organisationId },
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toContain(
        "survey row 3 (colour) options: a choice question needs at least 2 options",
      );
      expect(
        (await send(viewer, url, { filename: "x.xlsx", content: spec }, { organisationId })).statusCode,
      ).toBe(403);
      const events = await audit("children.questionnaire-imported");
      expect(events.length).toBe(5);
    });

    it("imports Kobo's CSV and XLSX exports in one transaction, dropping personal columns and naming bad cells", async () => {
      const url = `/api/children/consultations/${id}/kobo-imports`;
      const count = async () =>
        (
          await queryRows<{ n: number }>(
            database().db,
            sql`select count(*)::int as n from consultation_submissions where consultation_id = ${id} and source = 'kobo'`,
          )
        )[0]!.n;
      const badCsv = koboCsv([
        koboRow({ uuid: "u-1" }),
        koboRow({ uuid: "u-2", safe: "7" }),
        koboRow({ uuid: "u-3", age_band: "5-7" }),
        koboRow({ uuid: "u-4", help: "family dragon" }),
      ]);
      const bad = await send(coordinator, url, { filename: "kobo.csv", content: badCsv });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toEqual([
        'row 3, column safe: answer one of 1, 2, 3, 4, 5 (found "7")',
        'row 4, column age_band: "5-7" is not an age band (8-12, 13-17)',
        'row 5, column help: answer one or more of the options, each once (found "family dragon")',
      ]);
      expect(await count()).toBe(0);
      // The mapping step counts the same refusals by column and reason, before any import.
      const badPreview = await send(coordinator, `${url}/preview`, { filename: "kobo.csv", content: badCsv });
      expect(badPreview.statusCode, badPreview.body).toBe(200);
      expect(badPreview.json()).toMatchObject({
        rows: 4,
        ready: 1,
        refusedRows: 3,
        emptyRows: 0,
        needConsent: 0,
      });
      expect(badPreview.json().refusals).toEqual([
        { column: "safe", reason: "answer one of 1, 2, 3, 4, 5", rows: 1, examples: ["7"] },
        { column: "age_band", reason: "is not an age band (8-12, 13-17)", rows: 1, examples: ["5-7"] },
        {
          column: "help",
          reason: "answer one or more of the options, each once",
          rows: 1,
          examples: ["family dragon"],
        },
      ]);
      expect(badPreview.json().problems.slice(1)).toEqual(bad.json().details);
      expect(
        badPreview.json().columns.find((c: { column: string }) => c.column === "help/family"),
      ).toMatchObject({ target: null, partOf: "help" });
      expect(await count()).toBe(0);

      const young = koboRow({ uuid: "u-6", age_band: "8-12", heard: "", heard812: "not_sure", wish: "" });
      const csv = koboCsv([
        koboRow({ uuid: "u-1" }),
        koboRow({ uuid: "u-2", gender: "rather_not_say" }),
        young,
      ]);
      const noConsent = await send(coordinator, url, { filename: "kobo.csv", content: csv });
      expect(noConsent.statusCode).toBe(400);
      expect(noConsent.json().error).toContain("guardianConsentConfirmed");
      const ok = await send(
        coordinator,
        url,
        { filename: "kobo.csv", content: csv },
        { guardianConsentConfirmed: "true" },
      );
      expect(ok.statusCode, ok.body).toBe(201);
      const result = ok.json();
      expect(result.stored).toBe(3);
      expect(result.mapped.map((m: { column: string }) => m.column)).toEqual([
        "age_band",
        "gender",
        "school/heard",
        "school/heard__8_12",
        "safe",
        "help",
        "age",
        "wish",
      ]);
      const dropped = result.dropped.map((d: { column: string }) => d.column);
      for (const column of [
        "child_name",
        "school/phone",
        "deviceid",
        "_submitted_by",
        "_uuid",
        "help/family",
      ])
        expect(dropped).toContain(column);
      expect(result.dropped.find((d: { column: string }) => d.column === "child_name").reason).toContain(
        "personal",
      );
      expect(await count()).toBe(3);

      // The same export again: recognised, nothing stored twice.
      const again = await send(
        coordinator,
        url,
        { filename: "kobo.csv", content: csv },
        { guardianConsentConfirmed: "true" },
      );
      expect(again.json()).toMatchObject({ stored: 0, already: 3 });

      // Kobo's XLSX export with labels as headers.
      const book = new (await loadExcelJs()).Workbook();
      const sheet = book.addWorksheet("Being heard");
      sheet.addRow([
        "_uuid",
        "age_band",
        "Do adults at school listen to you?",
        "How safe do you feel?",
        "Your name",
      ]);
      sheet.addRow(["x-1", "13-17", "no", 2, "Canary Childname"]);
      sheet.addRow(["x-2", "13-17", "yes", 5, "Canary Childname"]);
      const xlsx = await send(coordinator, url, {
        filename: "kobo.xlsx",
        content: Buffer.from(await book.xlsx.writeBuffer()),
      });
      expect(xlsx.statusCode, xlsx.body).toBe(201);
      expect(xlsx.json().stored).toBe(2);
      expect(await count()).toBe(5);

      // Columns named after the paper form (Q1, Q2): the mapping step matches what it can, the user the rest.
      const paper = Buffer.from(
        "_uuid;age_band;Q1;Q2;Pupil\np-1;13-17;no;3;Canary Childname\np-2;13-17;yes;5;Canary Childname\n",
      );
      const preview = (mapping?: object) =>
        send(
          coordinator,
          `${url}/preview`,
          { filename: "paper.csv", content: paper },
          mapping ? { mapping: JSON.stringify(mapping) } : {},
        );
      const auto = (await preview()).json();
      expect(auto.rows).toBe(2);
      expect(auto.columns.find((c: { column: string }) => c.column === "age_band")).toMatchObject({
        target: "age_band",
        automatic: true,
      });
      expect(auto.columns.find((c: { column: string }) => c.column === "Q1")).toMatchObject({
        target: null,
        samples: ["no", "yes"],
      });
      expect(auto.columns.find((c: { column: string }) => c.column === "_uuid")).toMatchObject({
        kobo: true,
        samples: [],
      });
      expect(auto.problems[0]).toMatch(/no column matches a question/);
      const chosen = { Q1: "heard", Q2: "safe", Pupil: "" };
      const mapped = (await preview(chosen)).json();
      expect(mapped.problems).toEqual([]);
      expect(mapped.columns.find((c: { column: string }) => c.column === "Q2")).toMatchObject({
        target: "safe",
        automatic: false,
      });
      expect(await count()).toBe(5);
      const wrong = await preview({ Q1: "nope", Q9: "heard" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().details).toEqual([
        'mapping: column "Q1" → "nope" is not a question of this consultation',
        'mapping: the file has no column "Q9"',
      ]);
      const imported = await send(
        coordinator,
        url,
        { filename: "paper.csv", content: paper },
        { mapping: JSON.stringify(chosen) },
      );
      expect(imported.statusCode, imported.body).toBe(201);
      expect(imported.json()).toMatchObject({ stored: 2 });
      expect(imported.json().dropped).toContainEqual({
        column: "Pupil",
        reason: "left out in the column mapping: not stored",
      });
      expect(await count()).toBe(7);

      const dump = JSON.stringify(
        await queryRows(
          database().db,
          sql`select s.*, a.* from consultation_submissions s join consultation_answers a on a.submission_id = s.id
            where s.consultation_id = ${id}`,
        ),
      );
      for (const personal of ["Canary", "37360000000", "canary_enumerator", "u-1", "09:05"])
        expect(dump).not.toContain(personal);
      expect(dump).toContain("2026-11-02");
      const events = await audit("children.results-imported");
      expect(events.map((e) => e.details.stored)).toEqual([3, 0, 2, 2]);
      expect(JSON.stringify(events)).not.toContain("Canary Childname");
    });

    it("records closing and moderation in the audit log, without the child's words", async () => {
      const items = (await as(coordinator, "GET", `/api/children/consultations/${id}/moderation`)).json();
      expect(items.length).toBeGreaterThan(0);
      const item = items[0];
      const decided = await as(
        coordinator,
        "PUT",
        `/api/children/consultations/${id}/moderation/${item.submissionId}/${item.questionCode}`,
        { decision: "reject", expectedVersion: item.version },
      );
      expect(decided.statusCode).toBe(204);
      const moderated = await audit("children.answer-moderated");
      expect(moderated).toHaveLength(1);
      expect(moderated[0]!.details).toMatchObject({ question: "wish", decision: "rejected" });
      expect(JSON.stringify(moderated)).not.toContain(item.text);
      expect(
        (await as(coordinator, "POST", `/api/children/consultations/${id}/status`, { status: "closed" }))
          .statusCode,
      ).toBe(204);
      const closed = await audit("children.consultation-closed");
      expect(closed.map((e) => e.target_id)).toEqual([id]);
      // Closed: no more Kobo answers.
      const late = await send(coordinator, `/api/children/consultations/${id}/kobo-imports`, {
        filename: "kobo.csv",
        content: koboCsv([koboRow({ uuid: "late" })]),
      });
      expect(late.statusCode).toBe(409);
    });
  },
);
