import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { countries, organisations, regions } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";

/**
 * Which region a plan is in. The open question of issue 11 — "a region secretariat got 403
 * approving the Moldova coalition's plan" — reproduces when Moldova is in no region (the
 * reference data leave every country without one until an administrator or the demo places
 * it): the plan is then outside the secretariat's scope, which reading shows too (404), as
 * for Moldova's assessments. The bug found on the way: a coalition whose own row named
 * another region was put in that region instead of its country's.
 */
describeEachDatabase("results: the region of an organisation's plans", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};
  let userId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db.insert(regions).values({ code: "OTHER", name: { en: "Another region" } });
    app = await buildApp({ database: database() });
    const people = {
      secretariat: { role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code },
      otherSecretariat: { role: "secretariat", scopeType: "region", scopeCode: "OTHER" },
      roCoordinator: { role: "coordinator", scopeType: "country", scopeCode: "RO" },
    } as const;
    for (const [name, grant] of Object.entries(people)) {
      const user = await buildUser(db, { grants: [grant], name });
      userId = user.id;
      as[name] = await signInAs(app, user);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const read = (who: string, id: string) =>
    app.inject({ method: "GET", url: `/api/results/plans/${id}`, headers: as[who]!.headers });
  const approve = (who: string, id: string) =>
    app.inject({
      method: "POST",
      url: `/api/results/plans/${id}/approval`,
      payload: { approved: true },
      headers: as[who]!.headers,
    });
  const statuses = async (who: string, id: string) => [
    (await read(who, id)).statusCode,
    (await approve(who, id)).statusCode,
  ];

  it("puts a coalition's plan in its country's region, whatever region the coalition's row names", async () => {
    const { db } = database();
    const coalition = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
    const { planId } = await buildPlan(db, coalition, userId);
    // Moldova in no region yet: outside the regional secretariat's scope, consistently.
    expect(await statuses("secretariat", planId)).toEqual([404, 403]);

    await db.update(countries).set({ regionCode: CHILDPACT_REGION.code }).where(eq(countries.code, "MD"));
    expect(await statuses("secretariat", planId)).toEqual([200, 204]);

    // The coalition's row names another region: its country's region still decides.
    await db.update(organisations).set({ regionCode: "OTHER" }).where(eq(organisations.id, coalition));
    expect(await statuses("secretariat", planId)).toEqual([200, 204]);
    expect(await statuses("otherSecretariat", planId)).toEqual([404, 403]);

    // A coalition whose country is in no region: the row's region is the one left.
    await db.update(countries).set({ regionCode: null }).where(eq(countries.code, "MD"));
    expect(await statuses("otherSecretariat", planId)).toEqual([200, 204]);
    await db.update(countries).set({ regionCode: CHILDPACT_REGION.code }).where(eq(countries.code, "MD"));
  });

  it("keeps a regional network's plan in its region even when the network records its office's country", async () => {
    const { db } = database();
    const network = await buildOrganisation(db, { region: CHILDPACT_REGION.code }, "ChildPact");
    await db.update(organisations).set({ countryCode: "RO" }).where(eq(organisations.id, network));
    const { planId } = await buildPlan(db, network, userId);
    expect(await statuses("roCoordinator", planId)).toEqual([404, 403]);
    expect(await statuses("secretariat", planId)).toEqual([200, 204]);
  });
});
