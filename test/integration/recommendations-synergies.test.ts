import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SynergiesOut, SynergyGroupOut } from "../../src/server/api-schemas/recommendations.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import {
  implementationAssessments,
  recommendationSynergies,
  recommendations,
} from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { signInTrackingPeople } from "../support/tracking-people.ts";
import { multipartBody } from "./evidence-files.ts";

/*
 * Synergies through the API: suggested from Moldova's recommendations of several mechanisms,
 * confirmed or dismissed by a person, a confirmed group tracked once (one status for every
 * member, in each member's timeline and once in the group's history), shown with all its sources
 * on each member, and undone. Georgia's coordinator sees and changes none of it.
 */

const RECS = [
  {
    key: "crc-27",
    mechanism: "crc",
    state: "MD",
    text: "Explicitly prohibit corporal punishment of children in all settings, including the home",
    articles: ["19"],
    themes: ["violence"],
  },
  {
    key: "upr-101",
    mechanism: "upr",
    state: "MD",
    text: "Prohibit corporal punishment of children in every setting, the home included, by law",
    articles: ["19"],
    themes: [],
  },
  {
    key: "upr-102",
    mechanism: "upr",
    state: "MD",
    text: "Ensure free birth registration for all children, including Roma children",
    articles: ["7"],
    themes: [],
  },
  {
    key: "ccpr-9",
    mechanism: "ccpr",
    state: "MD",
    text: "Guarantee free birth registration of all children, Roma children included",
    articles: ["7"],
    themes: [],
  },
  {
    key: "ge-crc",
    mechanism: "crc",
    state: "GE",
    text: "Explicitly prohibit corporal punishment of children in all settings, including the home",
    articles: ["19"],
    themes: [],
  },
];

describeEachDatabase("recommendations: synergies confirmed by a person, tracked once", (database) => {
  let app: FastifyInstance;
  let coordinatorMd: Session;
  let coordinatorGe: Session;
  let viewerMd: Session;
  let secretariat: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    ({ coordinatorMd, coordinatorGe, viewerMd, secretariat } = await signInTrackingPeople(db, app));
    const rows = await db
      .insert(recommendations)
      .values(
        RECS.map((r) => ({
          mechanism: r.mechanism,
          stateCode: r.state,
          stateName: r.state === "MD" ? "Moldova" : "Georgia",
          documentSymbol: `DOC/${r.key}`,
          paragraph: r.key.split("-")[1],
          text: { en: r.text },
          uncrcArticles: r.articles,
          themes: r.themes,
          importKey: `synergy-${r.key}`,
        })),
      )
      .returning({ id: recommendations.id, key: recommendations.importKey });
    for (const r of rows) ids[r.key.replace("synergy-", "")] = r.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const list = async (as: Session, state = "MD") => {
    const res = await app.inject({
      url: `/api/recommendations/synergies?state=${state}`,
      headers: as.headers,
    });
    return { status: res.statusCode, body: res.json() as SynergiesOut };
  };
  const post = (as: Session, url: string, payload: object) =>
    app.inject({ method: "POST", url, payload, headers: as.headers });

  it("suggests groups of different mechanisms with their texts and sources side by side, to the State's team only", async () => {
    const { status, body } = await list(viewerMd);
    expect(status).toBe(200);
    expect(body.recommendations).toBe(4);
    const sets = body.suggestions.map((s) => [...s.ids].sort());
    expect(sets).toContainEqual([ids["crc-27"]!, ids["upr-101"]!].sort());
    expect(sets).toContainEqual([ids["upr-102"]!, ids["ccpr-9"]!].sort());
    // Georgia's recommendation saying the same is another State's: never in Moldova's groups.
    expect(sets.flat()).not.toContain(ids["ge-crc"]);
    const punishment = body.suggestions.find((s) => s.ids.includes(ids["crc-27"]!))!;
    expect(punishment.mechanisms).toEqual(["crc", "upr"]);
    expect(punishment.articles).toEqual(["19"]);
    expect(punishment.members.map((m) => m.documentSymbol)).toEqual(["DOC/crc-27", "DOC/upr-101"]);
    expect(punishment.members[0]!.text.en).toContain("corporal punishment");
    expect(body.groups).toEqual([]);

    expect((await list(coordinatorGe)).status).toBe(403);
    const unknown = await app.inject({
      url: "/api/recommendations/synergies?state=ZZ",
      headers: viewerMd.headers,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await app.inject({
      url: "/api/recommendations/synergies?state=Moldova",
      headers: viewerMd.headers,
    });
    expect(bad.statusCode).toBe(400);
  });

  it("confirms a group (the coordinator, not a viewer nor another country), then tracks it once with history", async () => {
    const pair = [ids["crc-27"]!, ids["upr-101"]!];
    expect((await post(viewerMd, "/api/recommendations/synergies", { ids: pair })).statusCode).toBe(403);
    expect((await post(coordinatorGe, "/api/recommendations/synergies", { ids: pair })).statusCode).toBe(403);
    // Two States' recommendations are no synergy: outside Moldova's scope for its coordinator, and
    // 400 naming the field for the region's secretariat (who may track both); nothing written.
    const mixed = { ids: [ids["crc-27"]!, ids["ge-crc"]!] };
    expect((await post(coordinatorMd, "/api/recommendations/synergies", mixed)).statusCode).toBe(403);
    const mixedRegion = await post(secretariat, "/api/recommendations/synergies", mixed);
    expect(mixedRegion.statusCode).toBe(400);
    expect(mixedRegion.json().details.join(" ")).toContain("ids: to ");
    const one = await post(coordinatorMd, "/api/recommendations/synergies", { ids: [ids["crc-27"]!] });
    expect(one.statusCode).toBe(400);
    expect(one.json().details.join(" ")).toContain("ids");

    const confirmed = await post(coordinatorMd, "/api/recommendations/synergies", { ids: pair });
    expect(confirmed.statusCode).toBe(201);
    const group = confirmed.json() as SynergyGroupOut;
    expect(group.mechanisms).toEqual(["crc", "upr"]);
    expect(group.confirmedBy?.name).toBe("coordinator MD");
    expect(group.status).toEqual({ government: null, coalition: null });
    // A recommendation is in one confirmed group at most.
    const again = await post(coordinatorMd, "/api/recommendations/synergies", {
      ids: [ids["crc-27"]!, ids["ccpr-9"]!],
    });
    expect(again.statusCode).toBe(409);

    // The confirmed group leaves the suggestions and is listed once, with both sources.
    const after = (await list(viewerMd)).body;
    expect(after.suggestions.flatMap((s) => s.ids)).not.toContain(ids["crc-27"]);
    expect(after.groups.map((g) => g.id)).toEqual([group.id]);
    expect(after.groups[0]!.members.map((m) => m.id).sort()).toEqual([...pair].sort());

    // Tracked once: one status for the group is every member's, in each timeline.
    const status = { status: "partially_implemented", assessedByKind: "coalition", assessedOn: "2026-03-01" };
    expect(
      (await post(viewerMd, `/api/recommendations/synergies/${group.id}/assessments`, status)).statusCode,
    ).toBe(403);
    const tracked = await post(coordinatorMd, `/api/recommendations/synergies/${group.id}/assessments`, {
      ...status,
      evidenceText: "The Family Code amendment passed first reading.",
    });
    expect(tracked.statusCode).toBe(201);
    const out = tracked.json() as SynergyGroupOut;
    expect(out.status.coalition).toBe("partially_implemented");
    expect(out.members.map((m) => m.currentStatus.coalition)).toEqual([
      "partially_implemented",
      "partially_implemented",
    ]);
    expect(out.history).toHaveLength(1);
    expect(out.history[0]).toMatchObject({
      status: "partially_implemented",
      evidenceText: "The Family Code amendment passed first reading.",
      recordedBy: { name: "coordinator MD" },
    });
    for (const id of pair) {
      const timeline = await app.inject({
        url: `/api/recommendations/${id}/timeline`,
        headers: viewerMd.headers,
      });
      const entries = timeline.json().entries as { status: string; synergyId: string | null }[];
      expect(entries.map((e) => [e.status, e.synergyId])).toEqual([["partially_implemented", group.id]]);
    }
    // A member's own assessment afterwards makes the group's statuses differ: no common status.
    await post(coordinatorMd, `/api/recommendations/${pair[0]}/assessments`, {
      ...status,
      status: "implemented",
      assessedOn: "2026-04-01",
    });
    const shown = await app.inject({
      url: `/api/recommendations/${pair[1]}/synergy`,
      headers: viewerMd.headers,
    });
    expect(shown.statusCode).toBe(200);
    const shownGroup = shown.json().group as SynergyGroupOut;
    expect(shownGroup.id).toBe(group.id);
    expect(shownGroup.status.coalition).toBeNull();
    expect(shownGroup.members.map((m) => m.mechanism)).toEqual(["crc", "upr"]);
    expect(shownGroup.history).toHaveLength(1);
    // Outside the State's team, the group is not shown.
    const outside = await app.inject({
      url: `/api/recommendations/${pair[1]}/synergy`,
      headers: coordinatorGe.headers,
    });
    expect(outside.statusCode).toBe(403);
    const none = await app.inject({
      url: `/api/recommendations/${ids["upr-102"]}/synergy`,
      headers: viewerMd.headers,
    });
    expect(none.json()).toEqual({ group: null });
  });

  it("dismisses a suggestion for good, and undoes a confirmed group keeping its members' history", async () => {
    const pair = [ids["upr-102"]!, ids["ccpr-9"]!];
    expect(
      (await post(viewerMd, "/api/recommendations/synergies/dismissals", { ids: pair })).statusCode,
    ).toBe(403);
    const dismissed = await post(coordinatorMd, "/api/recommendations/synergies/dismissals", { ids: pair });
    expect(dismissed.statusCode).toBe(201);
    expect(
      (await post(coordinatorMd, "/api/recommendations/synergies/dismissals", { ids: pair })).statusCode,
    ).toBe(201);
    expect((await list(viewerMd)).body.suggestions).toEqual([]);
    const { db } = database();
    const decisions = await db
      .select()
      .from(recommendationSynergies)
      .where(eq(recommendationSynergies.decision, "dismissed"));
    expect(decisions).toHaveLength(1);

    const [group] = (await list(viewerMd)).body.groups;
    const refused = await app.inject({
      method: "DELETE",
      url: `/api/recommendations/synergies/${group!.id}`,
      headers: coordinatorGe.headers,
    });
    expect(refused.statusCode).toBe(403);
    const undone = await app.inject({
      method: "DELETE",
      url: `/api/recommendations/synergies/${group!.id}`,
      headers: coordinatorMd.headers,
    });
    expect(undone.statusCode).toBe(204);
    const after = (await list(viewerMd)).body;
    expect(after.groups).toEqual([]);
    // Suggested again, to decide anew; the assessments recorded for the group stay on each member.
    expect(after.suggestions.map((s) => [...s.ids].sort())).toEqual([
      [ids["crc-27"]!, ids["upr-101"]!].sort(),
    ]);
    const kept = await db
      .select()
      .from(implementationAssessments)
      .where(inArray(implementationAssessments.recommendationId, [ids["crc-27"]!, ids["upr-101"]!]));
    expect(kept).toHaveLength(3);
    expect(kept.every((a) => a.synergyId === null)).toBe(true);
    const gone = await app.inject({
      method: "DELETE",
      url: `/api/recommendations/synergies/${group!.id}`,
      headers: coordinatorMd.headers,
    });
    expect(gone.statusCode).toBe(404);
  });
  it("imports a regional body's conclusions like the UN's (generic preset), and they join the synergies", async () => {
    const { db } = database();
    const admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    // The European Committee of Social Rights publishes no tabular export: a coalition lists its
    // conclusions in a sheet of its own, named by the body or left to the form's default.
    const csv = [
      "Body,Reference,Country,Conclusion,Articles",
      '"European Committee of Social Rights (ECSR)",Conclusions 2019 Art. 17§1,MD,"Corporal punishment of children is not explicitly prohibited in all settings, including the home",19',
      ',Conclusions 2019 Art. 7§1,MD,"The minimum age of admission to employment is not respected in agriculture",32',
    ].join("\n");
    const body = multipartBody(
      { filename: "ecsr-conclusions.csv", content: Buffer.from(csv) },
      {
        preset: "generic",
        mechanism: "ecsr",
        columns: JSON.stringify({
          Body: "mechanism",
          Reference: "documentSymbol",
          Country: "state",
          Conclusion: "text",
          Articles: "uncrcArticles",
        }),
      },
    );
    const res = await app.inject({
      method: "POST",
      url: "/api/recommendations/imports",
      payload: body.payload,
      headers: { ...admin.headers, ...body.headers },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rowsRead: 2, added: 2 });
    const found = await app.inject({
      url: "/api/recommendations?mechanism=ecsr&state=MD",
      headers: viewerMd.headers,
    });
    expect(
      found.json().items.map((r: { mechanism: string; stateCode: string }) => [r.mechanism, r.stateCode]),
    ).toEqual([
      ["ecsr", "MD"],
      ["ecsr", "MD"],
    ]);
    // The regional conclusion on corporal punishment joins the CRC's and the UPR's in a suggestion.
    const { body: listed } = await list(viewerMd);
    const punishment = listed.suggestions.find((g) => g.ids.includes(ids["crc-27"]!))!;
    expect(punishment.mechanisms).toEqual(["crc", "ecsr", "upr"]);
  });
});
