import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { recommendations, trackingPublications } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";

const CANARY = "CANARY-tracking-internal-5d1e";
const ATTACK = `<script>alert("x")</script> Prohibit corporal punishment in all settings.`;

describeEachDatabase("published tracking of UN recommendations", (database) => {
  let app: FastifyInstance;
  let coordinatorMd: Session;
  let coordinatorGe: Session;
  let contributorMd: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    const as = async (role: "coordinator" | "contributor", code: string) =>
      signInAs(
        app,
        await buildUser(db, {
          grants: [{ role, scopeType: "country", scopeCode: code }],
          name: `${CANARY} ${role}`,
        }),
      );
    coordinatorMd = await as("coordinator", "MD");
    coordinatorGe = await as("coordinator", "GE");
    contributorMd = await as("contributor", "MD");
    const rows = await db
      .insert(recommendations)
      .values(
        [
          { key: "a", text: ATTACK, articles: ["19"] },
          { key: "b", text: "Guarantee birth registration for all children.", articles: ["7"] },
          { key: "c", text: "Ratify the third Optional Protocol.", articles: [] },
        ].map((r) => ({
          mechanism: "crc",
          session: "90",
          documentSymbol: "CRC/C/MDA/CO/4-5",
          paragraph: r.key === "a" ? "18" : "22",
          stateCode: "MD",
          stateName: "Moldova",
          text: { en: r.text, fr: `${r.text} (fr)` },
          uncrcArticles: r.articles,
          importKey: `publication-${r.key}`,
        })),
      )
      .returning({ id: recommendations.id, key: recommendations.importKey });
    for (const r of rows) ids[r.key.replace("publication-", "")] = r.id;
    const record = async (id: string, payload: object) => {
      const res = await app.inject({
        method: "POST",
        url: `/api/recommendations/${id}/assessments`,
        payload,
        headers: coordinatorMd.headers,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await record(ids.a!, {
      status: "implemented",
      assessedByKind: "government",
      assessedOn: "2025-03-01",
      evidenceText: "State party report, para. 12",
    });
    await record(ids.a!, {
      status: "in_progress",
      assessedByKind: "coalition",
      assessedOn: "2025-02-01",
    });
    await record(ids.a!, {
      status: "partially_implemented",
      assessedByKind: "coalition",
      assessedOn: "2025-04-01",
      evidenceText: "Law 123/2024 adopted; no enforcement yet.",
      evidenceUrls: ["https://example.org/law-123"],
      responsibleInstitutions: ["Ministry of Labour and Social Protection"],
      dueOn: "2026-12-31",
      followUpActions: `${CANARY} lobby plan`,
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const publish = (as: Session | null, payload: object) =>
    app.inject({ method: "POST", url: "/api/tracking-publications", payload, headers: as?.headers });

  it("lets the country's coordinator publish, and nobody else", async () => {
    const body = { country: "MD", notes: "Mid-term review 2025" };
    expect((await publish(null, body)).statusCode).toBe(401);
    expect((await publish(contributorMd, body)).statusCode).toBe(403);
    expect((await publish(coordinatorGe, body)).statusCode).toBe(403);
    const res = await publish(coordinatorMd, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ slug: "md-tracking-v1", version: 1, recommendations: 3, assessed: 1 });
  });

  it("refuses bad input with a message naming what to fix, writing nothing", async () => {
    const { db } = database();
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(trackingPublications);
    const empty = await publish(coordinatorMd, { country: "MD", notes: "  " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("notes");
    const none = await publish(coordinatorGe, { country: "GE", notes: "First" });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatch(/no recommendations to GE.*import them/);
    expect((await publish(coordinatorMd, { country: "M1", notes: "x" })).statusCode).toBe(400);
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(trackingPublications);
    expect(after).toEqual(before);
  });

  it("publishes the coalition's assessment and the government's claim apart, and nothing internal", async () => {
    const res = await app.inject("/api/public/tracking/md-tracking-v1");
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.body).not.toContain(CANARY);
    const snapshot = res.json();
    const a = snapshot.recommendations.find((r: { paragraph: string }) => r.paragraph === "18");
    expect(a.text.en).toBe(ATTACK);
    expect(a.coalition).toEqual({
      status: "partially_implemented",
      assessedOn: "2025-04-01",
      evidenceText: "Law 123/2024 adopted; no enforcement yet.",
      evidenceUrls: ["https://example.org/law-123"],
      responsibleInstitutions: ["Ministry of Labour and Social Protection"],
      dueOn: "2026-12-31",
    });
    expect(a.government.status).toBe("implemented");
    expect(a.timeline.map((s: { status: string; by: string }) => `${s.by}:${s.status}`)).toEqual([
      "coalition:in_progress",
      "government:implemented",
      "coalition:partially_implemented",
    ]);
    const again = await app.inject({
      url: "/api/public/tracking/md-tracking-v1",
      headers: { "if-none-match": res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect((await app.inject("/api/public/tracking/md-tracking-v9")).statusCode).toBe(404);
  });

  it("shows a public page per language, with every text as text", async () => {
    const en = await app.inject("/portal/tracking/md-tracking-v1/en/");
    expect(en.statusCode).toBe(200);
    expect(en.headers["content-type"]).toContain("text/html");
    expect(en.body).toContain("Follow-up of UN recommendations: Moldova");
    expect(en.body).toContain("Partially implemented");
    expect(en.body).toContain("Government&#x27;s claim");
    expect(en.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(en.body).not.toContain("<script>alert");
    expect(en.body).not.toContain(CANARY);
    expect(en.body.indexOf("Article 7")).toBeLessThan(en.body.indexOf("Article 19"));
    const ar = await app.inject("/portal/tracking/md-tracking-v1/ar/");
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.body).toContain("متابعة توصيات الأمم المتحدة");
    const fr = await app.inject("/portal/tracking/md-tracking-v1/fr/");
    expect(fr.body).toContain("(fr)");
    expect((await app.inject("/portal/tracking/md-tracking-v1/xx/")).statusCode).toBe(404);
    expect((await app.inject("/portal/tracking/assets/tracking.css")).statusCode).toBe(200);
    // Its stylesheets: the portal's, and its own.
    expect(en.body).toContain('href="../../../assets/portal.css"');
    expect((await app.inject("/portal/assets/portal.css")).statusCode).toBe(200);
    const json = await app.inject("/portal/tracking/md-tracking-v1/tracking.json");
    expect(json.json().slug).toBe("md-tracking-v1");
    const index = await app.inject("/portal/");
    expect(index.body).toContain('href="tracking/md-tracking-v1/en/"');
    expect(index.body).toContain("Follow-up of UN recommendations: Moldova");
  });

  it("keeps every version: a new publication is v2, v1 stays and says it was superseded", async () => {
    const res = await publish(coordinatorMd, { country: "md", notes: "Annual update" });
    expect(res.json()).toMatchObject({ slug: "md-tracking-v2", version: 2 });
    const v1 = await app.inject("/portal/tracking/md-tracking-v1/en/");
    expect(v1.body).toContain("A newer version of this publication exists.");
    expect((await app.inject("/portal/tracking/md-tracking-v2/en/")).body).not.toContain("A newer version");
    const latest = await app.inject("/api/public/tracking/md");
    expect(latest.json().slug).toBe("md-tracking-v2");
    const list = (await app.inject("/api/public/tracking")).json();
    expect(list.map((s: { slug: string; supersededBy: string | null }) => [s.slug, s.supersededBy])).toEqual([
      ["md-tracking-v2", null],
      ["md-tracking-v1", "md-tracking-v2"],
    ]);
    const { db } = database();
    await expect(
      db
        .update(trackingPublications)
        .set({ notes: "changed" })
        .where(eq(trackingPublications.slug, "md-tracking-v1")),
    ).rejects.toThrow();
    await expect(db.delete(trackingPublications)).rejects.toThrow();
  });
  it("gives a country's implementation over time through the public API, from published versions only", async () => {
    type Series = {
      latest: string;
      versions: { slug: string; total: number; counts: Record<string, number> }[];
      byDate: { date: string; total: number; counts: Record<string, number> }[];
    };
    // A coalition status recorded after the last publication is not public yet.
    const late = await app.inject({
      method: "POST",
      url: `/api/recommendations/${ids.b}/assessments`,
      payload: {
        status: "implemented",
        assessedByKind: "coalition",
        assessedOn: "2025-09-01",
        evidenceText: "Late evidence 7c1",
      },
      headers: coordinatorMd.headers,
    });
    expect(late.statusCode).toBe(201);
    const res = await app.inject("/api/public/tracking/countries/md/series");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.body).not.toContain("2025-09-01");
    const series = res.json() as Series;
    expect(series.latest).toBe("md-tracking-v2");
    expect(
      series.versions.map((v) => [v.slug, v.total, v.counts.partially_implemented, v.counts.implemented]),
    ).toEqual([
      ["md-tracking-v1", 3, 1, 0],
      ["md-tracking-v2", 3, 1, 0],
    ]);
    // By date: the coalition's published statuses of recommendation a (the government's claim is apart).
    expect(
      series.byDate.map((p) => [
        p.date,
        p.counts.in_progress,
        p.counts.partially_implemented,
        p.counts.not_assessed,
      ]),
    ).toEqual([
      ["2025-02-01", 1, 0, 2],
      ["2025-04-01", 0, 1, 2],
    ]);
    const csv = await app.inject("/api/public/tracking/countries/MD/series.csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n").slice(0, 3)).toEqual([
      "country,version,slug,published_on,recommendations,not_started,in_progress,partially_implemented,implemented,regressed,not_assessed",
      expect.stringMatching(/^MD,1,md-tracking-v1,\d{4}-\d{2}-\d{2},3,0,0,1,0,0,2$/),
      expect.stringMatching(/^MD,2,md-tracking-v2,/),
    ]);
    const byDate = await app.inject("/api/public/tracking/countries/MD/series.csv?by=date");
    expect(byDate.body.split("\r\n")).toEqual([
      "country,date,recommendations,not_started,in_progress,partially_implemented,implemented,regressed,not_assessed",
      "MD,2025-02-01,3,0,1,0,0,0,2",
      "MD,2025-04-01,3,0,0,1,0,0,2",
      "",
    ]);
    expect((await app.inject("/api/public/tracking/countries/GE/series")).statusCode).toBe(404);
    expect((await app.inject("/api/public/tracking/countries/M1/series")).statusCode).toBe(400);
    expect((await app.inject("/api/public/tracking/countries/MD/series.csv?by=week")).statusCode).toBe(400);

    // Once published, the new status is in the series.
    expect((await publish(coordinatorMd, { country: "MD", notes: "September update" })).statusCode).toBe(201);
    const after = (await app.inject("/api/public/tracking/countries/MD/series")).json() as Series;
    expect(after.versions.at(-1)).toMatchObject({ slug: "md-tracking-v3", counts: { implemented: 1 } });
    expect(after.byDate.at(-1)).toMatchObject({ date: "2025-09-01", counts: { implemented: 1 } });
  });
});
