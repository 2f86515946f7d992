import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";

interface CycleOut {
  id: string;
  period: string;
  assessments: { id: string; country: string; status: string; answered: number; completion: number }[];
}

describeEachDatabase("cycles: open a cycle, list what one may see", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let versionId: string;
  let secretariat: Session;
  let regionSecretariat: Session;
  let mdContributor: Session;
  let geContributor: Session;
  let mdCoordinator: Session;
  let nobody: Session;

  const as = async (grant: Grant) => signInAs(app, await buildUser(db, { grants: [grant] }));
  const open = (session: Session | null, payload: object) =>
    app.inject({ method: "POST", url: "/api/cycles", headers: session?.headers ?? {}, payload });
  const list = async (session: Session) =>
    (await app.inject({ url: "/api/cycles", headers: session.headers })).json() as CycleOut[];

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    // A framework version with a first (2026) cycle; MD, GE and UA placed in the demo region.
    versionId = (await buildAssessments(db, { countries: ["MD", "GE", "UA"] })).versionId;
    secretariat = await as({ role: "secretariat", scopeType: "platform", scopeCode: null });
    regionSecretariat = await as({
      role: "secretariat",
      scopeType: "region",
      scopeCode: CHILDPACT_REGION.code,
    });
    mdContributor = await as({ role: "contributor", scopeType: "country", scopeCode: "MD" });
    geContributor = await as({ role: "contributor", scopeType: "country", scopeCode: "GE" });
    mdCoordinator = await as({ role: "coordinator", scopeType: "country", scopeCode: "MD" });
    nobody = await signInAs(app, await buildUser(db));
  });
  afterAll(async () => {
    await app?.close();
  });

  const valid = () => ({
    frameworkVersionId: versionId,
    period: "2027",
    name: { en: "CPI 2027", fr: "IPE 2027" },
    countries: ["MD", "GE"],
    opensOn: "2027-01-15",
    closesOn: "2027-06-30T17:00:00Z",
  });

  it("opens a cycle with one draft assessment per country", async () => {
    const res = await open(secretariat, valid());
    expect(res.statusCode).toBe(201);
    const cycle = res.json();
    expect(cycle).toMatchObject({
      frameworkVersionId: versionId,
      period: "2027",
      name: { en: "CPI 2027" },
      status: "open",
      closesOn: "2027-06-30T17:00:00.000Z",
    });
    expect(
      cycle.assessments.map((a: CycleOut["assessments"][number]) => [a.country, a.status, a.completion]),
    ).toEqual([
      ["GE", "draft", 0],
      ["MD", "draft", 0],
    ]);
  });

  it("refuses a second cycle for the same period, unknown countries, versions and bad dates", async () => {
    expect((await open(secretariat, valid())).statusCode).toBe(409);
    const unknown = await open(secretariat, { ...valid(), period: "2028", countries: ["MD", "QQ"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual(['countries.1: unknown country "QQ"']);
    const lower = await open(secretariat, { ...valid(), period: "2028", countries: ["md"] });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().details.join(" ")).toMatch(/countries/);
    const noVersion = await open(secretariat, {
      ...valid(),
      period: "2028",
      frameworkVersionId: "00000000-0000-4000-8000-000000000000",
    });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error).toMatch(/^frameworkVersionId/);
    const backwards = await open(secretariat, { ...valid(), period: "2028", closesOn: "2026-01-01" });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatch(/^closesOn/);
    const noName = await open(secretariat, { ...valid(), period: "2028", name: {} });
    expect(noName.statusCode).toBe(400);
  });

  it("lets only the secretariat and admins open cycles, within their scope", async () => {
    expect((await open(null, { ...valid(), period: "2029" })).statusCode).toBe(401);
    expect((await open(mdCoordinator, { ...valid(), period: "2029" })).statusCode).toBe(403);
    expect(
      (await open(regionSecretariat, { ...valid(), period: "2029", countries: ["MD", "FR"] })).statusCode,
    ).toBe(403);
    const inRegion = await open(regionSecretariat, { ...valid(), period: "2029", countries: ["UA"] });
    expect(inRegion.statusCode).toBe(201);
  });

  it("lists the cycles and assessments each person may see", async () => {
    const all = await list(secretariat);
    expect(all.map((c) => c.period).sort()).toEqual(["2026", "2027", "2029"]);
    expect(all.find((c) => c.period === "2027")!.assessments).toHaveLength(2);

    const md = await list(mdContributor);
    expect(md.map((c) => c.period).sort()).toEqual(["2026", "2027"]);
    expect(md.flatMap((c) => c.assessments.map((a) => a.country))).toEqual(["MD", "MD"]);
    const ge = await list(geContributor);
    expect(ge.flatMap((c) => c.assessments.map((a) => a.country))).toEqual(["GE", "GE"]);
    expect(await list(nobody)).toEqual([]);
    expect((await app.inject({ url: "/api/cycles" })).statusCode).toBe(401);
  });

  it("shows one cycle with completion, and hides cycles outside one's scope", async () => {
    const cycle = (await list(mdContributor)).find((c) => c.period === "2027")!;
    const mdAssessment = cycle.assessments[0]!;
    await app.inject({
      method: "PUT",
      url: `/api/assessments/${mdAssessment.id}/answers/ge.01`,
      headers: mdContributor.headers,
      payload: { value: "yes", expectedVersion: 0 },
    });
    const res = await app.inject({ url: `/api/cycles/${cycle.id}`, headers: mdContributor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().assessments).toEqual([expect.objectContaining({ country: "MD", answered: 1 })]);
    expect(res.json().assessments[0].completion).toBeGreaterThan(0);

    const ua = (await list(secretariat)).find((c) => c.period === "2029")!;
    expect(
      (await app.inject({ url: `/api/cycles/${ua.id}`, headers: mdContributor.headers })).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: `/api/cycles/${ua.id}`, headers: secretariat.headers })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ url: `/api/cycles/${ua.id}` })).statusCode).toBe(401);
    expect((await app.inject({ url: "/api/cycles/nope", headers: secretariat.headers })).statusCode).toBe(
      400,
    );
  });
});
