import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CycleDetail } from "../../src/server/api-schemas/cycles.ts";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { roleAssignments } from "../../src/server/db/schema.ts";
import { createUser } from "../../src/server/users/create-user.ts";
import { PDF } from "../integration/evidence-files.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";

/*
 * Stored XSS on screen: attack strings are written through the API into every
 * free-text field (a person's name, the cycle name, a "not applicable"
 * justification, a comment, a citation and legal reference, an uploaded
 * file's name, a rework comment, a return reason), then the pages that show
 * them are opened in Chromium. Each string must be on screen as text, and
 * nothing may run: no alert() dialog, no element carrying an event handler or
 * an <img src=x>, no inline script. test/integration/xss.test.ts covers the API.
 */
const PASSWORD = "xss journey password";
const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const JS_URL = "javascript:alert(1)";

describe.skipIf(!canRunBrowser)("stored XSS is rendered inert on every workspace page (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let assessmentId: string;
  let code: string;
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];

  /** A browser context signed in as `email`, with its API client and CSRF header. */
  async function signedIn(email: string): Promise<{ page: Page; api: APIRequestContext; csrf: string }> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const res = await context.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email, password: PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("pageerror", (error) => errors.push(error.message));
    return { page, api: context.request, csrf: csrfToken };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-xss-"));
    // PGlite in its own folder even when DATABASE_URL is set: a shared database would keep the last run's users and cycles.
    server = await startServer({ port: 0, dataDir, databaseUrl: "", demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    const db = server.database.db;
    // Names are free text too: the coordinator's is an attack (the API test covers invitation acceptance).
    for (const [email, name, role] of [
      ["coordinator@xss.example", IMG, "coordinator"],
      ["reviewer@xss.example", SCRIPT, "reviewer"],
    ] as const) {
      const user = await createUser(db, { email, name, password: PASSWORD });
      await db
        .insert(roleAssignments)
        .values({ userId: user.id, role, scopeType: "country", scopeCode: "MD" });
    }
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Nothing on the page carries script: no handler attributes, no img src=x, no inline script, no javascript: link. */
  async function expectInert(page: Page, where: string): Promise<void> {
    const found = await page.evaluate(() => {
      const bad: string[] = [];
      for (const el of document.querySelectorAll("*")) {
        for (const attr of el.getAttributeNames()) {
          if (attr.startsWith("on")) bad.push(`${el.tagName} ${attr}`);
        }
      }
      for (const img of document.querySelectorAll('img[src="x"]')) bad.push(img.outerHTML);
      for (const s of document.querySelectorAll("script:not([src])"))
        bad.push(`inline script ${s.textContent}`);
      for (const a of document.querySelectorAll("a[href]")) {
        if (/^\s*javascript:/i.test(a.getAttribute("href") ?? "")) bad.push(a.outerHTML);
      }
      return bad;
    });
    expect(found, where).toEqual([]);
    expect(dialogs, where).toEqual([]);
  }

  it("writes attack strings into every free-text field through the API", async () => {
    const adminContext = await browser.newContext();
    contexts.push(adminContext);
    const signIn = await adminContext.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: server.demoLogin!.email, password: server.demoLogin!.password },
    });
    expect(signIn.status()).toBe(200);
    const adminCsrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const frameworks = (await (await adminContext.request.get(`${server.url}/api/frameworks`)).json()) as {
      code: string;
      id: string;
    }[];
    // A framework's id is its version's id.
    const versionId = frameworks.find((f) => f.code === "cpi-demo")!.id;
    const created = await adminContext.request.post(`${server.url}/api/cycles`, {
      headers: { "x-csrf-token": adminCsrf },
      data: {
        frameworkVersionId: versionId,
        period: "2027",
        name: { en: SCRIPT, fr: IMG },
        countries: ["MD"],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    assessmentId = ((await created.json()) as CycleDetail).assessments.find((a) => a.country === "MD")!.id;

    const coordinator = await signedIn("coordinator@xss.example");
    const h = { "x-csrf-token": coordinator.csrf };
    const base = `${server.url}/api/assessments/${assessmentId}`;
    const data = (await (await coordinator.api.get(base)).json()) as {
      framework: { indicators: { code: string; type: string }[] };
    };
    code = data.framework.indicators.find((i) => i.type === "checklist")!.code;
    const ok = async (res: Awaited<ReturnType<APIRequestContext["post"]>>) =>
      expect(res.status(), await res.text()).toBeLessThan(300);
    await ok(
      await coordinator.api.put(`${base}/answers/${code}`, {
        headers: h,
        data: { value: "na", justification: SCRIPT, expectedVersion: 0 },
      }),
    );
    await ok(
      await coordinator.api.post(`${base}/answers/${code}/comments`, { headers: h, data: { body: IMG } }),
    );
    await ok(
      await coordinator.api.post(`${base}/answers/${code}/evidence`, {
        headers: h,
        data: { kind: "citation", citation: SCRIPT, legalReference: IMG },
      }),
    );
    await ok(
      await coordinator.api.post(`${base}/answers/${code}/evidence`, {
        headers: h,
        data: { kind: "legal", legalReference: JS_URL },
      }),
    );
    const refused = await coordinator.api.post(`${base}/answers/${code}/evidence`, {
      headers: h,
      data: { kind: "url", url: JS_URL },
    });
    expect(refused.status()).toBe(400);
    await ok(
      await coordinator.api.post(`${base}/answers/${code}/evidence`, {
        headers: h,
        multipart: {
          file: { name: "<img src=x onerror=alert(1)>.pdf", mimeType: "application/pdf", buffer: PDF },
        },
      }),
    );
    await ok(await coordinator.api.post(`${base}/submit`, { headers: h }));
    const reviewer = await signedIn("reviewer@xss.example");
    const rh = { "x-csrf-token": reviewer.csrf };
    await ok(await reviewer.api.post(`${base}/start-review`, { headers: rh }));
    await ok(
      await reviewer.api.post(`${base}/answers/${code}/rework`, { headers: rh, data: { comment: IMG } }),
    );
    await ok(await reviewer.api.post(`${base}/return`, { headers: rh, data: { reason: SCRIPT } }));
  }, 60_000);

  it("shows every attack string as text and runs none, page by page", async () => {
    const { page } = await signedIn("coordinator@xss.example");

    // My work: the cycle's name; the header: the person's name.
    await visit(page, `${server.url}/work`);
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
    await page.getByRole("region", { name: SCRIPT }).waitFor();
    expect(await page.getByRole("banner").textContent()).toContain(IMG);
    await expectInert(page, "my work");

    // The workspace: justification, rework comment, evidence, file name, comments, history.
    await visit(page, `${server.url}/assessments/${assessmentId}`);
    const card = page.locator(`article[data-indicator="${code}"]`);
    await card.waitFor();
    expect(await page.locator(".ws-header").textContent()).toContain(SCRIPT);
    await expect.poll(() => card.locator("textarea").first().inputValue()).toBe(SCRIPT);
    await expect.poll(() => card.locator(".rv-rework").textContent()).toContain(IMG);
    await card.getByRole("tab", { name: /Evidence/ }).click();
    const evidence = card.getByRole("tabpanel");
    await expect.poll(() => evidence.locator(".rv-evidence__item").count()).toBe(3);
    const evidenceText = (await evidence.locator(".rv-evidence").textContent()) ?? "";
    for (const text of [SCRIPT, IMG, JS_URL, "onerror=alert(1)"]) expect(evidenceText).toContain(text);
    expect(await evidence.locator('a[href^="javascript"]').count()).toBe(0);
    const fileLink = evidence.getByRole("link", { name: /onerror=alert\(1\)/ });
    expect(await fileLink.getAttribute("href")).toMatch(/^\/api\/evidence\/[0-9a-f-]+\/file$/);
    await expectInert(page, "workspace, evidence");
    await card.getByRole("tab", { name: /Comments/ }).click();
    const comments = (await card.getByRole("tabpanel").textContent()) ?? "";
    expect(comments).toContain(IMG);
    expect(comments).toContain(SCRIPT); // the reviewer's name, as the rework comment's author
    await expectInert(page, "workspace, comments");
    await card.locator("details.answer-card__history > summary").click();
    await expect.poll(() => card.locator("details.answer-card__history").textContent()).toContain(SCRIPT);
    await expectInert(page, "workspace, history");

    // The timeline: the return reason and the reviewer's name.
    await visit(page, `${server.url}/assessments/${assessmentId}/timeline`);
    await page.locator(".rv-timeline__event").first().waitFor();
    const timeline = (await page.locator("main").textContent()) ?? "";
    expect(timeline).toContain(SCRIPT);
    await expectInert(page, "timeline");

    // The progress page: people's names.
    await visit(page, `${server.url}/assessments/${assessmentId}/progress`);
    await page.locator(".rv-progress-table").first().waitFor();
    await expectInert(page, "progress");

    expect(errors).toEqual([]);
  }, 90_000);
});
