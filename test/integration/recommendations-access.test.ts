import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { countries, implementationAssessments, recommendations } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { multipartBody } from "./evidence-files.ts";

/*
 * Recommendation texts are public UN documents: every signed-in person reads them. The coalition's
 * tracking of a State (assessments, timeline, status dashboards, reports with statuses) is internal
 * to that country's coalition and to the region and platform roles over it.
 */

/** Every role, in Moldova's scope or not; `tracksMd` says whether they may read Moldova's tracking. */
const PERSONAS: Record<string, { isAdmin?: boolean; grants: Grant[]; tracksMd: boolean; tracksGe: boolean }> =
  {
    admin: { isAdmin: true, grants: [], tracksMd: true, tracksGe: true },
    "secretariat (platform)": {
      grants: [{ role: "secretariat", scopeType: "platform", scopeCode: null }],
      tracksMd: true,
      tracksGe: true,
    },
    "viewer (platform)": {
      grants: [{ role: "viewer", scopeType: "platform", scopeCode: null }],
      tracksMd: true,
      tracksGe: true,
    },
    "secretariat (region)": {
      grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
      tracksMd: true,
      tracksGe: false,
    },
    "coordinator MD": {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
      tracksMd: true,
      tracksGe: false,
    },
    "contributor MD": {
      grants: [{ role: "contributor", scopeType: "country", scopeCode: "MD", sections: ["vulnerability"] }],
      tracksMd: true,
      tracksGe: false,
    },
    "reviewer MD": {
      grants: [{ role: "reviewer", scopeType: "country", scopeCode: "MD" }],
      tracksMd: true,
      tracksGe: false,
    },
    "viewer MD": {
      grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }],
      tracksMd: true,
      tracksGe: false,
    },
    "coordinator GE": {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "GE" }],
      tracksMd: false,
      tracksGe: true,
    },
    "contributor GE": {
      grants: [{ role: "contributor", scopeType: "country", scopeCode: "GE" }],
      tracksMd: false,
      tracksGe: true,
    },
    "no role": { grants: [], tracksMd: false, tracksGe: false },
  };

describeEachDatabase("recommendations: who reads the coalition's tracking", (database) => {
  let app: FastifyInstance;
  const sessions = new Map<string, Session>();
  let md = "";
  let ge = "";

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    // Moldova in the regional secretariat's region; Georgia outside it.
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["MD"]));
    await db
      .update(countries)
      .set({ regionCode: null })
      .where(inArray(countries.code, ["GE"]));
    app = await buildApp({ database: database() });
    for (const [name, p] of Object.entries(PERSONAS))
      sessions.set(
        name,
        await signInAs(app, await buildUser(db, { isAdmin: p.isAdmin, grants: p.grants, name })),
      );
    const rows = await db
      .insert(recommendations)
      .values(
        [
          ["MD", "Moldova", "Prohibit corporal punishment of children in all settings."],
          ["GE", "Georgia", "Prohibit corporal punishment in alternative care."],
        ].map(([code, name, text]) => ({
          mechanism: "crc",
          session: "90",
          stateCode: code,
          stateName: name!,
          text: { en: text! },
          themes: ["Violence"],
          importKey: `access-${code}`,
        })),
      )
      .returning({ id: recommendations.id, state: recommendations.stateCode });
    md = rows.find((r) => r.state === "MD")!.id;
    ge = rows.find((r) => r.state === "GE")!.id;
    await db.insert(implementationAssessments).values([
      {
        recommendationId: md,
        status: "partially_implemented",
        assessedByKind: "coalition",
        assessedOn: "2025-05-01",
        evidenceText: "Internal note: draft law stalled in committee",
        responsibleInstitutions: ["Ministry of Labour MD"],
      },
      {
        recommendationId: ge,
        status: "regressed",
        assessedByKind: "coalition",
        assessedOn: "2025-05-02",
        responsibleInstitutions: ["Ministry of Justice GE"],
      },
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, name: string | null) =>
    app.inject({ method: "GET", url, headers: name ? sessions.get(name)!.headers : undefined });

  it("lets every signed-in role read the texts, and nobody signed out", async () => {
    for (const name of Object.keys(PERSONAS)) {
      const detail = await get(`/api/recommendations/${md}`, name);
      expect(detail.statusCode, name).toBe(200);
      expect(detail.json().text.en).toContain("corporal punishment");
      const found = (await get("/api/recommendations?q=%22corporal+punishment%22", name)).json();
      expect(found.total, name).toBe(2);
    }
    expect((await get(`/api/recommendations/${md}`, null)).statusCode).toBe(401);
    expect((await get("/api/recommendations", null)).statusCode).toBe(401);
  });

  it("shows statuses, status facets and institutions in search only for States in the person's scope", async () => {
    for (const [name, p] of Object.entries(PERSONAS)) {
      const result = (await get("/api/recommendations?q=%22corporal+punishment%22", name)).json();
      const statusOf = (id: string) =>
        result.items.find((i: { id: string }) => i.id === id).currentStatus.coalition as string | null;
      expect(statusOf(md), name).toBe(p.tracksMd ? "partially_implemented" : null);
      expect(statusOf(ge), name).toBe(p.tracksGe ? "regressed" : null);
      const facetValues = result.facets.status.map((f: { value: string }) => f.value);
      expect(facetValues.includes("partially_implemented"), name).toBe(p.tracksMd);
      expect(facetValues.includes("regressed"), name).toBe(p.tracksGe);
      const institutions = result.facets.institution.map((f: { value: string }) => f.value);
      expect(institutions.includes("Ministry of Labour MD"), name).toBe(p.tracksMd);
      // Filtering by a status does not reveal it either.
      const filtered = (await get("/api/recommendations?status=partially_implemented", name)).json();
      expect(filtered.total, name).toBe(p.tracksMd ? 1 : 0);
      const byInstitution = (
        await get("/api/recommendations?institution=Ministry+of+Justice+GE", name)
      ).json();
      expect(byInstitution.total, name).toBe(p.tracksGe ? 1 : 0);
    }
  });

  it("answers the assessments and timeline of a recommendation only within the scope (403 otherwise, 404 unknown)", async () => {
    for (const [name, p] of Object.entries(PERSONAS)) {
      for (const path of ["assessments", "timeline"]) {
        const res = await get(`/api/recommendations/${md}/${path}`, name);
        expect(res.statusCode, `${path} as ${name}`).toBe(p.tracksMd ? 200 : 403);
        if (p.tracksMd) expect(res.body).toContain("draft law stalled");
        else expect(res.body).not.toContain("draft law stalled");
      }
    }
    expect((await get(`/api/recommendations/${md}/timeline`, null)).statusCode).toBe(401);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await get(`/api/recommendations/${unknown}/timeline`, "viewer MD")).statusCode).toBe(404);
  });

  it("serves a State's dashboard, follow-up reports and report card only within the scope", async () => {
    for (const [name, p] of Object.entries(PERSONAS)) {
      for (const url of [
        "/api/recommendations/dashboard?state=MD",
        "/api/recommendations/dashboard?state=Moldova",
        "/api/recommendations/report.docx?state=MD",
        "/api/recommendations/report.xlsx?state=MD",
        "/api/recommendations/report-card?state=MD",
        "/api/recommendations/report-card.docx?state=MD",
      ]) {
        const res = await get(url, name);
        expect(res.statusCode, `${url} as ${name}`).toBe(p.tracksMd ? 200 : 403);
      }
    }
    const docx = await get("/api/recommendations/report.docx?state=MD", "viewer MD");
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml).toContain("draft law stalled");
    expect((await get("/api/recommendations/report.docx?state=MD", null)).statusCode).toBe(401);
  });

  it("counts in a dashboard over every State only the States in the person's scope", async () => {
    for (const [name, p] of Object.entries(PERSONAS)) {
      const res = await get("/api/recommendations/dashboard", name);
      if (!p.tracksMd && !p.tracksGe) {
        expect(res.statusCode, name).toBe(403);
        continue;
      }
      expect(res.statusCode, name).toBe(200);
      const dashboard = res.json();
      expect(dashboard.byStatus.partially_implemented, name).toBe(p.tracksMd ? 1 : 0);
      expect(dashboard.byStatus.regressed, name).toBe(p.tracksGe ? 1 : 0);
      expect(dashboard.total, name).toBe(Number(p.tracksMd) + Number(p.tracksGe));
    }
  });
});

describeEachDatabase("recommendations: reading a file's columns before importing it", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let coordinator: Session;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    coordinator = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const preview = (content: string | Buffer, as: Session, filename = "list.csv") => {
    const body = multipartBody({ filename, content: Buffer.from(content) }, {});
    return app.inject({
      method: "POST",
      url: "/api/recommendations/imports/preview",
      payload: body.payload,
      headers: { ...as.headers, ...body.headers },
    });
  };

  it("lists the columns, the row count and the first rows; writes nothing", async () => {
    const csv = [
      "Country,Recommendation text,Body",
      'Moldova,"Ban corporal punishment <script>alert(1)</script>",CRC',
      "Georgia,End child marriage,UPR",
    ].join("\n");
    const res = await preview(csv, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      fileName: "list.csv",
      encoding: "utf-8",
      columns: ["Country", "Recommendation text", "Body"],
      rowCount: 2,
      sample: [
        {
          Country: "Moldova",
          "Recommendation text": "Ban corporal punishment <script>alert(1)</script>",
          Body: "CRC",
        },
        { Country: "Georgia", "Recommendation text": "End child marriage", Body: "UPR" },
      ],
      // Matched by their usual names; the person checks and changes them on the preview.
      mapping: { Country: "state", "Recommendation text": "text", Body: "mechanism" },
    });
    const stored = await app.inject({ url: "/api/recommendations?q=marriage", headers: admin.headers });
    expect(stored.json().total).toBe(0);
  });

  it("refuses a UTF-16 file with what to do, a request without a file, and people who may not import", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Country,Text\n", "utf16le")]);
    const bad = await preview(utf16, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain("UTF-8");
    const noFile = await app.inject({
      method: "POST",
      url: "/api/recommendations/imports/preview",
      payload: {},
      headers: admin.headers,
    });
    expect(noFile.statusCode).toBe(400);
    expect((await preview("A,B\n1,2\n", coordinator)).statusCode).toBe(403);
  });
});

describe("recommendation-access personas", () => {
  it("cover every role", () => {
    const roles = new Set(Object.values(PERSONAS).flatMap((p) => p.grants.map((g) => g.role)));
    expect([...roles].sort()).toEqual(["contributor", "coordinator", "reviewer", "secretariat", "viewer"]);
  });
});
