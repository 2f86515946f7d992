import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { trustProxySetting } from "../../src/server/app/security-headers.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type TestUser } from "../support/factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";

/*
 * Every answer carries the security headers; only the portal's chart embeds may be framed by other
 * sites; behind a trusted proxy, X-Forwarded-Proto https makes the session cookie Secure.
 */

describeEachDatabase("security headers", (database) => {
  let app: FastifyInstance;
  let slug = "";
  let user: TestUser;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    const cycle = await buildPublishableCycle(db, { countries: ["MD"], validated: ["MD"] });
    user = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      assessmentIds: [cycle.assessments.MD!],
      userId: user.id,
    }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("sends CSP, X-Frame-Options, Referrer-Policy and nosniff on API answers, errors, portal pages and the docs", async () => {
    for (const url of [
      "/api/health",
      "/api/no-such-route",
      `/portal/${slug}/en/`,
      "/portal/",
      "/api/docs/static/index.html",
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).not.toContain("unsafe-eval");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });

  it("lets any site frame the embeddable charts, and only them", async () => {
    for (const path of [
      "embed/map/",
      "embed/ranking/",
      "embed/countries/md/sections/",
      "embed/countries/md/trend/",
    ]) {
      const res = await app.inject({ url: `/portal/${slug}/en/${path}` });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["x-frame-options"], path).toBeUndefined();
      expect(res.headers["content-security-policy"], path).toContain("frame-ancestors *");
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
    }
    const country = await app.inject({ url: `/portal/${slug}/en/countries/md/` });
    expect(country.headers["x-frame-options"]).toBe("DENY");
  });

  async function signInCookie(target: FastifyInstance, headers: Record<string, string> = {}) {
    const res = await target.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: user.email, password: user.password },
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers["set-cookie"]);
  }

  it("makes the session cookie Secure behind a trusted proxy forwarding https, and not otherwise", async () => {
    const forwarded = { "x-forwarded-proto": "https" };
    // Without CHILDMARK_TRUST_PROXY, a forwarded protocol is a claim of the client: ignored.
    expect(await signInCookie(app, forwarded)).not.toMatch(/;\s*Secure/i);
    process.env.CHILDMARK_TRUST_PROXY = "true";
    const proxied = await buildApp({ database: database() });
    delete process.env.CHILDMARK_TRUST_PROXY;
    try {
      expect(await signInCookie(proxied, forwarded)).toMatch(/;\s*Secure/i);
      expect(await signInCookie(proxied)).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });
});

describe("CHILDMARK_TRUST_PROXY", () => {
  it("reads off, on, a number of hops or a list of addresses", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("true")).toBe(true);
    expect(trustProxySetting("127.0.0.1, 10.0.0.0/8")).toEqual(["127.0.0.1", "10.0.0.0/8"]);
    const hops = trustProxySetting("1") as (address: string, hop: number) => boolean;
    expect([hops("10.0.0.1", 0), hops("10.0.0.2", 1)]).toEqual([true, false]);
  });
});
