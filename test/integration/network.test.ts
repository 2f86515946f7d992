import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { notifications, organisations, outbox } from "../../src/server/db/schema.ts";
import { loadExcelJs } from "../../src/server/exceljs.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { type BuiltNetwork, buildNetwork, signInCoordinatorOf } from "../support/network-factories.ts";
import { multipartBody } from "./evidence-files.ts";

describeEachDatabase("network: organisations, members, applications, working groups, areas", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let net: BuiltNetwork;
  let coordinator: Session;
  let other: Session;
  let applicant: Session;
  let applicantId: string;

  const call = (session: Session | undefined, method: string, url: string, payload?: object) =>
    app.inject({ method: method as "GET", url, payload, headers: session?.headers });

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-network-"));
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const someone = await buildUser(db);
    applicantId = someone.id;
    applicant = await signInAs(app, someone);
    net = await buildNetwork(db, { country: "MD", region: CHILDPACT_REGION.code, applicantId: someone.id });
    coordinator = await signInCoordinatorOf(app, db, net.coalitionId);
    const ge = await buildNetwork(db, {
      country: "GE",
      region: CHILDPACT_REGION.code,
      applicantId: someone.id,
    });
    other = await signInCoordinatorOf(app, db, ge.coalitionId);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lets a coalition's coordinator add a member, change its status with a reason, and keeps the history", async () => {
    const added = await call(coordinator, "POST", "/api/network/organisations", {
      parentId: net.coalitionId,
      name: "Children First",
      kind: "member",
      countryCode: "MD",
      themes: ["violence"],
    });
    expect(added.statusCode).toBe(201);
    const id = (added.json() as { id: string }).id;
    // Another coalition's coordinator cannot even see it.
    expect((await call(other, "GET", `/api/network/organisations/${id}`)).statusCode).toBe(404);
    expect(
      (
        await call(other, "POST", "/api/network/organisations", {
          parentId: net.coalitionId,
          name: "X",
          kind: "member",
        })
      ).statusCode,
    ).toBe(403);
    const noReason = await call(coordinator, "POST", `/api/network/organisations/${id}/status`, {
      status: "suspended",
      expectedVersion: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatch(/^reason:/);
    const suspended = await call(coordinator, "POST", `/api/network/organisations/${id}/status`, {
      status: "suspended",
      reason: "fees unpaid for two years",
      expectedVersion: 1,
    });
    expect(suspended.json()).toEqual({ version: 2 });
    const stale = await call(coordinator, "PUT", `/api/network/organisations/${id}`, {
      name: "Children First!",
      kind: "member",
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    const history = (await call(coordinator, "GET", `/api/network/organisations/${id}/history`)).json() as {
      change: string;
      reason: string | null;
      changedBy: string;
    }[];
    expect(history.map((h) => h.change)).toEqual(["status", "created"]);
    expect(history[0]!.reason).toBe("fees unpaid for two years");
    const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
    expect(row!.status).toBe("suspended");
    expect(row!.suspendedOn).not.toBeNull();
  });

  it("keeps a member's own coordinator from deciding her membership", async () => {
    const memberCoordinator = await signInCoordinatorOf(app, db, net.memberId);
    const res = await call(memberCoordinator, "POST", `/api/network/organisations/${net.memberId}/status`, {
      status: "left",
      reason: "we leave",
      expectedVersion: 1,
    });
    expect(res.statusCode).toBe(403);
  });

  it("sends an application to the coalition's coordinator, who refuses it with a reason the applicant is told", async () => {
    const filed = await call(applicant, "POST", "/api/network/applications", {
      parentId: net.coalitionId,
      name: "Youth Voices",
      contactEmail: "hello@youth.example.org",
      motivation: "We run children's councils.",
    });
    expect(filed.statusCode).toBe(201);
    const id = (filed.json() as { id: string }).id;
    const mine = (await call(coordinator, "GET", "/api/network/applications")).json() as {
      id: string;
      canDecide: boolean;
    }[];
    expect(mine.find((a) => a.id === id)?.canDecide).toBe(true);
    expect(
      ((await call(other, "GET", "/api/network/applications")).json() as { id: string }[]).map((a) => a.id),
    ).not.toContain(id);
    expect(
      (await call(other, "POST", `/api/network/applications/${id}/decision`, { decision: "approve" }))
        .statusCode,
    ).toBe(404);
    const noReason = await call(coordinator, "POST", `/api/network/applications/${id}/decision`, {
      decision: "refuse",
    });
    expect(noReason.statusCode).toBe(400);
    const refused = await call(coordinator, "POST", `/api/network/applications/${id}/decision`, {
      decision: "refuse",
      reason: "outside our country",
    });
    expect(refused.statusCode).toBe(200);
    const told = await db.select().from(notifications).where(eq(notifications.userId, applicantId));
    expect(told.map((n) => n.kind)).toContain("membership-refused");
    const mail = await db.select().from(outbox);
    expect(
      mail.some((m) => m.subject.includes("refused") && m.bodyText.includes("outside our country")),
    ).toBe(true);
    expect(
      (await call(coordinator, "POST", `/api/network/applications/${id}/decision`, { decision: "approve" }))
        .statusCode,
    ).toBe(409);
  });

  it("approves an application: a new member whose applicant coordinates it", async () => {
    const approved = await call(
      coordinator,
      "POST",
      `/api/network/applications/${net.applicationId}/decision`,
      {
        decision: "approve",
      },
    );
    const { organisationId } = approved.json() as { organisationId: string };
    expect(organisationId).toBeTruthy();
    const member = await call(applicant, "GET", `/api/network/organisations/${organisationId}`);
    expect(member.statusCode).toBe(200);
    expect(member.json()).toMatchObject({ status: "member", parentId: net.coalitionId, canManage: true });
  });

  it("invites people into the coalition only with roles the coordinator may give", async () => {
    const url = `/api/network/organisations/${net.coalitionId}/people`;
    expect(
      (await call(coordinator, "POST", url, { email: "new@example.org", role: "contributor" })).statusCode,
    ).toBe(201);
    expect(
      (await call(coordinator, "POST", url, { email: "boss@example.org", role: "secretariat" })).statusCode,
    ).toBe(403);
    const people = (await call(coordinator, "GET", url)).json() as {
      invited: { email: string }[];
      grantableRoles: string[];
    };
    expect(people.invited.map((i) => i.email)).toContain("new@example.org");
    expect(people.grantableRoles).toEqual(["contributor", "reviewer", "viewer"]);
  });

  it("keeps a working group's documents as versions and its meetings, for its members only", async () => {
    const created = await call(coordinator, "POST", "/api/network/groups", {
      organisationId: net.coalitionId,
      name: "Alternative report 2026",
      kind: "task",
    });
    const groupId = (created.json() as { id: string }).id;
    const upload = (fields: Record<string, string>) => {
      const { payload, headers } = multipartBody(
        { filename: "draft.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n") },
        fields,
      );
      return app.inject({
        method: "POST",
        url: `/api/network/groups/${groupId}/documents`,
        payload,
        headers: { ...coordinator.headers, ...headers },
      });
    };
    const first = (await upload({ title: "Report draft" })).json() as { documentId: string; version: number };
    const second = (await upload({ documentId: first.documentId })).json() as { version: number };
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await upload({ documentId: "not-an-id" })).statusCode).toBe(400);
    await call(coordinator, "POST", `/api/network/groups/${groupId}/meetings`, {
      heldOn: "2026-02-10",
      title: "First meeting",
      decisions: ["Split the chapters"],
    });
    const group = (await call(coordinator, "GET", `/api/network/groups/${groupId}`)).json() as {
      documents: { title: string; versions: { version: number }[] }[];
      meetings: { decisions: string[] }[];
      members: { lead: boolean }[];
    };
    expect(group.documents).toHaveLength(1);
    expect(group.documents[0]!.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(group.meetings[0]!.decisions).toEqual(["Split the chapters"]);
    expect(group.members).toEqual([expect.objectContaining({ lead: true })]);
    expect((await call(other, "GET", `/api/network/groups/${groupId}`)).statusCode).toBe(404);
  });

  it("publishes in the directory only what each organisation chose", async () => {
    const directory = (await call(undefined, "GET", "/api/public/directory")).json() as {
      name: string;
      contactPhone: string | null;
    }[];
    const member = directory.find((d) => d.name === "Member NGO MD");
    expect(member).toBeDefined();
    expect(member!.contactPhone).toBeNull();
    expect(directory.map((d) => d.name)).not.toContain("Children First");
    const csv = await call(undefined, "GET", "/api/public/directory.csv");
    expect(csv.body).toContain("Member NGO MD");
    expect(csv.body).not.toContain("+373");
    const xlsx = await call(undefined, "GET", "/api/public/directory.xlsx");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const book = new (await loadExcelJs()).Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(cells.slice(0, 8)).toContain("contactPhone");
    expect(cells).toContain("Member NGO MD");
    expect(cells.map(String).join(" ")).not.toContain("+373");
  });

  describe("areas below the country", () => {
    it("replaces a country's tree in one go, or names every problem and changes nothing", async () => {
      const mdCoordinator = await signInAs(
        app,
        await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
      );
      const tree = [
        { code: "N", name: { en: "North" } },
        { code: "N-BL", parent: "N", name: { en: "Bălți" } },
      ];
      expect((await call(mdCoordinator, "PUT", "/api/network/areas/MD", { areas: tree })).json()).toEqual({
        count: 2,
      });
      const bad = await call(mdCoordinator, "PUT", "/api/network/areas/MD", {
        areas: [{ code: "S", parent: "X", name: { en: "South" } }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toEqual(['S.parent: no area "X" in this country']);
      const read = (await call(undefined, "GET", "/api/network/areas/MD")).json() as {
        code: string;
        level: number;
      }[];
      expect(read.map((a) => `${a.code}:${a.level}`)).toEqual(["N:1", "N-BL:2"]);
      expect((await call(coordinator, "PUT", "/api/network/areas/MD", { areas: tree })).statusCode).toBe(403);
    });
  });
});
