import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { consultationDefinition } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import {
  answerLabel,
  answerValues,
  groupLabel,
  reportWords,
} from "../../src/server/children/consultation-report.ts";
import { readResults } from "../../src/server/children/read-results.ts";
import { consultationSessions, consultations, countries } from "../../src/server/db/schema.ts";
import { loadDemoConsultation } from "../../src/server/demo/demo-consultation.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { closeChromium } from "../../src/server/reports/chromium.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";

const run = promisify(execFile);

/** Whitespace collapsed (French narrow spaces too), none before "%": pdftotext drops some. */
const flat = (text: string) => text.replace(/\s+/g, " ").replace(/ %/g, "%");

/** A PDF's text laid out as printed, whitespace collapsed: a table row reads "Yes 178 49%". */
async function pdfRows(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "childmark-children-pdf-"));
  try {
    writeFileSync(join(dir, "r.pdf"), pdf);
    await run("pdftotext", ["-layout", "-enc", "UTF-8", join(dir, "r.pdf"), join(dir, "r.txt")]);
    return flat(readFileSync(join(dir, "r.txt"), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A DOCX's text with its table cells apart: a table row reads "Yes 178 49%". */
async function docxRows(docx: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  const text = xml
    .replace(/<\/w:(tc|p)>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&apos;/g, "'");
  return flat(text);
}

describeEachDatabase("a consultation's report (PDF, DOCX) and the child-friendly results", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let outsider: Session;
  let id: string;
  let code: string;
  let results: Awaited<ReturnType<typeof readResults>>;
  const definition = () => consultationDefinition.parse(DEFINITION);
  let DEFINITION: unknown;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["MD", "GE", "AM"]));
    await buildOrganisation(db, { region: CHILDPACT_REGION.code });
    const user = await buildUser(db, { isAdmin: true });
    await loadDemoConsultation(db, user.id);
    const [row] = await db.select().from(consultations);
    id = row!.id;
    DEFINITION = row!.definition;
    const [session] = await db
      .select({ code: consultationSessions.code })
      .from(consultationSessions)
      .where(inArray(consultationSessions.consultationId, [id]));
    code = session!.code;
    results = await readResults(db, { id, definition: row!.definition });
    app = await buildApp({ database: database() });
    admin = await signInAs(app, user);
    outsider = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "RO" }] }),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await closeChromium();
  });

  /** The rows every report must show: per question, each answer's children and share, each band and country. */
  const expectedRows = (lang: string): string[] => {
    const w = reportWords(lang);
    const def = definition();
    const rows: string[] = [];
    for (const q of def.questions) {
      const total = results.questions.find((r) => r.code === q.code)!.total!;
      if (q.type === "short-text" || q.type === "number") continue;
      for (const v of answerValues(q, total.counts))
        rows.push(`${answerLabel(w, q, v)} ${w.num(total.counts[v]!)} ${w.pct(total.counts[v]! / total.n)}`);
      const byCountry = results.questions
        .find((r) => r.code === q.code)!
        .breakdowns.find((b) => b.dimension === "country")!;
      if (total.agreeing !== null)
        for (const g of byCountry.groups)
          rows.push(`${groupLabel(w, def, "country", g.key)} ${w.num(g.n)} ${w.pct(g.agreeing!)}`);
    }
    return rows;
  };

  it("writes the same figures as the aggregation into the PDF and the DOCX (en, fr)", async () => {
    expect(results.participants?.n).toBe(360);
    for (const lang of ["en", "fr"]) {
      const rows = expectedRows(lang);
      expect(rows.length).toBeGreaterThan(15);
      const pdf = await app.inject({
        url: `/api/children/consultations/${id}/report.pdf?lang=${lang}`,
        headers: admin.headers,
      });
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      const pdfText = await pdfRows(pdf.rawPayload);
      const docx = await app.inject({
        url: `/api/children/consultations/${id}/report.docx?lang=${lang}`,
        headers: admin.headers,
      });
      expect(docx.statusCode, docx.body).toBe(200);
      const docxText = await docxRows(docx.rawPayload);
      for (const row of rows) {
        expect(pdfText, `${lang} PDF`).toContain(flat(row));
        expect(docxText, `${lang} DOCX`).toContain(flat(row));
      }
      const w = reportWords(lang);
      const took = w.words("coverCount", { count: 360 });
      expect(pdfText).toContain(flat(took));
      expect(docxText).toContain(flat(took));
      // A moderated quote is in it; a group hidden to protect a small one (a region) is not.
      expect(docxText).toContain(results.quotes[0]!.text);
      const regions = results.participants!.breakdowns.find((b) => b.dimension === "region")!;
      expect(regions.hidden).toBe(true);
      expect(regions.groups.map((g) => g.key)).not.toContain("Village");
      expect(docxText).not.toContain("Village");
      expect(pdfText).not.toContain("Village");
    }
  }, 180_000);

  it("writes the Arabic report right to left with the same numbers", async () => {
    const docx = await app.inject({
      url: `/api/children/consultations/${id}/report.docx?lang=ar`,
      headers: admin.headers,
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml).toContain("<w:bidi/>");
    const text = await docxRows(docx.rawPayload);
    for (const row of expectedRows("ar")) expect(text).toContain(flat(row));
    const pdf = await app.inject({
      url: `/api/children/consultations/${id}/report.pdf?lang=ar`,
      headers: admin.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);

  it("refuses the report to someone outside the coalition's scope and to a visitor", async () => {
    const url = `/api/children/consultations/${id}/report.docx`;
    expect((await app.inject({ url, headers: outsider.headers })).statusCode).toBe(404);
    expect((await app.inject({ url })).statusCode).toBe(401);
  });

  it("gives children the same counts by their code once published, never a small group or a free text", async () => {
    const res = await app.inject({ url: `/api/children/join/${code}/results` });
    expect(res.statusCode, res.body).toBe(200);
    const kids = res.json();
    expect(kids.children).toBe(360);
    for (const q of kids.questions) {
      const total = results.questions.find((r) => r.code === q.code)!.total!;
      expect(q.counts).toEqual(total.counts);
      expect(q.children).toBe(total.n);
    }
    expect(kids.questions.map((q: { code: string }) => q.code)).toEqual([
      "helpline",
      "bullying",
      "teacher",
      "tell",
    ]);
    expect(kids.quotes).toEqual(results.quotes.map((q) => q.text));
    expect(JSON.stringify(kids)).not.toMatch(/"(gender|region|band)"/);
  });

  it("keeps the child-friendly results closed while the consultation is not published", async () => {
    const { db } = database();
    await db.update(consultations).set({ resultsPublic: false });
    try {
      const res = await app.inject({ url: `/api/children/join/${code}/results` });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain("helpline");
    } finally {
      await db.update(consultations).set({ resultsPublic: true });
    }
  });
});
