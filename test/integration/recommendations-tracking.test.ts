import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { recommendations } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import type { Session } from "../support/factories.ts";
import { signInTrackingPeople } from "../support/tracking-people.ts";

describeEachDatabase("recommendations: access and implementation tracking", (database) => {
  let app: FastifyInstance;
  let coordinatorMd: Session;
  let coordinatorGe: Session;
  let secretariat: Session;
  let viewer: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    ({ coordinatorMd, coordinatorGe, viewerMd: viewer, secretariat } = await signInTrackingPeople(db, app));
    const rows = await db
      .insert(recommendations)
      .values(
        [
          { key: "md1", state: "MD", text: "Prohibit corporal punishment of children in all settings." },
          {
            key: "md2",
            state: "MD",
            text: "Ensure access to inclusive education for children with disabilities.",
          },
          { key: "ge1", state: "GE", text: "Strengthen juvenile justice." },
        ].map((r) => ({
          mechanism: "crc",
          session: "90",
          stateCode: r.state,
          stateName: r.state === "MD" ? "Moldova" : "Georgia",
          text: { en: r.text },
          importKey: `tracking-${r.key}`,
        })),
      )
      .returning({ id: recommendations.id, key: recommendations.importKey });
    for (const r of rows) ids[r.key.replace("tracking-", "")] = r.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const record = (as: Session, id: string, payload: object) =>
    app.inject({
      method: "POST",
      url: `/api/recommendations/${id}/assessments`,
      payload,
      headers: as.headers,
    });

  it("lets a coordinator track only their own country's recommendations; imports need the secretariat", async () => {
    const body = { status: "in_progress", assessedByKind: "coalition", assessedOn: "2025-01-10" };
    expect((await record(coordinatorMd, ids.md2!, body)).statusCode).toBe(201);
    expect((await record(coordinatorMd, ids.ge1!, body)).statusCode).toBe(403);
    expect((await record(viewer, ids.md2!, body)).statusCode).toBe(403);
    expect((await record(coordinatorGe, ids.ge1!, body)).statusCode).toBe(201);
    expect((await record(secretariat, ids.ge1!, body)).statusCode).toBe(201);

    const tag = (as: Session, list: string[]) =>
      app.inject({
        method: "POST",
        url: "/api/recommendations/tags",
        payload: { ids: list, add: { themes: ["Violence"] } },
        headers: as.headers,
      });
    expect((await tag(coordinatorMd, [ids.md1!, ids.ge1!])).statusCode).toBe(403);
    const ge = await app.inject({
      method: "GET",
      url: `/api/recommendations/${ids.ge1}`,
      headers: viewer.headers,
    });
    expect(ge.json().themes).toEqual([]);
    expect((await tag(coordinatorMd, [ids.md1!])).json()).toEqual({ updated: 1 });

    const imports = (as: Session) =>
      app.inject({ method: "GET", url: "/api/recommendations/imports", headers: as.headers });
    expect((await imports(coordinatorMd)).statusCode).toBe(403);
    expect((await imports(secretariat)).statusCode).toBe(200);
  });

  it("keeps a timeline of government claims and coalition assessments apart, with evidence and who recorded them", async () => {
    const first = await record(coordinatorMd, ids.md1!, {
      status: "implemented",
      assessedByKind: "government",
      assessedOn: "2025-03-01",
      evidenceText: "State report, para. 12",
      responsibleInstitutions: ["Ministry of Labour and Social Protection"],
    });
    expect(first.statusCode, first.body).toBe(201);
    await record(coordinatorMd, ids.md1!, {
      status: "partially_implemented",
      assessedByKind: "coalition",
      assessedOn: "2025-02-01",
      responsibleInstitutions: ["Ministry of Education"],
    });
    const latest = await record(coordinatorMd, ids.md1!, {
      status: "regressed",
      assessedByKind: "coalition",
      assessedOn: "2025-06-01",
      evidenceText: "<script>alert(1)</script> Amendment repealed",
      evidenceUrls: ["https://example.org/report.pdf", "https://example.org/law"],
      responsibleInstitutions: ["Ministry of Education", "Parliament"],
      dueOn: "2026-01-31",
      followUpActions: "Meet the committee",
    });
    expect(latest.statusCode, latest.body).toBe(201);
    expect(latest.json()).toMatchObject({
      evidenceText: "<script>alert(1)</script> Amendment repealed",
      evidenceUrls: ["https://example.org/report.pdf", "https://example.org/law"],
      recordedBy: { name: "coordinator MD" },
    });

    const timeline = await app.inject({
      method: "GET",
      url: `/api/recommendations/${ids.md1}/timeline`,
      headers: viewer.headers,
    });
    expect(timeline.statusCode).toBe(200);
    const t = timeline.json();
    expect(
      t.entries.map((e: { assessedOn: string; status: string }) => `${e.assessedOn} ${e.status}`),
    ).toEqual(["2025-02-01 partially_implemented", "2025-03-01 implemented", "2025-06-01 regressed"]);
    expect(t.current.government.status).toBe("implemented");
    expect(t.current.coalition.status).toBe("regressed");
    expect(t.current.coalition.dueOn).toBe("2026-01-31");

    const search = async (query: string) =>
      (
        await app.inject({ method: "GET", url: `/api/recommendations?${query}`, headers: viewer.headers })
      ).json();
    const md = await search("state=MD");
    const item = md.items.find((i: { id: string }) => i.id === ids.md1);
    expect(item.currentStatus).toEqual({ government: "implemented", coalition: "regressed" });
    expect(md.facets.status).toEqual([
      { value: "in_progress", count: 1 },
      { value: "regressed", count: 1 },
    ]);
    expect(md.facets.institution).toEqual([
      { value: "Ministry of Education", count: 1 },
      { value: "Ministry of Labour and Social Protection", count: 1 },
      { value: "Parliament", count: 1 },
    ]);
    expect((await search("coalitionStatus=regressed")).total).toBe(1);
    expect((await search("governmentStatus=implemented&state=MD")).items[0].id).toBe(ids.md1);
    expect((await search("institution=Parliament")).total).toBe(1);
    expect((await search("state=GE&coalitionStatus=none")).total).toBe(0);
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const bad = async (payload: object, field: string) => {
      const res = await record(coordinatorMd, ids.md2!, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    };
    const ok = { status: "implemented", assessedByKind: "coalition", assessedOn: "2025-01-01" };
    await bad({ ...ok, status: "done" }, "status");
    await bad({ ...ok, assessedByKind: "ngo" }, "assessedByKind");
    await bad({ ...ok, assessedOn: "yesterday" }, "assessedOn");
    await bad({ ...ok, evidenceUrls: ["javascript:alert(1)"] }, "evidenceUrls");
    await bad({ ...ok, responsibleInstitutions: [""] }, "responsibleInstitutions");
  });
});
