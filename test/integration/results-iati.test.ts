import { readFileSync } from "node:fs";
import { count, desc, eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  auditEvents,
  countries,
  resultIndicators,
  resultNodes,
  resultPlans,
  resultValueHistory,
  resultValues,
} from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { IATI_103, validateIati } from "../support/iati.ts";
import { buildOrganisation } from "../support/results-factories.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";
import { multipartBody } from "./evidence-files.ts";

type PlanJson = {
  title: Record<string, string>;
  levels: { key: string }[];
  periods: { key: string; label: string; startsOn: string; endsOn: string }[];
  nodes: {
    id: string;
    parentId: string | null;
    level: string;
    code: string;
    title: object;
    description: object | null;
  }[];
  indicators: {
    nodeId: string;
    code: string;
    title: object;
    type: string;
    direction: string;
    baselineValue: number | null;
    baselineDate: string | null;
    values: Record<
      string,
      { target: Record<string, unknown> | null; actual: Record<string, unknown> | null }
    >;
  }[];
};

/** A plan without ids, versions and who/when: what an export and import must keep. */
function shape(plan: PlanJson) {
  const codeOf = new Map(plan.nodes.map((n) => [n.id, n.code]));
  const value = (v: Record<string, unknown> | null) =>
    v && { value: v.value, narrative: v.narrative, comment: v.comment };
  return {
    title: plan.title,
    levels: plan.levels.map((l) => l.key),
    periods: plan.periods,
    nodes: plan.nodes.map((n) => ({
      parent: n.parentId ? codeOf.get(n.parentId) : null,
      level: n.level,
      code: n.code,
      title: n.title,
      description: n.description,
    })),
    indicators: plan.indicators.map((i) => ({
      node: codeOf.get(i.nodeId),
      code: i.code,
      title: i.title,
      type: i.type,
      direction: i.direction,
      baselineValue: i.baselineValue,
      baselineDate: i.baselineDate,
      values: Object.fromEntries(
        Object.entries(i.values).map(([p, v]) => [p, { target: value(v.target), actual: value(v.actual) }]),
      ),
    })),
  };
}

async function counts(db: Db) {
  const out: Record<string, number> = {};
  const tables = {
    resultPlans,
    resultNodes,
    resultIndicators,
    resultValues,
    resultValueHistory,
    auditEvents,
  };
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

describeEachDatabase("results: IATI import and export", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};
  let coalitionId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, ["MD"]));
    app = await buildApp({ database: database() });
    const people = {
      coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
      viewer: { role: "viewer", scopeType: "country", scopeCode: "MD" },
      otherCoordinator: { role: "coordinator", scopeType: "country", scopeCode: "GE" },
    } as const;
    for (const [name, grant] of Object.entries(people)) {
      as[name] = await signInAs(app, await buildUser(db, { grants: [grant], name }));
    }
    coalitionId = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
  });
  afterAll(async () => {
    await app?.close();
  });

  const upload = (
    who: string,
    filename: string,
    content: Buffer | string,
    fields: Record<string, string> = {},
  ) => {
    const { payload, headers } = multipartBody(
      { filename, content: Buffer.isBuffer(content) ? content : Buffer.from(content) },
      { organisationId: coalitionId, ...fields },
    );
    return app.inject({
      method: "POST",
      url: "/api/results/plans/import-iati",
      headers: { ...as[who]!.headers, ...headers },
      payload,
    });
  };
  const getPlan = async (id: string) => {
    const res = await app.inject({
      method: "GET",
      url: `/api/results/plans/${id}`,
      headers: as.coordinator!.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PlanJson;
  };
  const exportXml = (id: string, who = "coordinator") =>
    app.inject({ method: "GET", url: `/api/results/plans/${id}/export.iati.xml`, headers: as[who]!.headers });

  it("imports a 1.03 file into a new plan: levels by result type, periods, values through the versioned save", async () => {
    const { db } = database();
    const dry = await upload("coordinator", "plan.xml", IATI_103, { dryRun: "true" });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ activities: 1, nodes: 3, indicators: 3, values: 7, problems: [] });
    const before = await counts(db);
    const res = await upload("coordinator", "plan.xml", IATI_103);
    expect(res.statusCode, res.body).toBe(201);
    expect((await counts(db)).resultPlans).toBe((before.resultPlans ?? 0) + 1);
    const plan = await getPlan(res.json().id);
    expect(plan.title).toEqual({ fr: "Protection de l'enfance & justice", en: "Child protection & justice" });
    expect(plan.levels.map((l) => l.key)).toEqual(["activity", "outcome", "output"]);
    expect(plan.periods.map((p) => p.key)).toEqual(["2014", "2015"]);
    const [count1, rate, law] = plan.indicators;
    expect(count1).toMatchObject({ type: "number", baselineValue: 120, baselineDate: "2013-01-01" });
    expect(count1!.values["2014"]!.actual).toMatchObject({
      value: 180.5,
      comment: "Données partielles",
      version: 1,
    });
    expect(rate).toMatchObject({ type: "percentage", direction: "decrease", baselineValue: 40 });
    expect(rate!.values["2014"]!.actual).toMatchObject({ value: 35 });
    expect(law!.values["2014"]!.target).toMatchObject({ narrative: "Adoptée", value: null });
    expect(law).toMatchObject({ type: "narrative" });
    const history = await db.select().from(resultValueHistory);
    expect(history.filter((h) => h.source === "iati")).toHaveLength(7);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "results.iati-imported"));
    expect(audit).toMatchObject({ targetId: res.json().id, country: "MD" });
  });

  it("exports a plan as IATI 2.03 that validates against the official schema and imports back to the same plan", async () => {
    const first = await upload("coordinator", "plan.xml", IATI_103);
    const original = await getPlan(first.json().id);
    const xml = await exportXml(first.json().id);
    expect(xml.statusCode, xml.body).toBe(200);
    expect(xml.headers["content-type"]).toMatch(/application\/xml/);
    expect(xml.body).toContain('<iati-activities version="2.03"');
    const validation = await validateIati(xml.body);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    const again = await upload("coordinator", "plan.iati.xml", xml.body);
    expect(again.statusCode, again.body).toBe(201);
    expect(shape(await getPlan(again.json().id))).toEqual(shape(original));
    // A viewer may export; someone from another country may not see the plan.
    expect((await exportXml(first.json().id, "viewer")).statusCode).toBe(200);
    expect((await exportXml(first.json().id, "otherCoordinator")).statusCode).toBe(404);
  });

  it.skipIf(!hasSharedData)(
    "imports every shared IATI file or refuses it naming each odd value's activity, indicator and period, writing nothing",
    async () => {
      const { db } = database();
      const file = (name: string) => readFileSync(sharedData("iati", name));

      // The official annotated example imports, and its export validates and reads back the same.
      const example = await upload(
        "coordinator",
        "example.xml",
        file("iati-activity-standard-example-annotated-2.03.xml"),
      );
      expect(example.statusCode, example.body).toBe(201);
      const plan = await getPlan(example.json().id);
      expect(plan.indicators[0]).toMatchObject({ type: "number", baselineValue: 10 });
      expect(plan.indicators[0]!.values["2013-01-01_2013-03-31"]!.target).toMatchObject({ value: 10 });
      const xml = (await exportXml(example.json().id)).body;
      expect((await validateIati(xml)).errors).toEqual([]);
      const back = await upload("coordinator", "example-export.xml", xml);
      expect(shape(await getPlan(back.json().id))).toEqual(shape(plan));

      for (const name of [
        "derived-unicef-activities-with-results.xml",
        "dportal-dflat-downloads-activities.xml",
      ]) {
        const before = await counts(db);
        const dry = await upload("coordinator", name, file(name), { dryRun: "true" });
        expect(dry.statusCode, dry.body).toBe(200);
        const preview = dry.json();
        expect(preview.problems.length, name).toBeGreaterThan(0);
        const res = await upload("coordinator", name, file(name));
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatch(new RegExp(`${name} was not imported: \\d+ problems`));
        expect(res.json().details).toEqual(preview.problems.map((p: { message: string }) => p.message));
        expect(await counts(db), name).toEqual(before);
        const details = res.json().details as string[];
        expect(details).toContain(
          'activity "XM-DAC-41122-Guinea-1770/A0/04/708/007", indicator "Households reached with interpersonal communication on Ebola prevention", period 2014–2015, target: "2015:1004106" is not a number',
        );
        expect(details.some((d) => /indicator ".*", baseline: "Not available" is not a number/.test(d))).toBe(
          true,
        );
        // Every message names the activity and the indicator.
        for (const d of details) expect(d).toMatch(/^activity ".+", indicator (".+"|A\d+\.R\d+\.I\d+)/);
        // Each problem also has a code, its parameters and its place, for the web app's languages.
        expect(preview.problems).toContainEqual({
          code: "notNumber",
          params: { found: "2015:1004106" },
          at: {
            activity: "XM-DAC-41122-Guinea-1770/A0/04/708/007",
            indicator: "Households reached with interpersonal communication on Ebola prevention",
            period: "2014–2015",
            value: "target",
          },
          message: details.find((d) => d.includes("2015:1004106")),
        });
        for (const p of preview.problems) expect(p.at.activity, p.message).toBeTruthy();
      }
      const dportal = (
        await upload("coordinator", "d.xml", file("dportal-dflat-downloads-activities.xml"), {
          dryRun: "true",
        })
      ).json();
      expect(dportal).toMatchObject({ activities: 29, indicators: 255 });
    },
  );

  const merge = (id: string, filename: string, content: string, dryRun = false, who = "coordinator") => {
    const { payload, headers } = multipartBody(
      { filename, content: Buffer.from(content) },
      dryRun ? { dryRun: "true" } : {},
    );
    return app.inject({
      method: "POST",
      url: `/api/results/plans/${id}/import-iati`,
      headers: { ...as[who]!.headers, ...headers },
      payload,
    });
  };
  /** The 1.03 file as its publisher sent it a year later: a corrected actual, a 2015 target by sex, a new indicator and period. */
  const LATER = IATI_103.replace('<actual value="180.5">', '<actual value="190">')
    .replace(
      '<target value="300"/>',
      '<target value="300"/><target value="160"><dimension name="Sex" value="Female"/></target><target value="140"><dimension name="Sex" value="Male"/></target>',
    )
    .replace(
      '   </indicator>\n  </result>\n  <result type="1">',
      `   </indicator>
   <indicator measure="1" ascending="1">
    <title>Nombre de juges formés</title>
    <period>
     <period-start iso-date="2016-01-01"/><period-end iso-date="2016-12-31"/>
     <target value="40"/>
    </period>
   </indicator>
  </result>
  <result type="1">`,
    );

  it("merges a later file into the plan it came from: a preview of what is added, changed and left, then one transaction; the same file again changes nothing", async () => {
    const { db } = database();
    expect(LATER).toContain("Nombre de juges formés");
    const first = await upload("coordinator", "plan.xml", IATI_103);
    const id = first.json().id as string;
    const before = await counts(db);

    const dry = await merge(id, "later.xml", LATER, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const preview = dry.json();
    expect(preview).toMatchObject({ ok: true, dryRun: true, problems: [], left: 0 });
    const whats = preview.changes.map((c: { action: string; what: string }) => `${c.action}: ${c.what}`);
    expect(whats).toEqual(
      expect.arrayContaining([
        "add: period 2016",
        "add: category sex (female, male)",
        "change: actual 2014 of A1.R1.I1: 180.5 → 190",
        "add: indicator A1.R1.I3 under A1.R1",
        "change: definition of indicator A1.R1.I1",
        "add: target 2016 of A1.R1.I3: 40",
      ]),
    );
    expect(preview.changed).toBeGreaterThanOrEqual(2);
    expect(await counts(db)).toEqual(before);

    const applied = await merge(id, "later.xml", LATER);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({
      ok: true,
      dryRun: false,
      added: preview.added,
      changed: preview.changed,
    });
    const plan = await getPlan(id);
    expect((await counts(db)).resultPlans).toBe(before.resultPlans);
    expect(plan.periods.map((p) => p.key)).toEqual(["2014", "2015", "2016"]);
    const [count1, , , judges] = plan.indicators;
    expect(count1!.values["2014"]!.actual).toMatchObject({ value: 190, version: 2 });
    expect(count1!.values["2015"]!.target).toMatchObject({
      value: 300,
      breakdown: { sex: { female: 160, male: 140 } },
    });
    expect(judges).toMatchObject({ code: "A1.R1.I3" });
    expect(judges!.values["2016"]!.target).toMatchObject({ value: 40 });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, id))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(audit).toMatchObject({
      action: "results.iati-imported",
      details: expect.objectContaining({ into: "existing plan" }),
    });

    // Re-importing the same file changes nothing at all.
    const afterMerge = await counts(db);
    const again = await merge(id, "later.xml", LATER);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ added: 0, changed: 0 });
    expect(await counts(db)).toEqual(afterMerge);

    // The older file: its actual back, the new indicator left as it is.
    const older = (await merge(id, "plan.xml", IATI_103, true)).json();
    expect(older).toMatchObject({ ok: true, added: 0, left: 1 });
    expect(older.changes.map((c: { what: string }) => c.what)).toContain(
      "actual 2014 of A1.R1.I1: 190 → 180.5",
    );

    // Only an editor of the plan may merge; a breakdown that does not add up is refused whole.
    expect((await merge(id, "later.xml", LATER, true, "viewer")).statusCode).toBe(403);
    expect([403, 404]).toContain((await merge(id, "later.xml", LATER, true, "otherCoordinator")).statusCode);
    const wrong = await merge(
      id,
      "wrong.xml",
      LATER.replace('<actual value="190">', '<actual value="500">').replace(
        '<target value="140">',
        '<target value="99">',
      ),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().problems[0]).toMatchObject({
      code: "breakdown",
      at: { indicator: "A1.R1.I1", period: "2015", value: "target" },
    });
    expect(
      wrong
        .json()
        .problems.map((p: { message: string }) => p.message)
        .join(" "),
    ).toMatch(/indicator A1\.R1\.I1, period 2015, target: breakdown/);
    expect(await counts(db)).toEqual(afterMerge);
  });

  it("merges nothing into an approved plan's tree: a new indicator and a changed definition are problems, nothing written", async () => {
    const { db } = database();
    const id = (await upload("coordinator", "plan.xml", IATI_103)).json().id as string;
    const admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    const approval = (approved: boolean) =>
      app.inject({
        method: "POST",
        url: `/api/results/plans/${id}/approval`,
        headers: admin.headers,
        payload: { approved, isPublic: false },
      });
    expect((await approval(true)).statusCode).toBe(204);
    const before = await counts(db);
    const refused = await merge(id, "later.xml", LATER);
    expect(refused.statusCode).toBe(400);
    const locked = refused
      .json()
      .problems.filter((p: { code: string }) => p.code === "structureLocked")
      .map((p: { message: string }) => p.message);
    expect(locked).toEqual(
      expect.arrayContaining([
        "indicator A1.R1.I3: the plan is approved: an indicator cannot be added until the plan is reopened",
        expect.stringMatching(
          /^indicator A1\.R1\.I1: the plan is approved: .*disaggregations of an indicator cannot change/,
        ),
      ]),
    );
    expect(await counts(db)).toEqual(before);
    expect((await approval(false)).statusCode).toBe(204);
  });

  it("writes breakdowns back as IATI dimensions: the export validates and merges into its own plan as no change", async () => {
    const first = await upload("coordinator", "plan.xml", LATER);
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().id as string;
    const original = await getPlan(id);
    expect(original.indicators[0]!.values["2015"]!.target).toMatchObject({
      breakdown: { sex: { female: 160, male: 140 } },
    });
    const xml = (await exportXml(id)).body;
    expect(xml).toContain('<dimension name="sex" value="female"/>');
    expect(xml).toContain('<reference vocabulary="99" code="A1.R1.I1"/>');
    const validation = await validateIati(xml);
    expect(validation.errors).toEqual([]);
    // Into the plan it came from: nothing to add or change.
    const back = await merge(id, "export.xml", xml);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ ok: true, added: 0, changed: 0, left: 1 });
    // As a new plan: the same tree, values and breakdowns.
    const copy = await upload("coordinator", "export.xml", xml);
    expect(copy.statusCode, copy.body).toBe(201);
    const twin = await getPlan(copy.json().id);
    expect(shape(twin)).toEqual(shape(original));
    expect(twin.indicators[0]!.values["2015"]!.target).toMatchObject({
      breakdown: { sex: { female: 160, male: 140 } },
    });
  });

  it("refuses broken XML, a DOCTYPE with entities, a huge file, and people without the right, changing nothing", async () => {
    const { db } = database();
    const before = await counts(db);
    const broken = await upload(
      "coordinator",
      "broken.xml",
      "<iati-activities><iati-activity></iati-activities>",
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe("broken.xml is not well-formed XML");
    expect(broken.json().details[0]).toMatch(/^line 1, column \d+: /);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><iati-activities>&lol2;</iati-activities>`;
    const bomb = await upload("coordinator", "laughs.xml", laughs);
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error).toMatch(/laughs\.xml declares a DOCTYPE or entities.*refused/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><iati-activities>&e;</iati-activities>`;
    expect((await upload("coordinator", "xxe.xml", xxe)).json().error).toMatch(/DOCTYPE/);
    const notIati = await upload("coordinator", "other.xml", "<feed/>");
    expect(notIati.json().error).toMatch(/root element must be <iati-activities>/);
    const huge = Buffer.alloc(21 * 1048576, 0x20);
    const big = await upload("coordinator", "huge.xml", huge);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatch(/huge\.xml is over the limit of 20 MB/);
    expect((await upload("viewer", "plan.xml", IATI_103)).statusCode).toBe(403);
    expect((await upload("otherCoordinator", "plan.xml", IATI_103)).statusCode).toBe(403);
    const badField = await upload("coordinator", "plan.xml", IATI_103, { organisationId: "nope" });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().details.join(" ")).toMatch(/organisationId/);
    expect(await counts(db)).toEqual(before);
  });
});
