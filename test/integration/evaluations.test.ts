import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { countries, recommendations } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { EVALUATION_BODY, OUTCOME_BODY } from "../support/evaluation-factories.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";

describeEachDatabase(
  "results: evaluations, follow-up of their recommendations, advocacy outcomes",
  (database) => {
    let app: FastifyInstance;
    const as: Record<string, Session> = {};
    let planId: string;
    let outcomeNodeId: string;
    let recommendationIds: string[];

    beforeAll(async () => {
      const { db } = database();
      await seedReference(db);
      await db
        .update(countries)
        .set({ regionCode: CHILDPACT_REGION.code })
        .where(inArray(countries.code, ["MD", "GE"]));
      app = await buildApp({ database: database() });
      const people = {
        coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
        contributor: { role: "contributor", scopeType: "country", scopeCode: "MD" },
        viewer: { role: "viewer", scopeType: "country", scopeCode: "MD" },
        otherCoordinator: { role: "coordinator", scopeType: "country", scopeCode: "GE" },
      } as const;
      const ids: Record<string, string> = {};
      for (const [name, grant] of Object.entries(people)) {
        const user = await buildUser(db, { grants: [grant], name });
        ids[name] = user.id;
        as[name] = await signInAs(app, user);
      }
      const organisationId = await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
      const plan = await buildPlan(db, organisationId, ids.coordinator!);
      planId = plan.planId;
      outcomeNodeId = plan.outcomeId;
      const rows = await db
        .insert(recommendations)
        .values(
          ["1", "2"].map((p) => ({
            mechanism: "crc",
            stateCode: "MD",
            stateName: "Republic of Moldova",
            paragraph: p,
            documentSymbol: "CRC/C/MDA/CO/4-5",
            text: { en: `Ban corporal punishment (${p})` },
            importKey: `eval-test-${p}`,
          })),
        )
        .returning({ id: recommendations.id });
      recommendationIds = rows.map((r) => r.id);
    });
    afterAll(async () => {
      await app?.close();
    });

    const call = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
      app.inject({ method, url: `/api/results/plans/${planId}${url}`, payload, headers: as[who]!.headers });

    it("records an evaluation with findings on its own scale and sums them up per criterion", async () => {
      const first = await call("coordinator", "POST", "/evaluations", {
        ...EVALUATION_BODY,
        nodeId: outcomeNodeId,
      });
      expect(first.statusCode, first.body).toBe(201);
      const threePoints = [
        { value: 1, label: { en: "Poor", fr: "Faible" } },
        { value: 2, label: { en: "Fair" } },
        { value: 3, label: { en: "Good", ar: "جيد" } },
      ];
      const second = await call("coordinator", "POST", "/evaluations", {
        ...EVALUATION_BODY,
        title: { en: "Final evaluation" },
        type: "final",
        periodEnd: "2026-12-31",
        scale: threePoints,
        findings: [{ criterion: "effectiveness", rating: 2, narrative: { en: "Half the targets met" } }],
      });
      expect(second.statusCode, second.body).toBe(201);

      const list = await call("viewer", "GET", "/evaluations");
      expect(list.statusCode).toBe(200);
      const body = list.json();
      expect(body).toMatchObject({ canEdit: false, canReport: false });
      expect(body.evaluations.map((e: { type: string }) => e.type)).toEqual(["mid_term", "final"]);
      expect(body.evaluations[0].nodeId).toBe(outcomeNodeId);
      expect(body.evaluations[0].findings.map((f: { criterion: string }) => f.criterion)).toEqual([
        "relevance",
        "coherence",
        "effectiveness",
        "efficiency",
        "impact",
        "sustainability",
        "ethics",
      ]);

      const summary = (await call("viewer", "GET", "/evaluations/summary")).json();
      const effectiveness = summary.rows.find((r: { criterion: string }) => r.criterion === "effectiveness");
      expect(effectiveness.ratings).toEqual([
        { rating: 3, label: EVALUATION_BODY.scale[2]!.label, share: 2 / 3 },
        { rating: 2, label: { en: "Fair" }, share: 0.5 },
      ]);
      const ethics = summary.rows.find((r: { criterion: string }) => r.criterion === "ethics");
      expect(ethics.ratings.map((r: { rating: number | null }) => r.rating)).toEqual([4, null]);

      // A change replaces the findings.
      const id = first.json().id as string;
      const changed = await call("coordinator", "PUT", `/evaluations/${id}`, {
        ...EVALUATION_BODY,
        findings: [{ criterion: "impact", rating: 1, narrative: { en: "Too early to tell" } }],
      });
      expect(changed.statusCode, changed.body).toBe(204);
      const after = (await call("coordinator", "GET", "/evaluations")).json();
      expect(after.canEdit).toBe(true);
      expect(after.evaluations[0].findings).toEqual([
        { criterion: "impact", rating: 1, narrative: { en: "Too early to tell" }, evidence: [] },
      ]);
    });

    it("refuses ratings off the scale and other bad input with a 400 naming the field", async () => {
      const cases: [object, string][] = [
        [{ findings: [{ criterion: "impact", rating: 7 }] }, "findings/0/rating"],
        [{ findings: [{ criterion: "beauty", rating: 1 }] }, "findings/0/criterion"],
        [{ scale: [{ value: 1, label: { en: "Only" } }] }, "scale"],
        [{ periodStart: "2026-01-01", periodEnd: "2025-01-01" }, "periodEnd"],
        [{ type: "annual" }, "type"],
        [{ nodeId: "00000000-0000-4000-8000-000000000000" }, "nodeId"],
      ];
      for (const [change, field] of cases) {
        const res = await call("coordinator", "POST", "/evaluations", { ...EVALUATION_BODY, ...change });
        expect(res.statusCode, JSON.stringify(change)).toBe(400);
        expect(res.body, JSON.stringify(change)).toContain(field);
      }
      const badOutcome = await call("coordinator", "POST", "/outcomes", {
        ...OUTCOME_BODY,
        recommendationIds: ["00000000-0000-4000-8000-000000000000"],
      });
      expect(badOutcome.statusCode).toBe(400);
      expect(badOutcome.body).toContain("recommendationIds");
      const badDate = await call("coordinator", "POST", "/outcomes", { ...OUTCOME_BODY, achievedOn: "soon" });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.body).toContain("achievedOn");
    });

    it("keeps every follow-up change of a recommendation with who and when", async () => {
      const evaluation = await call("coordinator", "POST", "/evaluations", EVALUATION_BODY);
      const evalId = evaluation.json().id as string;
      const rec = await call("coordinator", "POST", `/evaluations/${evalId}/recommendations`, {
        text: { en: "Publish referral data each quarter" },
        dueOn: "2026-06-30",
      });
      expect(rec.statusCode, rec.body).toBe(201);
      const recUrl = `/evaluations/${evalId}/recommendations/${rec.json().id}`;
      // Contributors report follow-up (plan:report); a viewer may not; nor may a contributor add recommendations.
      expect(
        (await call("viewer", "PUT", recUrl, { responseDecision: null, status: "in_progress" })).statusCode,
      ).toBe(403);
      expect(
        (await call("contributor", "POST", `/evaluations/${evalId}/recommendations`, { text: { en: "x" } }))
          .statusCode,
      ).toBe(403);
      const accepted = await call("coordinator", "PUT", recUrl, {
        responseDecision: "accepted",
        managementResponse: { en: "We agree" },
        status: "in_progress",
      });
      expect(accepted.statusCode, accepted.body).toBe(204);
      const done = await call("contributor", "PUT", recUrl, {
        responseDecision: "accepted",
        managementResponse: { en: "We agree" },
        status: "completed",
        note: "First quarterly report published",
      });
      expect(done.statusCode, done.body).toBe(204);
      const bad = await call("contributor", "PUT", recUrl, {
        responseDecision: "maybe",
        status: "completed",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("responseDecision");

      const list = (await call("contributor", "GET", "/evaluations")).json();
      expect(list).toMatchObject({ canEdit: false, canReport: true });
      const found = list.evaluations
        .find((e: { id: string }) => e.id === evalId)
        .recommendations.find((r: { id: string }) => r.id === rec.json().id);
      expect(found).toMatchObject({
        status: "completed",
        responseDecision: "accepted",
        managementResponse: { en: "We agree" },
      });
      expect(
        found.history.map((h: { status: string; changedBy: string }) => [h.status, h.changedBy]),
      ).toEqual([
        ["not_started", "coordinator"],
        ["in_progress", "coordinator"],
        ["completed", "contributor"],
      ]);
      expect(found.history[2].note).toBe("First quarterly report published");
      expect(Date.parse(found.history[2].changedAt)).toBeGreaterThan(0);

      // A recommendation of another evaluation, or an unknown one, is not found.
      const unknown = await call("coordinator", "PUT", `/evaluations/${evalId}/recommendations/${evalId}`, {
        responseDecision: null,
        status: "completed",
      });
      expect(unknown.statusCode).toBe(404);
    });

    it("records advocacy outcomes with the UN recommendations they answer", async () => {
      const created = await call("coordinator", "POST", "/outcomes", {
        ...OUTCOME_BODY,
        nodeId: outcomeNodeId,
        recommendationIds: recommendationIds,
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      let outcome = (await call("viewer", "GET", "/outcomes"))
        .json()
        .outcomes.find((o: { id: string }) => o.id === id);
      expect(outcome).toMatchObject({ kind: "law", achievedOn: "2025-03-14", nodeId: outcomeNodeId });
      expect(outcome.recommendations.map((r: { symbol: string }) => r.symbol).sort()).toEqual([
        "CRC/C/MDA/CO/4-5 ¶1",
        "CRC/C/MDA/CO/4-5 ¶2",
      ]);
      const changed = await call("coordinator", "PUT", `/outcomes/${id}`, {
        ...OUTCOME_BODY,
        kind: "policy",
        recommendationIds: [recommendationIds[1]],
      });
      expect(changed.statusCode, changed.body).toBe(204);
      outcome = (await call("viewer", "GET", "/outcomes"))
        .json()
        .outcomes.find((o: { id: string }) => o.id === id);
      expect(outcome.kind).toBe("policy");
      expect(outcome.recommendations.map((r: { id: string }) => r.id)).toEqual([recommendationIds[1]]);
    });

    it("keeps titles in several languages: an evaluation, an outcome, a node and an indicator, and an edit replaces them", async () => {
      const title = { en: "Mid-term review", fr: "Revue à mi-parcours", ar: "مراجعة منتصف المدة" };
      const made = await call("coordinator", "POST", "/evaluations", { ...EVALUATION_BODY, title });
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id as string;
      const titleOf = async () =>
        (await call("viewer", "GET", "/evaluations"))
          .json()
          .evaluations.find((e: { id: string }) => e.id === id).title;
      expect(await titleOf()).toEqual(title);
      // The form sends every language it shows: one left empty is left out, and so removed.
      const edited = { en: "Mid-term review 2025", ar: "مراجعة منتصف المدة 2025" };
      const put = await call("coordinator", "PUT", `/evaluations/${id}`, {
        ...EVALUATION_BODY,
        title: edited,
      });
      expect(put.statusCode, put.body).toBe(204);
      expect(await titleOf()).toEqual(edited);
      // No language at all is refused, naming the field.
      const none = await call("coordinator", "PUT", `/evaluations/${id}`, { ...EVALUATION_BODY, title: {} });
      expect(none.statusCode).toBe(400);
      expect(none.body).toMatch(/title/);
      expect(await titleOf()).toEqual(edited);

      const outcomeTitle = {
        en: "Juvenile justice law passed",
        fr: "Loi sur la justice juvénile adoptée",
        ar: "إقرار قانون قضاء الأحداث",
      };
      const outcome = await call("coordinator", "POST", "/outcomes", {
        ...OUTCOME_BODY,
        title: outcomeTitle,
      });
      expect(outcome.statusCode, outcome.body).toBe(201);
      const outcomes = (await call("viewer", "GET", "/outcomes")).json().outcomes as {
        id: string;
        title: object;
      }[];
      expect(outcomes.find((o) => o.id === outcome.json().id)?.title).toEqual(outcomeTitle);

      const plan = (await call("viewer", "GET", "")).json();
      const nodeTitle = {
        en: "Children heard in court",
        fr: "Les enfants entendus en justice",
        ar: "الاستماع إلى الأطفال في المحاكم",
      };
      const node = await call("coordinator", "POST", "/nodes", {
        parentId: null,
        level: plan.levels[0].key,
        code: "ML1",
        title: nodeTitle,
        description: { fr: "Décrit en français seulement" },
      });
      expect(node.statusCode, node.body).toBe(201);
      const indicatorTitle = {
        en: "Hearings with a child-friendly room",
        ar: "جلسات في غرفة ملائمة للأطفال",
      };
      const indicator = await call("coordinator", "POST", "/indicators", {
        nodeId: node.json().id,
        code: "ML1.1",
        title: indicatorTitle,
        type: "number",
        direction: "increase",
      });
      expect(indicator.statusCode, indicator.body).toBe(201);
      const after = (await call("viewer", "GET", "")).json();
      expect(after.nodes.find((n: { code: string }) => n.code === "ML1")).toMatchObject({
        title: nodeTitle,
        description: { fr: "Décrit en français seulement" },
      });
      expect(after.indicators.find((i: { code: string }) => i.code === "ML1.1").title).toEqual(
        indicatorTitle,
      );
    });

    it("keeps an outcome's description, findings, recommendations and responses in two languages, and refuses an empty required text", async () => {
      const narrative = { en: "Targets met in four countries", ar: "تحققت الأهداف في أربعة بلدان" };
      const made = await call("coordinator", "POST", "/evaluations", {
        ...EVALUATION_BODY,
        findings: [{ criterion: "impact", rating: 3, narrative }],
      });
      expect(made.statusCode, made.body).toBe(201);
      const evalId = made.json().id as string;
      const text = { en: "Share the data each quarter", ar: "مشاركة البيانات كل ثلاثة أشهر" };
      const rec = await call("coordinator", "POST", `/evaluations/${evalId}/recommendations`, { text });
      expect(rec.statusCode, rec.body).toBe(201);
      const response = { en: "Agreed, from 2026", ar: "موافق، ابتداءً من 2026" };
      const followed = await call(
        "coordinator",
        "PUT",
        `/evaluations/${evalId}/recommendations/${rec.json().id}`,
        {
          responseDecision: "accepted",
          // An empty language is left out.
          managementResponse: { ...response, fr: "  " },
          status: "in_progress",
        },
      );
      expect(followed.statusCode, followed.body).toBe(204);
      const evaluation = (await call("viewer", "GET", "/evaluations"))
        .json()
        .evaluations.find((e: { id: string }) => e.id === evalId);
      expect(evaluation.findings).toEqual([{ criterion: "impact", rating: 3, narrative, evidence: [] }]);
      expect(evaluation.recommendations[0]).toMatchObject({ text, managementResponse: response });

      const description = { en: "Parliament voted the law", ar: "صوّت البرلمان على القانون" };
      const outcome = await call("coordinator", "POST", "/outcomes", { ...OUTCOME_BODY, description });
      expect(outcome.statusCode, outcome.body).toBe(201);
      const outcomeOf = async () =>
        (await call("viewer", "GET", "/outcomes"))
          .json()
          .outcomes.find((o: { id: string }) => o.id === outcome.json().id);
      expect((await outcomeOf()).description).toEqual(description);
      // The description is optional: none given is {}.
      const { description: _, ...withoutDescription } = OUTCOME_BODY;
      const plain = await call("coordinator", "PUT", `/outcomes/${outcome.json().id}`, withoutDescription);
      expect(plain.statusCode, plain.body).toBe(204);
      expect((await outcomeOf()).description).toEqual({});

      // A recommendation's text is required: no language, or only empty ones, is a 400 naming the field.
      for (const empty of [{}, { en: "", ar: "   " }]) {
        const refused = await call("coordinator", "POST", `/evaluations/${evalId}/recommendations`, {
          text: empty,
        });
        expect(refused.statusCode, JSON.stringify(empty)).toBe(400);
        expect(refused.json().details.join(" ")).toMatch(/^text: give the text in at least one language/);
      }
      // A plain string (the old shape) is refused, naming the field.
      const old = await call("coordinator", "PUT", `/outcomes/${outcome.json().id}`, {
        ...OUTCOME_BODY,
        description: "just a string",
      });
      expect(old.statusCode).toBe(400);
      expect(old.body).toContain("description");
      const after = (await call("viewer", "GET", "/evaluations"))
        .json()
        .evaluations.find((e: { id: string }) => e.id === evalId);
      expect(after.recommendations).toHaveLength(1);
    });

    it("refuses those outside the plan's scope or without the right", async () => {
      expect((await call("otherCoordinator", "GET", "/evaluations")).statusCode).toBe(404);
      expect((await call("otherCoordinator", "GET", "/evaluations/summary")).statusCode).toBe(404);
      expect((await call("otherCoordinator", "GET", "/outcomes")).statusCode).toBe(404);
      expect((await call("otherCoordinator", "POST", "/evaluations", EVALUATION_BODY)).statusCode).toBe(403);
      expect((await call("viewer", "POST", "/evaluations", EVALUATION_BODY)).statusCode).toBe(403);
      expect((await call("contributor", "POST", "/outcomes", OUTCOME_BODY)).statusCode).toBe(403);
      const signedOut = await app.inject({ method: "GET", url: `/api/results/plans/${planId}/evaluations` });
      expect(signedOut.statusCode).toBe(401);
    });
  },
);
