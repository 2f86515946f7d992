import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { answerHistory, answers, evidenceSources } from "../../src/server/db/schema.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { DOCX, multipartBody, PDF, PNG, XLSX, zipOf } from "./evidence-files.ts";

/** Every file under the uploads folder (relative paths). */
async function storedFiles(): Promise<string[]> {
  try {
    return (await readdir(uploadsDir(), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describeEachDatabase("evidence: sources, uploads checked by content, downloads", (database) => {
  let app: FastifyInstance;
  let dataDir: string;
  let previousDataDir: string | undefined;
  let md: string;
  let ge: string;
  let builtMd: Awaited<ReturnType<typeof buildAssessments>> | undefined;
  const built = () => builtMd!;
  let locked: string;
  let coordinator: Session;
  let contributor: Session;
  let reviewer: Session;
  let georgian: Session;
  const url = (assessment: string, indicator = "cv.01") =>
    `/api/assessments/${assessment}/answers/${indicator}/evidence`;

  beforeAll(async () => {
    previousDataDir = process.env.CHILDMARK_DATA_DIR;
    dataDir = await mkdtemp(join(tmpdir(), "childmark-evidence-"));
    process.env.CHILDMARK_DATA_DIR = dataDir;
    const { db } = database();
    await seedReference(db);
    builtMd = await buildAssessments(db, { countries: ["MD", "GE"] });
    md = builtMd.assessments.MD!;
    ge = builtMd.assessments.GE!;
    locked = (await buildAssessments(db, { countries: ["MD"], status: "submitted" })).assessments.MD!;
    app = await buildApp({ database: database() });
    const grant = (role: "coordinator" | "contributor" | "reviewer", country: string) => ({
      grants: [{ role, scopeType: "country" as const, scopeCode: country }],
    });
    coordinator = await signInAs(
      app,
      await buildUser(db, { ...grant("coordinator", "MD"), name: "Maria Coordinator" }),
    );
    contributor = await signInAs(app, await buildUser(db, grant("contributor", "MD")));
    reviewer = await signInAs(app, await buildUser(db, grant("reviewer", "MD")));
    georgian = await signInAs(app, await buildUser(db, grant("coordinator", "GE")));
  });
  afterAll(async () => {
    await app?.close();
    if (previousDataDir === undefined) delete process.env.CHILDMARK_DATA_DIR;
    else process.env.CHILDMARK_DATA_DIR = previousDataDir;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("adds a citation before any value: the answer is created empty, with history", async () => {
    const res = await app.inject({
      method: "POST",
      url: url(md, "cv.02"),
      headers: coordinator.headers,
      payload: {
        kind: "citation",
        citation: "National Statistics Office, <b>Yearbook</b> 2024, table 3",
        sourceDate: "2024-05",
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: "citation",
      indicator: "cv.02",
      citation: "National Statistics Office, <b>Yearbook</b> 2024, table 3",
      sourceDate: "2024-05",
      file: null,
      createdBy: "Maria Coordinator",
      answerVersion: 1,
    });
    const { db } = database();
    const [answer] = await db.select().from(answers).where(eq(answers.assessmentId, md));
    expect(answer).toMatchObject({ valueText: null, valueNumber: null, version: 1 });
    const history = await db.select().from(answerHistory).where(eq(answerHistory.answerId, answer!.id));
    expect(history.map((h) => h.source)).toEqual(["entry", "evidence"]);
    expect(history[1]!.valueAfter).toMatchObject({ evidence: { id: body.id, kind: "citation" } });

    const list = await app.inject({ url: url(md, "cv.02"), headers: reviewer.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((e: { id: string }) => e.id)).toEqual([body.id]);
  });

  it("takes URL and legal sources, refusing non-http addresses and missing fields (400)", async () => {
    const ok = await app.inject({
      method: "POST",
      url: url(md),
      headers: contributor.headers,
      payload: { kind: "url", url: "https://example.org/report.pdf" },
    });
    expect(ok.statusCode).toBe(201);
    const legal = await app.inject({
      method: "POST",
      url: url(md),
      headers: contributor.headers,
      payload: { kind: "legal", legalReference: "Law 140/2013, art. 5" },
    });
    expect(legal.statusCode).toBe(201);
    for (const payload of [
      { kind: "url", url: "javascript:alert(1)" },
      { kind: "url", url: "file:///etc/passwd" },
      { kind: "citation" },
      { kind: "legal", citation: "no legal reference" },
      { kind: "other", citation: "x" },
      { kind: "citation", citation: "x", sourceDate: "last year" },
    ]) {
      const res = await app.inject({ method: "POST", url: url(md), headers: contributor.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const bad = await app.inject({
      method: "POST",
      url: url(md),
      headers: contributor.headers,
      payload: { kind: "citation" },
    });
    expect(bad.json().details.join(" ")).toMatch(/citation/);
  });

  it("answers 401 signed out, 403 without answer:write or out of country, 404 for unknown things", async () => {
    const payload = { kind: "citation", citation: "x" };
    expect((await app.inject({ method: "POST", url: url(md), payload })).statusCode).toBe(401);
    expect((await app.inject({ url: url(md) })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: "POST", url: url(md), headers: reviewer.headers, payload })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: "POST", url: url(md), headers: georgian.headers, payload })).statusCode,
    ).toBe(403);
    expect((await app.inject({ url: url(md), headers: georgian.headers })).statusCode).toBe(403);
    expect((await app.inject({ url: url(ge), headers: reviewer.headers })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: "POST", url: url(md, "no.such"), headers: coordinator.headers, payload }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: "POST",
          url: url("00000000-0000-4000-8000-000000000000"),
          headers: coordinator.headers,
          payload,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          url: "/api/evidence/00000000-0000-4000-8000-000000000000/file",
          headers: coordinator.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("limits section-limited contributors to their sections", async () => {
    const { db } = database();
    const limited = await signInAs(
      app,
      await buildUser(db, {
        grants: [{ role: "contributor", scopeType: "country", scopeCode: "MD", sections: ["governance"] }],
      }),
    );
    const payload = { kind: "citation", citation: "x" };
    const outside = await app.inject({
      method: "POST",
      url: url(md, "cv.01"),
      headers: limited.headers,
      payload,
    });
    expect(outside.statusCode).toBe(403);
    const governance = built().framework.indicators.find((i) => i.node === "governance")!.code;
    const inside = await app.inject({
      method: "POST",
      url: url(md, governance),
      headers: limited.headers,
      payload,
    });
    expect(inside.statusCode, `${governance}: ${inside.body}`).toBe(201);
  });

  it("refuses an upload with two files or invalid fields, storing nothing", async () => {
    const before = (await storedFiles()).length;
    const bad = multipartBody({ filename: "ok.pdf", content: PDF }, { url: "javascript:alert(1)" });
    const res = await app.inject({
      method: "POST",
      url: url(md, "cv.05"),
      headers: { ...coordinator.headers, ...bad.headers },
      payload: bad.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.join(" ")).toMatch(/url/);
    const one = multipartBody({ filename: "a.pdf", content: PDF });
    const boundary = one.headers["content-type"]!.split("boundary=")[1]!;
    const second = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file2"; filename="b.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF.toString("latin1")}\r\n--${boundary}--\r\n`,
      "latin1",
    );
    const two = Buffer.concat([
      one.payload.subarray(0, one.payload.length - `--${boundary}--\r\n`.length),
      second,
    ]);
    const res2 = await app.inject({
      method: "POST",
      url: url(md, "cv.05"),
      headers: { ...coordinator.headers, ...one.headers },
      payload: two,
    });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error).toMatch(/one file per request/);
    const none = await app.inject({ method: "POST", url: url(md, "cv.05"), headers: coordinator.headers });
    expect(none.statusCode).toBe(400);
    expect((await storedFiles()).length).toBe(before);
  });

  it("refuses evidence on a submitted assessment (409)", async () => {
    const res = await app.inject({
      method: "POST",
      url: url(locked),
      headers: coordinator.headers,
      payload: { kind: "citation", citation: "late" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatch(/submitted/);
    // An upload refused by the status leaves no file behind.
    const before = (await storedFiles()).length;
    const upload = multipartBody({ filename: "late.pdf", content: PDF });
    const refused = await app.inject({
      method: "POST",
      url: url(locked),
      headers: { ...coordinator.headers, ...upload.headers },
      payload: upload.payload,
    });
    expect(refused.statusCode).toBe(409);
    expect((await storedFiles()).length).toBe(before);
  });

  it("stores an uploaded PDF under uploads/<year>/<uuid> with its sha256 and serves it as an attachment", async () => {
    const before = await storedFiles();
    const upload = multipartBody(
      { filename: "Rapport annuel é.pdf", content: PDF },
      { citation: "Annual report", sourceDate: "2025" },
    );
    const res = await app.inject({
      method: "POST",
      url: url(md, "cv.03"),
      headers: { ...coordinator.headers, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(res.json()).toMatchObject({
      kind: "file",
      citation: "Annual report",
      sourceDate: "2025",
      file: { name: "Rapport annuel é.pdf", mediaType: "application/pdf", size: PDF.length, sha256: sha },
    });
    const after = await storedFiles();
    expect(after.length).toBe(before.length + 1);
    const [row] = await database()
      .db.select()
      .from(evidenceSources)
      .where(eq(evidenceSources.id, res.json().id));
    expect(row!.filePath).toMatch(new RegExp(`^${new Date().getUTCFullYear()}/[0-9a-f-]{36}$`));

    const download = await app.inject({ url: res.json().file.downloadUrl, headers: reviewer.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="Rapport annuel _.pdf"; filename*=UTF-8''Rapport%20annuel%20%C3%A9.pdf`,
    );
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-security-policy"]).toBe("sandbox");
    expect(
      (await app.inject({ url: res.json().file.downloadUrl, headers: georgian.headers })).statusCode,
    ).toBe(403);
    expect((await app.inject({ url: res.json().file.downloadUrl })).statusCode).toBe(401);
  });

  it("accepts real DOCX, XLSX and PNG files", async () => {
    for (const [filename, content, mediaType] of [
      ["note.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["table.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["photo.PNG", PNG, "image/png"],
    ] as const) {
      const body = multipartBody({ filename, content });
      const res = await app.inject({
        method: "POST",
        url: url(md, "cv.04"),
        headers: { ...contributor.headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
      expect(res.json().file.mediaType).toBe(mediaType);
    }
  });

  it("refuses files whose content does not match their name, storing nothing", async () => {
    const { db } = database();
    const countRows = async () => (await db.select().from(evidenceSources)).length;
    const before = { files: (await storedFiles()).length, rows: await countRows() };
    const cases: [string, Buffer, RegExp][] = [
      ["scan.pdf", PNG, /content is PNG, not a PDF/],
      [
        "page.pdf",
        Buffer.from("<html><script>alert(1)</script></html>"),
        /content is text or an unknown format, not a PDF/,
      ],
      ["notes.docx", Buffer.from("just some text"), /not a DOCX/],
      ["table.docx", XLSX, /content is XLSX, not a DOCX/],
      ["fake.xlsx", zipOfPlain(), /not a XLSX|no xl\/ part/],
      ["run.exe", PDF, /only PDF, DOCX, XLSX/],
      ["empty.pdf", Buffer.alloc(0), /empty/],
    ];
    for (const [filename, content, message] of cases) {
      const body = multipartBody({ filename, content, type: "application/pdf" });
      const res = await app.inject({
        method: "POST",
        url: url(md, "cv.05"),
        headers: { ...coordinator.headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, filename).toBe(400);
      expect(res.json().error, filename).toMatch(message);
    }
    expect((await storedFiles()).length).toBe(before.files);
    expect(await countRows()).toBe(before.rows);
  });

  it("refuses a 21 MB upload with 413 and stores nothing", async () => {
    const before = (await storedFiles()).length;
    const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const body = multipartBody({ filename: "big.pdf", content: big });
    const res = await app.inject({
      method: "POST",
      url: url(md, "cv.05"),
      headers: { ...coordinator.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/big\.pdf is over the limit of 20 MB/);
    expect((await storedFiles()).length).toBe(before);
  });

  it("sanitises a file name with path parts and markup", async () => {
    const body = multipartBody({ filename: "../../etc/<script>x.pdf", content: PDF });
    const res = await app.inject({
      method: "POST",
      url: url(md, "cv.06"),
      headers: { ...coordinator.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().file.name).toBe("_script_x.pdf");
    const download = await app.inject({ url: res.json().file.downloadUrl, headers: coordinator.headers });
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="_script_x.pdf"; filename*=UTF-8''_script_x.pdf`,
    );
    for (const file of await storedFiles()) expect(file.startsWith(uploadsDir())).toBe(true);
  });

  it("removes evidence softly, keeping it in the answer's history", async () => {
    const added = await app.inject({
      method: "POST",
      url: url(md, "cv.07"),
      headers: coordinator.headers,
      payload: { kind: "citation", citation: "to be removed" },
    });
    const id = added.json().id as string;
    expect((await app.inject({ method: "DELETE", url: `/api/evidence/${id}` })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: "DELETE", url: `/api/evidence/${id}`, headers: reviewer.headers }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: "DELETE", url: `/api/evidence/${id}`, headers: georgian.headers }))
        .statusCode,
    ).toBe(403);
    const removed = await app.inject({
      method: "DELETE",
      url: `/api/evidence/${id}`,
      headers: contributor.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: url(md, "cv.07"), headers: coordinator.headers })).json()).toEqual([]);
    expect(
      (await app.inject({ method: "DELETE", url: `/api/evidence/${id}`, headers: contributor.headers }))
        .statusCode,
    ).toBe(404);
    const { db } = database();
    const [row] = await db.select().from(evidenceSources).where(eq(evidenceSources.id, id));
    expect(row!.removedAt).not.toBeNull();
    expect(row!.citation).toBe("to be removed");
    const history = await db
      .select()
      .from(answerHistory)
      .where(and(eq(answerHistory.answerId, row!.answerId), eq(answerHistory.source, "evidence")))
      .orderBy(answerHistory.id);
    expect(history.map((h) => h.reason)).toEqual(["evidence added", "evidence removed"]);
    expect(history[1]!.valueBefore).toMatchObject({ evidence: { id, citation: "to be removed" } });
  });
});

/** A zip that is neither a Word nor an Excel document. */
function zipOfPlain(): Buffer {
  return zipOf({ "readme.txt": "hello" });
}
