import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, signInAs, type TestUser } from "../support/factories.ts";

function tokenFromOutbox(body: string): string {
  return /#token=([\w-]+)/.exec(body)![1]!;
}

describeEachDatabase("accounts: sign-in, sessions, CSRF, reset, invitations", (database) => {
  let app: FastifyInstance;
  let admin: TestUser;

  beforeAll(async () => {
    await seedReference(database().db);
    app = await buildApp({ database: database() });
    admin = await buildUser(database().db, { isAdmin: true, name: "Ana Admin" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("signs in with an httpOnly SameSite cookie and answers /auth/me", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: admin.email, password: admin.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: "childmark_session", httpOnly: true, sameSite: "Lax", path: "/" });
    const me = await app.inject({
      url: "/api/auth/me",
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(me.json()).toMatchObject({ email: admin.email, isAdmin: true });
  });

  it("refuses a wrong password or unknown e-mail with the same message", async () => {
    for (const payload of [
      { email: admin.email, password: "wrong password!" },
      { email: "nobody@example.org", password: "whatever password" },
    ]) {
      const res = await app.inject({ method: "POST", url: "/api/auth/sign-in", payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe("wrong e-mail or password");
    }
    expect((await app.inject({ url: "/api/auth/me" })).statusCode).toBe(401);
    expect((await app.inject({ url: "/api/auth/session" })).json()).toEqual({ user: null });
  });

  it("names the invalid field of a malformed request", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "not-an-email", password: 3 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.join(" ")).toMatch(/email/);
  });

  it("requires the CSRF header on writes from a session", async () => {
    const session = await signInAs(app, admin);
    const payload = {
      email: "someone@example.org",
      grant: { role: "viewer", scopeType: "country", scopeCode: "MD" },
    };
    const without = await app.inject({
      method: "POST",
      url: "/api/invitations",
      headers: { cookie: session.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toMatch(/x-csrf-token/);
    const withHeader = await app.inject({
      method: "POST",
      url: "/api/invitations",
      headers: session.headers,
      payload,
    });
    expect(withHeader.statusCode).toBe(201);
  });

  it("limits failed sign-ins to an account: five failures, then 429 with Retry-After", async () => {
    const target = await buildUser(database().db);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        remoteAddress: "192.0.2.10",
        payload: { email: target.email, password: "wrong password!" },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("resets a password with a single-use e-mailed token and signs out other sessions", async () => {
    const user = await buildUser(database().db);
    const old = await signInAs(app, user);
    const asked = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: user.email },
    });
    expect(asked.statusCode).toBe(202);
    const unknown = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "ghost@example.org" },
    });
    expect(unknown.statusCode).toBe(202);
    const adminSession = await signInAs(app, admin);
    const outbox = (await app.inject({ url: "/api/admin/outbox", headers: adminSession.headers })).json() as {
      toEmail: string;
      bodyText: string;
    }[];
    const mail = outbox.find((m) => m.toEmail === user.email)!;
    expect(outbox.some((m) => m.toEmail === "ghost@example.org")).toBe(false);
    const token = tokenFromOutbox(mail.bodyText);
    const confirm = { token, password: "a brand new password" };
    expect(
      (await app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: confirm }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: confirm }))
        .statusCode,
    ).toBe(400);
    expect((await app.inject({ url: "/api/auth/me", headers: { cookie: old.cookie } })).statusCode).toBe(401);
    await signInAs(app, { ...user, password: "a brand new password" });
  });

  it("invites a contributor who accepts, and refuses grants beyond the inviter's own", async () => {
    const coordinator = await buildUser(database().db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    const session = await signInAs(app, coordinator);
    const invite = (grant: object) =>
      app.inject({
        method: "POST",
        url: "/api/invitations",
        headers: session.headers,
        payload: { email: "new.contributor@example.org", grant },
      });
    expect((await invite({ role: "secretariat", scopeType: "platform", scopeCode: null })).statusCode).toBe(
      403,
    );
    expect((await invite({ role: "contributor", scopeType: "country", scopeCode: "GE" })).statusCode).toBe(
      403,
    );
    expect(
      (await invite({ role: "contributor", scopeType: "country", scopeCode: "MD", sections: ["art19"] }))
        .statusCode,
    ).toBe(201);
    const outbox = (
      await app.inject({ url: "/api/admin/outbox", headers: (await signInAs(app, admin)).headers })
    ).json() as { toEmail: string; bodyText: string }[];
    const token = tokenFromOutbox(outbox.find((m) => m.toEmail === "new.contributor@example.org")!.bodyText);
    const accepted = await app.inject({
      method: "POST",
      url: "/api/invitations/accept",
      payload: { token, name: "Nina Contributor", password: "lantern orchard river 2031" },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      name: "Nina Contributor",
      grants: [{ role: "contributor", scopeType: "country", scopeCode: "MD", sections: ["art19"] }],
    });
    // Only platform admins read the outbox.
    expect((await app.inject({ url: "/api/admin/outbox", headers: session.headers })).statusCode).toBe(403);
  });
});
