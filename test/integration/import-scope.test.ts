import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { countries, recommendations } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { multipartBody } from "./evidence-files.ts";

/*
 * An import writes recommendations and, through duplicates merged into stored ones, changes them:
 * every row is checked against the importer's scope, so a region's secretariat writes nothing
 * outside its region.
 */

const HEADER = "State under Review,Recommendation,Reccomending Body,Recommending State,Session,Themes";
const GEORGIA =
  "Georgia,Prohibit corporal punishment in alternative care.,Committee on the Rights of the Child";
const MOLDOVA =
  "Republic of Moldova,Raise the minimum age of marriage to 18.,Committee on the Rights of the Child";

function csv(...rows: string[]): Buffer {
  return Buffer.from(`${[HEADER, ...rows].join("\n")}\n`);
}

describeEachDatabase("imports: every row within the importer's scope", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let regional: Session;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db.update(countries).set({ regionCode: CHILDPACT_REGION.code }).where(eq(countries.code, "MD"));
    await db.update(countries).set({ regionCode: null }).where(eq(countries.code, "GE"));
    app = await buildApp({ database: database() });
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    regional = await signInAs(
      app,
      await buildUser(db, {
        grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  function upload(content: Buffer, as: Session) {
    const body = multipartBody({ filename: "list.csv", content }, { preset: "uhri" });
    return app.inject({
      method: "POST",
      url: "/api/recommendations/imports",
      payload: body.payload,
      headers: { ...as.headers, ...body.headers },
    });
  }
  async function georgiaRows() {
    return database()
      .db.select({ states: recommendations.recommendingStates, themes: recommendations.themes })
      .from(recommendations)
      .where(eq(recommendations.stateCode, "GE"));
  }

  it("refuses a regional secretariat's file merging into a recommendation outside its region; nothing is written", async () => {
    const stored = await upload(csv(`${GEORGIA},,90,Violence`), admin);
    expect(stored.statusCode, stored.body).toBe(201);
    const before = await georgiaRows();
    expect(before).toEqual([{ states: [], themes: ["Violence"] }]);

    // Line 2 repeats Georgia's stored recommendation with new details (a merge); line 3 is Moldova's.
    const res = await upload(
      csv(`${GEORGIA},France,90,Alternative care`, `${MOLDOVA},,90,Marriage`),
      regional,
    );
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().details).toEqual([
      "1 row: State outside your scope — line 2",
      "  line 2: Georgia is outside the scope of your role",
    ]);
    expect(await georgiaRows()).toEqual(before);
    const moldova = await database()
      .db.select({ id: recommendations.id })
      .from(recommendations)
      .where(eq(recommendations.stateCode, "MD"));
    expect(moldova).toEqual([]);
  });

  it("refuses a State that is no known country to anyone but platform-wide roles", async () => {
    const res = await upload(
      csv("Atlantis,Protect children online.,Committee on the Rights of the Child,,90,"),
      regional,
    );
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().details).toEqual([
      "1 row: State outside your scope — line 2",
      "  line 2: Atlantis is outside the scope of your role",
    ]);
    const byAdmin = await upload(
      csv("Atlantis,Protect children online.,Committee on the Rights of the Child,,90,"),
      admin,
    );
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });

  it("accepts the region's own recommendations, merges included", async () => {
    const first = await upload(csv(`${MOLDOVA},,90,Marriage`), regional);
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(csv(`${MOLDOVA},Norway,90,Marriage`), regional);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ added: 0, merged: 1 });
    const [row] = await database()
      .db.select({ states: recommendations.recommendingStates })
      .from(recommendations)
      .where(inArray(recommendations.stateCode, ["MD"]));
    expect(row?.states).toEqual(["Norway"]);
  });
});
