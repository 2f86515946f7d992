import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { neutraliseFormula } from "../../src/core/index.ts";
import type { AuditEventOut } from "../../src/server/api-schemas/audit.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { forgetOldAuditIps } from "../../src/server/audit/forget-old-ips.ts";
import { CLI_ACTOR } from "../../src/server/audit/record-audit.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { auditEvents, users } from "../../src/server/db/schema.ts";
import { buildDemoAnswers } from "../../src/server/demo/demo-answers.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { createBackup } from "../../src/server/ops/create-backup.ts";
import { restoreBackup } from "../../src/server/ops/restore-backup.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs, type TestUser } from "../support/factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";

const md = { role: "viewer", scopeType: "country", scopeCode: "MD" } as const;

describeEachDatabase("accounts administration and the audit log", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let admin: TestUser;
  let adminSession: Session;
  let secretariat: Session;

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    // Places Moldova and Georgia in the secretariat's region.
    await buildAssessments(db, { countries: ["MD", "GE"] });
    app = await buildApp({ database: database() });
    admin = await buildUser(db, { isAdmin: true, name: "Ana Admin" });
    adminSession = await signInAs(app, admin);
    const sec = await buildUser(db, {
      name: "Sergiu Secretariat",
      grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
    });
    secretariat = await signInAs(app, sec);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The events written since `since` (an event id), oldest first. */
  async function eventsAfter(since: number) {
    const rows = await db.select().from(auditEvents).where(sql`${auditEvents.id} > ${since}`);
    return rows.sort((a, b) => a.id - b.id);
  }
  async function lastEventId(): Promise<number> {
    const [row] = await db.select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` }).from(auditEvents);
    return Number(row!.id);
  }
  const call = (session: Session, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: session.headers });

  it("records a sign-in (and sets last sign-in), a failed sign-in with the e-mail as typed, and a sign-out", async () => {
    const user = await buildUser(db, { grants: [md] });
    const since = await lastEventId();
    const session = await signInAs(app, user);
    const failed = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "-2+3@example.org", password: "not the password" },
    });
    expect(failed.statusCode).toBe(401);
    expect((await call(session, "POST", "/api/auth/sign-out")).statusCode).toBe(200);
    const events = await eventsAfter(since);
    expect(events.map((e) => [e.action, e.actorId, e.outcome])).toEqual([
      ["auth.sign-in", user.id, "success"],
      ["auth.sign-in-failed", null, "failure"],
      ["auth.sign-out", user.id, "success"],
    ]);
    expect(events[1]!.actorEmail).toBe("-2+3@example.org");
    expect(events[0]!.ip).toBeTruthy();
    const [row] = await db.select({ at: users.lastSignInAt }).from(users).where(eq(users.id, user.id));
    expect(row!.at!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lists users with roles and last sign-in, filtered by role, country, status and text", async () => {
    const someone = await buildUser(db, { name: "Zoe Filterable", grants: [md] });
    await signInAs(app, someone);
    const res = await call(
      adminSession,
      "GET",
      "/api/admin/users?q=filterable&role=viewer&country=MD&status=active",
    );
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; lastSignInAt: string | null; grants: unknown[] }[];
    expect(list.map((u) => u.id)).toEqual([someone.id]);
    expect(list[0]!.lastSignInAt).not.toBeNull();
    expect(list[0]!.grants).toEqual([{ ...md, sections: null }]);
    expect((await call(adminSession, "GET", "/api/admin/users?country=GE&q=filterable")).json()).toEqual([]);
    const bad = await call(adminSession, "GET", "/api/admin/users?role=king");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("role");
  });

  it("deactivating ends the account's sessions, refuses its sign-in with a clear message, and is recorded once", async () => {
    const user = await buildUser(db, { grants: [md] });
    const session = await signInAs(app, user);
    expect((await call(session, "GET", "/api/auth/me")).statusCode).toBe(200);
    const since = await lastEventId();
    const res = await call(adminSession, "POST", `/api/admin/users/${user.id}/deactivate`, {
      reason: "Left the coalition",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "deactivated",
      deactivationReason: "Left the coalition",
      activeSessions: 0,
    });
    expect((await call(session, "GET", "/api/auth/me")).statusCode).toBe(401);
    const refused = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: user.email, password: user.password },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatch(/deactivated/);
    const events = await eventsAfter(since);
    expect(events.map((e) => [e.action, e.actorId, e.targetId])).toEqual([
      ["user.deactivated", admin.id, user.id],
      ["auth.sign-in-failed", user.id, null],
    ]);
    const back = await call(adminSession, "POST", `/api/admin/users/${user.id}/reactivate`);
    expect(back.json()).toMatchObject({ status: "active", deactivatedAt: null });
    await signInAs(app, user);
  });

  it("revokes every session of an account", async () => {
    const user = await buildUser(db, { grants: [md] });
    const one = await signInAs(app, user);
    const two = await signInAs(app, user);
    const res = await call(secretariat, "POST", `/api/admin/users/${user.id}/revoke-sessions`);
    expect(res.statusCode).toBe(200);
    expect(res.json().activeSessions).toBe(0);
    for (const s of [one, two]) expect((await call(s, "GET", "/api/auth/me")).statusCode).toBe(401);
    const [event] = (await eventsAfter((await lastEventId()) - 1)).slice(-1);
    expect(event).toMatchObject({
      action: "user.sessions-revoked",
      targetId: user.id,
      details: { sessions: 2 },
    });
  });

  it("changes roles within what the changer may grant, with the before and after in one event", async () => {
    const user = await buildUser(db, { grants: [md] });
    const since = await lastEventId();
    const coordinator = { role: "coordinator", scopeType: "country", scopeCode: "MD" };
    const ok = await call(secretariat, "PUT", `/api/admin/users/${user.id}/roles`, { grants: [coordinator] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().grants).toEqual([{ ...coordinator, sections: null }]);
    const events = await eventsAfter(since);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "user.roles-changed",
      details: { before: { grants: [md] }, after: { grants: [{ ...coordinator, sections: null }] } },
    });
    // A regional secretariat cannot make anyone an administrator, nor give a role outside its region.
    for (const grants of [
      [{ role: "admin", scopeType: "platform", scopeCode: null }],
      [{ role: "viewer", scopeType: "country", scopeCode: "FR" }],
    ]) {
      expect(
        (await call(secretariat, "PUT", `/api/admin/users/${user.id}/roles`, { grants })).statusCode,
      ).toBe(403);
    }
    const flag = await call(secretariat, "PUT", `/api/admin/users/${user.id}/roles`, {
      isAdmin: true,
      grants: [coordinator],
    });
    expect(flag.statusCode).toBe(403);
    // An account with a role beyond the region is the administrators' (visible as absent: 404).
    const outsider = await buildUser(db, {
      grants: [{ role: "viewer", scopeType: "country", scopeCode: "FR" }],
    });
    expect((await call(secretariat, "GET", `/api/admin/users/${outsider.id}`)).statusCode).toBe(404);
    expect((await call(secretariat, "POST", `/api/admin/users/${admin.id}/revoke-sessions`)).statusCode).toBe(
      404,
    );
    expect(await eventsAfter(since)).toHaveLength(1);
  });

  it("never demotes nor deactivates the last platform administrator, and nobody deactivates themselves", async () => {
    const demote = await call(adminSession, "PUT", `/api/admin/users/${admin.id}/roles`, {
      isAdmin: false,
      grants: [],
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatch(/last active platform administrator/);
    const self = await call(adminSession, "POST", `/api/admin/users/${admin.id}/deactivate`, {
      reason: "Leaving",
    });
    expect(self.statusCode).toBe(409);
    const second = await buildUser(db, { isAdmin: true });
    const secondSession = await signInAs(app, second);
    expect(
      (await call(secondSession, "PUT", `/api/admin/users/${admin.id}/roles`, { isAdmin: false, grants: [] }))
        .statusCode,
    ).toBe(200);
    // Now `second` is the only one: the demoted first cannot touch it (no longer an administrator).
    expect((await call(adminSession, "GET", "/api/admin/users")).statusCode).toBe(403);
    expect(
      (
        await call(secondSession, "PUT", `/api/admin/users/${second.id}/roles`, {
          isAdmin: false,
          grants: [],
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await call(secondSession, "PUT", `/api/admin/users/${admin.id}/roles`, { isAdmin: true, grants: [] }))
        .statusCode,
    ).toBe(200);
  });

  it("records publishing, exports of drafts, imports and backups with their actor, once each", async () => {
    const cycle = await buildPublishableCycle(db, {
      countries: ["MD", "GE"],
      validated: ["MD"],
      period: "2031",
    });
    let since = await lastEventId();
    await publishRelease(db, { cycleId: cycle.cycleId, userId: null, via: "cli", audit: CLI_ACTOR });
    const exported = await call(adminSession, "GET", `/api/assessments/${cycle.assessments.GE}/export.xlsx`);
    expect(exported.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), "childmark-audit-"));
    await createBackup(database(), join(dir, "b.tar.gz"), {
      uploads: join(dir, "uploads"),
      audit: CLI_ACTOR,
    });
    await importFramework(db, { ...cycle.framework, version: "9.9-audit" }, undefined, CLI_ACTOR);
    const answers = buildDemoAnswers(cycle.framework)
      .filter((a) => a.entity === "GE" && a.period === "2025")
      .slice(0, 3)
      .map((a) => ({ ...a, period: "2032" }));
    await importAnswers(db, { framework: cycle.versionId, answers, fileName: "ge.csv", audit: CLI_ACTOR });
    const events = await eventsAfter(since);
    expect(events.map((e) => [e.action, e.actorId, e.actorEmail, e.country])).toEqual([
      ["release.published", null, "cli", null],
      ["unpublished.exported", admin.id, admin.email, "GE"],
      ["backup.created", null, "cli", null],
      ["framework.imported", null, "cli", null],
      ["answers.imported", null, "cli", null],
    ]);
    expect(events[4]!.details).toMatchObject({ via: "csv", fileName: "ge.csv", inserted: 3 });
    since = await lastEventId();
    const invited = await call(secretariat, "POST", "/api/invitations", {
      email: "new-one@example.org",
      grant: md,
    });
    expect(invited.statusCode).toBe(201);
    const [invitation] = await eventsAfter(since);
    expect(invitation).toMatchObject({
      action: "user.invited",
      country: "MD",
      targetId: "new-one@example.org",
    });
  });

  it("lists the audit log with filters and pages, and exports it as CSV with formulas neutralised", async () => {
    const page = await call(adminSession, "GET", "/api/admin/audit?action=auth.sign-in-failed&pageSize=1");
    expect(page.statusCode).toBe(200);
    const body = page.json() as { events: AuditEventOut[]; total: number };
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.events).toHaveLength(1);
    expect(body.events[0]!.action).toBe("auth.sign-in-failed");
    const byActor = (await call(adminSession, "GET", `/api/admin/audit?actor=${admin.id}&country=GE`)).json();
    expect(byActor.events.map((e: AuditEventOut) => e.action)).toEqual(["unpublished.exported"]);
    const future = (await call(adminSession, "GET", "/api/admin/audit?from=2999-01-01")).json();
    expect(future.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const todays = (await call(adminSession, "GET", `/api/admin/audit?from=${today}&to=${today}`)).json();
    expect(todays.total).toBeGreaterThan(5);
    expect((await call(adminSession, "GET", "/api/admin/audit?from=yesterday")).statusCode).toBe(400);

    const csv = await call(adminSession, "GET", "/api/admin/audit.csv?action=auth.sign-in-failed");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/attachment; filename="childmark-audit-/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "at,action,outcome,actor_id,actor_email,actor_name,target_type,target_id,country,region,ip,details",
    );
    expect(lines.length).toBe(body.total + 1);
    expect(csv.body).toContain(",'-2+3@example.org,");
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("ana@example.org")).toBe("ana@example.org");
    expect((await call(secretariat, "GET", "/api/admin/audit.csv")).statusCode).toBe(403);
  });

  it("keeps the log append-only: no change, no deletion, except forgetting an old IP address", async () => {
    for (const statement of [sql`update audit_events set action = 'x'`, sql`delete from audit_events`]) {
      const error = await db.execute(statement).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      expect(String(error?.cause?.message ?? error?.message)).toMatch(/append-only/);
    }
    const withIp = await db.select({ id: auditEvents.id }).from(auditEvents).where(sql`ip is not null`);
    expect(withIp.length).toBeGreaterThan(0);
    expect(await forgetOldAuditIps(db, new Date(Date.now() - 86_400_000))).toBe(0);
    expect(await forgetOldAuditIps(db, new Date(Date.now() + 91 * 86_400_000))).toBe(withIp.length);
    expect(await db.select().from(auditEvents).where(sql`ip is not null`)).toEqual([]);
  });

  it("keeps the log through a backup and restore, and records the restore in the restored log", async () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-audit-"));
    const file = join(dir, "b.tar.gz");
    await createBackup(database(), file, { uploads: join(dir, "uploads") });
    const before = await lastEventId();
    await restoreBackup(database(), file, { uploads: join(dir, "restored-uploads"), audit: CLI_ACTOR });
    const events = await eventsAfter(before - 1);
    expect(events.map((e) => [e.id, e.action, e.actorEmail])).toEqual([
      [before, expect.any(String), expect.anything()],
      [before + 1, "backup.restored", "cli"],
    ]);
  });
});
