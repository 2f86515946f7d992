import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Framework } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { nodePathOf } from "../../src/server/assessments/load-assessment.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { recommendations } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { type BuiltNetwork, buildNetwork } from "../support/network-factories.ts";

describeEachDatabase("working groups' review rights on sections and recommendations", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let net: BuiltNetwork;
  let framework: Framework;
  let versionId: string;
  let assessment: Record<string, string>;
  let coordinator: Session;
  let lead: Session;
  let member: Session;
  /** Two top sections of the framework, and an indicator in each. */
  let granted: { section: string; indicator: string };
  let other: { section: string; indicator: string };
  let violence: string;
  let health: string;

  const call = (session: Session | undefined, method: string, url: string, payload?: object) =>
    app.inject({ method: method as "GET", url, payload, headers: session?.headers });
  const rightsUrl = () => `/api/network/groups/${net.groupId}/review-rights`;
  const approve = (country: string, indicator: string) =>
    call(member, "POST", `/api/assessments/${assessment[country]}/answers/${indicator}/approve`);

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-group-review-"));
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const built = await buildAssessments(db, { countries: ["MD", "GE"], status: "in_review" });
    ({ framework, versionId, assessments: assessment } = built);
    const someone = await buildUser(db);
    net = await buildNetwork(db, { country: "MD", region: CHILDPACT_REGION.code, applicantId: someone.id });
    coordinator = await signInAs(
      app,
      await buildUser(db, {
        name: "Coordinator of Moldova",
        grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
      }),
    );
    lead = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "group", scopeCode: net.groupId }] }),
    );
    member = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "contributor", scopeType: "group", scopeCode: net.groupId }] }),
    );
    const sectionOf = (code: string) => nodePathOf(framework, code).at(-2)!;
    const first = framework.indicators[0]!.code;
    const second = framework.indicators.find((i) => sectionOf(i.code) !== sectionOf(first))!.code;
    granted = { section: sectionOf(first), indicator: first };
    other = { section: sectionOf(second), indicator: second };
    const rows = await db
      .insert(recommendations)
      .values(
        ["violence", "health"].map((theme) => ({
          mechanism: "crc",
          stateCode: "MD",
          stateName: "Moldova",
          text: { en: `A recommendation on ${theme}.` },
          themes: [theme],
          importKey: `group-review-${theme}`,
        })),
      )
      .returning({ id: recommendations.id });
    [violence, health] = rows.map((r) => r.id) as [string, string];
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses review rights to the group's lead alone, outside the group's place, and on unknown sections", async () => {
    const body = {
      scopeType: "country",
      scopeCode: "MD",
      frameworkId: versionId,
      sections: [granted.section],
    };
    expect((await call(lead, "POST", rightsUrl(), body)).statusCode).toBe(403);
    expect((await call(member, "POST", rightsUrl(), body)).statusCode).toBe(404);
    const ge = await call(coordinator, "POST", rightsUrl(), { ...body, scopeCode: "GE" });
    expect(ge.statusCode).toBe(400);
    expect(ge.json().error).toMatch(/^scopeCode: GE is outside/);
    const region = await call(coordinator, "POST", rightsUrl(), {
      ...body,
      scopeType: "region",
      scopeCode: CHILDPACT_REGION.code,
    });
    expect(region.statusCode).toBe(400);
    const unknown = await call(coordinator, "POST", rightsUrl(), { ...body, sections: ["no-such-node"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/sections: no section no-such-node/);
    const empty = await call(coordinator, "POST", rightsUrl(), { scopeType: "country", scopeCode: "MD" });
    expect(empty.statusCode).toBe(400);
    const noFramework = await call(coordinator, "POST", rightsUrl(), { ...body, frameworkId: null });
    expect(noFramework.statusCode).toBe(400);
    const none = await call(member, "GET", rightsUrl());
    expect(none.json().rights).toEqual([]);
  });

  it("lets a member review the granted section in the granted country only, until the right is revoked", async () => {
    // Before any grant: nothing.
    expect((await approve("MD", granted.indicator)).statusCode).toBe(403);
    expect((await call(member, "GET", "/api/review/queue")).json()).toEqual([]);

    const grant = await call(coordinator, "POST", rightsUrl(), {
      scopeType: "country",
      scopeCode: "MD",
      frameworkId: versionId,
      sections: [granted.section],
      themes: ["violence"],
    });
    expect(grant.statusCode).toBe(201);
    const rightId = grant.json().id as string;
    // The group's page names the place and the sections, not only their codes.
    const shown = (await call(member, "GET", rightsUrl())).json().rights[0];
    expect(shown.scopeName.en).toBe("Moldova");
    expect(shown.sectionLabels).toHaveLength(1);
    expect(Object.values(shown.sectionLabels[0]).every((label) => label !== granted.section)).toBe(true);

    // The granted section of Moldova's assessment: approve an answer, return the section with a comment.
    const ok = await approve("MD", granted.indicator);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ decision: "approve", indicators: [granted.indicator] });
    const back = await call(
      member,
      "POST",
      `/api/assessments/${assessment.MD}/sections/${granted.section}/review`,
      {
        decision: "return",
        comment: "Cite the law's article.",
      },
    );
    expect(back.statusCode).toBe(200);
    const comment = await call(
      member,
      "POST",
      `/api/assessments/${assessment.MD}/answers/${granted.indicator}/comments`,
      { body: "Which year?" },
    );
    expect(comment.statusCode).toBe(201);
    // Another section, another country, a whole-assessment step: refused.
    expect((await approve("MD", other.indicator)).statusCode).toBe(403);
    expect(
      (
        await call(member, "POST", `/api/assessments/${assessment.MD}/sections/${other.section}/review`, {
          decision: "approve",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(member, "POST", `/api/assessments/${assessment.MD}/answers/${other.indicator}/comments`, {
          body: "x",
        })
      ).statusCode,
    ).toBe(403);
    expect((await approve("GE", granted.indicator)).statusCode).toBe(403);
    expect((await call(member, "GET", `/api/assessments/${assessment.GE}`)).statusCode).toBe(403);
    expect((await call(member, "POST", `/api/assessments/${assessment.MD}/validate`)).statusCode).toBe(403);
    expect((await call(member, "POST", `/api/assessments/${assessment.MD}/return`, {})).statusCode).toBe(403);

    // The workspace shows what may be reviewed; the queue lists Moldova's assessment with the section.
    const read = await call(member, "GET", `/api/assessments/${assessment.MD}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().myPermissions).toMatchObject({ canReview: false, canWrite: false });
    expect(read.json().myPermissions.reviewSections).toContain(granted.section);
    expect(read.json().myPermissions.reviewSections).not.toContain(other.section);
    const queue = (await call(member, "GET", "/api/review/queue")).json() as {
      id: string;
      reviewSections: string[] | null;
    }[];
    expect(queue.map((q) => [q.id, q.reviewSections])).toEqual([[assessment.MD, [granted.section]]]);

    // Recommendations of the theme: read and record the coalition's view; not the government's, not others.
    expect((await call(member, "GET", `/api/recommendations/${violence}/timeline`)).statusCode).toBe(200);
    expect((await call(member, "GET", `/api/recommendations/${health}/timeline`)).statusCode).toBe(403);
    const view = { status: "in_progress", assessedOn: "2026-01-01" };
    expect(
      (
        await call(member, "POST", `/api/recommendations/${violence}/assessments`, {
          ...view,
          assessedByKind: "coalition",
        })
      ).statusCode,
    ).toBe(201);
    const claim = await call(member, "POST", `/api/recommendations/${violence}/assessments`, {
      ...view,
      assessedByKind: "government",
    });
    expect(claim.statusCode).toBe(403);
    expect(
      (
        await call(member, "POST", `/api/recommendations/${health}/assessments`, {
          ...view,
          assessedByKind: "coalition",
        })
      ).statusCode,
    ).toBe(403);
    // Tagging stays with those who track the State (a member could otherwise widen her own right).
    expect(
      (
        await call(member, "POST", "/api/recommendations/tags", {
          ids: [health],
          add: { themes: ["violence"] },
        })
      ).statusCode,
    ).toBe(403);

    // Changing the right moves it to the other section.
    const moved = await call(coordinator, "PUT", `${rightsUrl()}/${rightId}`, {
      scopeType: "country",
      scopeCode: "MD",
      frameworkId: versionId,
      sections: [other.section],
    });
    expect(moved.statusCode).toBe(204);
    expect((await approve("MD", granted.indicator)).statusCode).toBe(403);
    expect((await approve("MD", other.indicator)).statusCode).toBe(200);
    expect((await call(member, "GET", `/api/recommendations/${violence}/timeline`)).statusCode).toBe(403);

    // Revoking removes it at once.
    expect((await call(lead, "DELETE", `${rightsUrl()}/${rightId}`)).statusCode).toBe(403);
    expect((await call(coordinator, "DELETE", `${rightsUrl()}/${rightId}`)).statusCode).toBe(204);
    expect((await approve("MD", other.indicator)).statusCode).toBe(403);
    expect((await call(member, "GET", `/api/assessments/${assessment.MD}`)).statusCode).toBe(403);
    expect((await call(member, "GET", "/api/review/queue")).json()).toEqual([]);
    expect((await call(coordinator, "DELETE", `${rightsUrl()}/${rightId}`)).statusCode).toBe(404);

    // The history keeps every grant, change and revocation, with who did it.
    const rights = (await call(member, "GET", rightsUrl())).json();
    expect(rights.rights).toEqual([]);
    expect(rights.canManage).toBe(false);
    expect(
      rights.history.map((h: { change: string; changedBy: string; rightId: string }) => [
        h.change,
        h.changedBy,
        h.rightId,
      ]),
    ).toEqual([
      ["revoked", "Coordinator of Moldova", rightId],
      ["changed", "Coordinator of Moldova", rightId],
      ["granted", "Coordinator of Moldova", rightId],
    ]);
    expect(rights.history[1].before.sections).toEqual([granted.section]);
    expect(rights.history[1].after.sections).toEqual([other.section]);
    expect((await call(coordinator, "GET", rightsUrl())).json().canManage).toBe(true);
  });
});
