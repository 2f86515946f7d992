import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReleaseSnapshot } from "../../src/core/index.ts";
import { portalRoutes, routePath } from "../../src/portal/render.tsx";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { assessments, frameworkVersions, recommendations } from "../../src/server/db/schema.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";

/*
 * The Content-Security-Policy the server sends must not break a page: every page type of the web
 * app (signed in as the demo admin), of the live portal, the API docs, and a chart embed framed by
 * a page of another origin load with no CSP violation (the `securitypolicyviolation` event of
 * every frame) and no console error. A page that is not an embed, framed the same way, is refused.
 */

/** Records the CSP violations of every frame, in that frame's window. */
const LISTEN = `document.addEventListener("securitypolicyviolation", (e) => {
  const all = (window.__cspViolations ||= []);
  all.push(location.pathname + ": " + e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});`;

describe.skipIf(!canRunBrowser)("Content-Security-Policy in Chromium: no violation on any page", () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let other: Server;
  let otherOrigin: string;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-csp-"));
    server = await startServer({ port: 0, dataDir, databaseUrl: "", demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    await context.addInitScript(LISTEN);
    // Another origin (127.0.0.1 instead of localhost, another port) whose page frames a URL.
    other = createServer((request, response) => {
      const src = new URL(request.url!, "http://x").searchParams.get("src") ?? "";
      response
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(
          `<!doctype html><title>Host</title><iframe src="${src.replaceAll('"', "&quot;")}" width="800" height="600"></iframe>`,
        );
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    other?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens `url` and returns the page with the violations and console errors it collected. */
  async function visit(url: string, ready: string): Promise<{ page: Page; violations: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const response = await page.goto(url);
    expect(response?.status(), url).toBeLessThan(400);
    await page.waitForSelector(ready);
    await page.waitForLoadState("networkidle");
    const violations = await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    );
    problems.push(...errors.map((e) => `${url}: ${e}`));
    return { page, violations: [...violations, ...errors.filter((e) => /Content Security Policy/i.test(e))] };
  }

  // Each crawls every page type (many with the modules that came): minutes on a loaded machine.
  it("loads every page type of the web app with no violation", { timeout: 300_000 }, async () => {
    const { db } = server.database;
    const [version] = await db.select({ id: frameworkVersions.id }).from(frameworkVersions).limit(1);
    const [assessment] = await db.select({ id: assessments.id }).from(assessments).limit(1);
    const [recommendation] = await db.select({ id: recommendations.id }).from(recommendations).limit(1);
    const signedOut = [
      "/sign-in",
      "/forgot-password",
      "/reset-password?token=x",
      "/accept-invitation?token=x",
    ];
    for (const path of signedOut) {
      const { page, violations } = await visit(`${server.url}${path}`, "main");
      expect(violations, path).toEqual([]);
      await page.close();
    }
    const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: server.demoLogin!.email, password: server.demoLogin!.password },
    });
    expect(signIn.status()).toBe(200);
    const paths = [
      "/",
      `/frameworks/${version!.id}`,
      `/frameworks/${version!.id}/structure`,
      `/frameworks/${version!.id}/countries/MD`,
      "/work",
      `/assessments/${assessment!.id}`,
      `/assessments/${assessment!.id}/progress`,
      `/assessments/${assessment!.id}/changes`,
      `/assessments/${assessment!.id}/timeline`,
      "/recommendations",
      "/recommendations/dashboard",
      "/recommendations/import",
      ...(recommendation ? [`/recommendations/${recommendation.id}`] : []),
      "/admin/cycles/new",
      "/admin/invitations",
      "/admin/outbox",
      "/admin/releases",
      "/no-such-page",
    ];
    for (const path of paths) {
      const { page, violations } = await visit(`${server.url}${path}`, "main h1");
      await page.waitForFunction(() => document.querySelector(".status--loading") === null);
      expect(violations, path).toEqual([]);
      await page.close();
    }
    await context.clearCookies();
  });

  async function releaseSnapshot(): Promise<ReleaseSnapshot> {
    const list = (await (await fetch(`${server.url}/api/public/releases`)).json()) as { slug: string }[];
    const slug = list[0]!.slug;
    const res = await fetch(`${server.url}/api/public/releases/${slug}/downloads/${slug}.json`);
    return (await res.json()) as ReleaseSnapshot;
  }

  it("loads every page type of the live portal, in English and Arabic, with no violation", {
    timeout: 300_000,
  }, async () => {
    const snapshot = await releaseSnapshot();
    const slug = snapshot.release.slug;
    const seen = new Set<string>();
    const routes = portalRoutes(snapshot, {
      releases: [],
      languages: ["en", "fr", "ar"],
      mode: "live",
    }).filter((r) => {
      const key = `${r.page}:${"lang" in r ? r.lang : ""}`;
      if (("lang" in r && r.lang === "fr") || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    expect(routes.length).toBeGreaterThan(20);
    for (const url of ["/portal/", ...routes.map((r) => `/portal/${slug}/${routePath(r)}`)]) {
      const { page, violations } = await visit(`${server.url}${url}`, "body");
      expect(violations, url).toEqual([]);
      await page.close();
    }
  });

  it("shows the API docs with no violation", async () => {
    const { page, violations } = await visit(`${server.url}/api/docs`, ".swagger-ui .opblock");
    expect(violations).toEqual([]);
    await page.close();
  });

  it("lets a page of another origin frame a chart embed, with no violation, and refuses to frame other pages", async () => {
    const snapshot = await releaseSnapshot();
    const base = `${server.url}/portal/${snapshot.release.slug}/en`;
    const cc = snapshot.countries[0]!.code.toLowerCase();
    for (const path of [
      "embed/map/",
      "embed/ranking/",
      `embed/countries/${cc}/sections/`,
      `embed/countries/${cc}/trend/`,
    ]) {
      const { page, violations } = await visit(
        `${otherOrigin}/?src=${encodeURIComponent(`${base}/${path}`)}`,
        "iframe",
      );
      await expect.poll(() => page.frames()[1]?.url(), { message: path }).toBe(`${base}/${path}`);
      const frame = page.frames()[1]!;
      await frame.waitForLoadState("load");
      await frame.waitForSelector("body > *", { state: "attached" });
      // The portal's stylesheet reached the frame: the page is laid out, not bare HTML.
      expect(await frame.evaluate(() => document.styleSheets.length), path).toBeGreaterThan(0);
      const inner = await frame.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      );
      expect([...violations, ...inner], path).toEqual([]);
      await page.close();
    }
    // The same framing of a country page is refused by frame-ancestors (and X-Frame-Options).
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (m) => refused.push(m.text()));
    await page.goto(`${otherOrigin}/?src=${encodeURIComponent(`${base}/countries/${cc}/`)}`);
    await expect.poll(() => refused.some((t) => /frame-ancestors|X-Frame-Options/i.test(t))).toBe(true);
    await page.close();
  });

  it("raised no console error on any page", () => {
    expect(problems).toEqual([]);
  });
});
