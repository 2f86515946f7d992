import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { resetTwoFactorByEmail } from "../../src/server/auth/two-factor/manage.ts";
import { signInThrottles, userTwoFactor } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs, type TestUser } from "../support/factories.ts";

/** Each test signs in from its own documentation address, so address counters never mix. */
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;

describeEachDatabase("sign-in hardening: failure limits, two-factor sign-in, required roles", (database) => {
  let app: FastifyInstance;
  let admin: TestUser;

  beforeAll(async () => {
    await seedReference(database().db);
    app = await buildApp({ database: database() });
    admin = await buildUser(database().db, { isAdmin: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  const signIn = (email: string, password: string, remoteAddress = "203.0.113.1") =>
    app.inject({ method: "POST", url: "/api/auth/sign-in", remoteAddress, payload: { email, password } });
  const secondStep = (challengeToken: string, code: string, remoteAddress = "203.0.113.1") =>
    app.inject({
      method: "POST",
      url: "/api/auth/sign-in/two-factor",
      remoteAddress,
      payload: { challengeToken, code },
    });
  const post = (session: Session, url: string, payload?: object) =>
    app.inject({ method: "POST", url, payload, headers: session.headers });

  /** Enrols an authenticator through the API; returns it (as an app would hold it) and the recovery codes. */
  async function enrol(session: Session): Promise<{ totp: TOTP; recoveryCodes: string[] }> {
    const started = await post(session, "/api/account/two-factor/enrolment");
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri } = started.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Childmark:.+secret=/);
    const totp = new TOTP({ issuer: "Childmark", secret: Secret.fromBase32(secret) });
    const confirmed = await post(session, "/api/account/two-factor/enrolment/confirm", {
      code: totp.generate(),
    });
    expect(confirmed.statusCode).toBe(200);
    return { totp, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
  }

  /** A code of the next 30-second step: the current one may already be used (each is accepted once). */
  const nextCode = (totp: TOTP) => totp.generate({ timestamp: Date.now() + 30_000 });

  it("limits one address trying 15 different e-mails, whether the accounts exist or not", async () => {
    const address = newAddress();
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) {
      codes.push((await signIn(`someone-${i}@example.org`, "a guessed password", address)).statusCode);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes.slice(10)).toEqual(Array(5).fill(429));
    // The right password of a real account is refused too from that address, and says when to retry.
    const user = await buildUser(database().db);
    const refused = await signIn(user.email, user.password, address);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json().error).toMatch(/try again in 1 minute/);
    // An unknown account is limited exactly like a known one (no hint that it exists).
    const unknown = await signIn("nobody-at-all@example.org", "x", newAddress());
    expect(unknown.statusCode).toBe(401);
  });

  it("lets the right password in after failures below the limit, and then forgets them", async () => {
    const user = await buildUser(database().db);
    const address = newAddress();
    for (let i = 0; i < 4; i++)
      expect((await signIn(user.email, "wrong password!", address)).statusCode).toBe(401);
    expect((await signIn(user.email, user.password, address)).statusCode).toBe(200);
    // The success cleared the account's counter: four more failures are still allowed.
    for (let i = 0; i < 4; i++)
      expect((await signIn(user.email, "wrong password!", address)).statusCode).toBe(401);
    expect((await signIn(user.email, user.password, address)).statusCode).toBe(200);
  });

  it("locks an account for 1, then 2, then 4 minutes as failures go on", async () => {
    const user = await buildUser(database().db);
    const key = `account:${user.email}`;
    const lockMinutes = async () => {
      const [row] = await database().db.select().from(signInThrottles).where(eq(signInThrottles.key, key));
      return Math.round((row!.lockedUntil!.getTime() - Date.now()) / 60_000);
    };
    /** Lets the lock pass, as if the person had waited. */
    const waitOut = () =>
      database()
        .db.update(signInThrottles)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(signInThrottles.key, key));
    for (let i = 0; i < 5; i++) await signIn(user.email, "wrong password!", newAddress());
    expect(await lockMinutes()).toBe(1);
    expect((await signIn(user.email, user.password, newAddress())).statusCode).toBe(429);
    await waitOut();
    expect((await signIn(user.email, "wrong password!", newAddress())).statusCode).toBe(401);
    expect(await lockMinutes()).toBe(2);
    await waitOut();
    await signIn(user.email, "wrong password!", newAddress());
    expect(await lockMinutes()).toBe(4);
    await waitOut();
    expect((await signIn(user.email, user.password, newAddress())).statusCode).toBe(200);
    expect(await database().db.select().from(signInThrottles).where(eq(signInThrottles.key, key))).toEqual(
      [],
    );
  });

  it("enrols an authenticator; sign-in then needs a code, and the session opens only after it", async () => {
    const user = await buildUser(database().db);
    const session = await signInAs(app, user);
    const before = await app.inject({ url: "/api/account/two-factor", headers: session.headers });
    expect(before.json()).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false });
    // A wrong first code does not turn it on.
    await post(session, "/api/account/two-factor/enrolment");
    expect(
      (await post(session, "/api/account/two-factor/enrolment/confirm", { code: "000000" })).json().error,
    ).toMatch(/^code: /);
    const { totp, recoveryCodes } = await enrol(session);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const status = await app.inject({ url: "/api/account/two-factor", headers: session.headers });
    expect(status.json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const address = newAddress();
    const first = await signIn(user.email, user.password, address);
    expect(first.statusCode).toBe(202);
    expect(first.cookies).toEqual([]);
    const { challengeToken } = first.json() as { challengeToken: string };
    // A wrong code: 401, no session.
    const wrong = await secondStep(challengeToken, "000000", address);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies).toEqual([]);
    const right = await secondStep(challengeToken, nextCode(totp), address);
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ email: user.email, mustEnrolTwoFactor: false });
    expect(right.cookies[0]?.name).toBe("childmark_session");
    // The challenge opens one session only.
    expect((await secondStep(challengeToken, totp.generate(), address)).statusCode).toBe(400);
  });

  it("accepts each code once: a recovery code, and a time code", async () => {
    const user = await buildUser(database().db);
    const { totp, recoveryCodes } = await enrol(await signInAs(app, user));
    const address = newAddress();
    const challenge = async () =>
      ((await signIn(user.email, user.password, address)).json() as { challengeToken: string })
        .challengeToken;
    const recovery = recoveryCodes[3]!;
    // Typed in capitals and without dashes, it still counts.
    const used = await secondStep(await challenge(), recovery.toUpperCase().replaceAll("-", ""), address);
    expect(used.statusCode).toBe(200);
    expect((await secondStep(await challenge(), recovery, address)).statusCode).toBe(401);
    // Enrolment used the current step's code: the next step's code is the first one still unused.
    const code = nextCode(totp);
    expect((await secondStep(await challenge(), code, address)).statusCode).toBe(200);
    expect((await secondStep(await challenge(), code, address)).statusCode).toBe(401);
    const session = await secondStep(await challenge(), recoveryCodes[4]!, address);
    const headers = {
      cookie: `childmark_session=${session.cookies[0]!.value}`,
      "x-csrf-token": (session.json() as { csrfToken: string }).csrfToken,
    };
    const status = await app.inject({ url: "/api/account/two-factor", headers });
    expect(status.json()).toMatchObject({ recoveryCodesLeft: 8 });
    // New codes replace the old ones, which stop working.
    const fresh = await post(
      { headers, cookie: headers.cookie, csrf: headers["x-csrf-token"] },
      "/api/account/two-factor/recovery-codes",
      { code },
    );
    // That code was used already: refused, as any replay.
    expect(fresh.statusCode).toBe(400);
    await database()
      .db.update(userTwoFactor)
      .set({ lastUsedStep: 0 })
      .where(eq(userTwoFactor.userId, user.id));
    const renewed = await post(
      { headers, cookie: headers.cookie, csrf: headers["x-csrf-token"] },
      "/api/account/two-factor/recovery-codes",
      { code },
    );
    expect(renewed.statusCode).toBe(200);
    expect((await secondStep(await challenge(), recoveryCodes[5]!, address)).statusCode).toBe(401);
    const newCodes = (renewed.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect((await secondStep(await challenge(), newCodes[0]!, address)).statusCode).toBe(200);
  });

  it("counts wrong second-factor codes as failures: the sixth try is refused", async () => {
    const user = await buildUser(database().db);
    const { totp } = await enrol(await signInAs(app, user));
    const address = newAddress();
    const { challengeToken } = (await signIn(user.email, user.password, address)).json() as {
      challengeToken: string;
    };
    for (let i = 0; i < 5; i++)
      expect((await secondStep(challengeToken, "000000", address)).statusCode).toBe(401);
    expect((await secondStep(challengeToken, nextCode(totp), address)).statusCode).toBe(429);
  });

  it("turns two-factor sign-in off only with the password and a code", async () => {
    const user = await buildUser(database().db);
    const session = await signInAs(app, user);
    const { totp } = await enrol(session);
    const disable = (password: string, code: string) =>
      post(session, "/api/account/two-factor/disable", { password, code });
    const wrongPassword = await disable("not my password", nextCode(totp));
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error).toMatch(/^password: /);
    const wrongCode = await disable(user.password, "123456");
    expect(wrongCode.json().error).toMatch(/^code: /);
    expect((await disable(user.password, nextCode(totp))).statusCode).toBe(200);
    expect((await signIn(user.email, user.password, newAddress())).statusCode).toBe(200);
  });

  it("lets an operator remove the authenticator of someone who lost phone and codes", async () => {
    const user = await buildUser(database().db);
    await enrol(await signInAs(app, user));
    expect((await signIn(user.email, user.password, newAddress())).statusCode).toBe(202);
    expect(await resetTwoFactorByEmail(database().db, user.email.toUpperCase())).toBe(true);
    expect((await signIn(user.email, user.password, newAddress())).statusCode).toBe(200);
    expect(await resetTwoFactorByEmail(database().db, user.email)).toBe(false);
  });

  it("leads a user of a role that requires it to enrol before anything else works", async () => {
    const adminSession = await signInAs(app, admin);
    const settings = await app.inject({
      method: "PUT",
      url: "/api/admin/security-settings",
      headers: adminSession.headers,
      payload: { twoFactorRequiredRoles: ["coordinator"] },
    });
    expect(settings.json()).toEqual({ twoFactorRequiredRoles: ["coordinator"] });
    const badRole = await app.inject({
      method: "PUT",
      url: "/api/admin/security-settings",
      headers: adminSession.headers,
      payload: { twoFactorRequiredRoles: ["emperor"] },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().details[0]).toMatch(/^twoFactorRequiredRoles\/0: /);

    const coordinator = await buildUser(database().db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    const viewer = await buildUser(database().db, {
      grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }],
    });
    const signedIn = await signIn(coordinator.email, coordinator.password, newAddress());
    expect(signedIn.json()).toMatchObject({ mustEnrolTwoFactor: true });
    const session = await signInAs(app, coordinator);
    // Nothing but enrolment works.
    const cycles = await app.inject({ url: "/api/cycles", headers: session.headers });
    expect(cycles.statusCode).toBe(403);
    expect(cycles.json().error).toMatch(/requires two-factor sign-in/);
    expect((await app.inject({ url: "/api/auth/me", headers: session.headers })).json()).toMatchObject({
      mustEnrolTwoFactor: true,
    });
    const { totp } = await enrol(session);
    expect((await app.inject({ url: "/api/cycles", headers: session.headers })).statusCode).toBe(200);
    // Now on, and required: it cannot be turned off.
    const off = await post(session, "/api/account/two-factor/disable", {
      password: coordinator.password,
      code: nextCode(totp),
    });
    expect(off.statusCode).toBe(409);
    // A role not named signs in as before.
    expect((await signIn(viewer.email, viewer.password, newAddress())).json()).toMatchObject({
      mustEnrolTwoFactor: false,
    });
    // Only an administrator may change the setting.
    const viewerSession = await signInAs(app, viewer);
    expect(
      (await app.inject({ url: "/api/admin/security-settings", headers: viewerSession.headers })).statusCode,
    ).toBe(403);
  });

  it("stores the authenticator secret sealed with CHILDMARK_SECRET_KEY when it is set", async () => {
    const user = await buildUser(database().db);
    process.env.CHILDMARK_SECRET_KEY = "test key: a long random string in production";
    try {
      const { totp } = await enrol(await signInAs(app, user));
      const [row] = await database().db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, user.id));
      expect(row!.secret).toMatch(/^gcm:/);
      expect(row!.secret).not.toContain(totp.secret.base32);
      const address = newAddress();
      const { challengeToken } = (await signIn(user.email, user.password, address)).json() as {
        challengeToken: string;
      };
      expect((await secondStep(challengeToken, nextCode(totp), address)).statusCode).toBe(200);
    } finally {
      delete process.env.CHILDMARK_SECRET_KEY;
    }
  });

  it("refuses a common or personal password with 400 naming the field", async () => {
    const user = await buildUser(database().db, { name: "Ana Popescu" });
    await app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: user.email } });
    const { outbox } = await import("../../src/server/db/schema.ts");
    const [mail] = await database().db.select().from(outbox).where(eq(outbox.toEmail, user.email));
    const token = /#token=([\w-]+)/.exec(mail!.bodyText)![1]!;
    const confirm = (password: string) =>
      app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password } });
    const common = await confirm("password1234");
    expect(common.statusCode).toBe(400);
    expect(common.json().error).toMatch(/^password: this is a common password/);
    const personal = await confirm("popescu-rocks-2026!");
    expect(personal.json().error).toMatch(/^password: do not build the password on your name/);
    // The link still works after a refusal.
    expect((await confirm("violet lantern harbour 88")).statusCode).toBe(200);
  });
});
