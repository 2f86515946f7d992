import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { buildUser, signInAs } from "../support/factories.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * Account administration end to end: the demo administrator finds a Moldovan viewer on the Users
 * page, makes them a coordinator, ends their sessions and deactivates them (their open session
 * stops working), then reads each of those changes in the Audit log, filters it and downloads it
 * as CSV. Both pages pass axe and are photographed in English and Arabic.
 */
const shots = "/tmp/childmark-e2e-accounts-admin";

describe.skipIf(!canRunBrowser)("admin Users and Audit log pages (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newPage(lang = "en"): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript((l) => localStorage.setItem("childmark.lang", l), lang);
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("response", (response) => {
      const signedOut = response.status() === 401 && response.url().endsWith("/api/auth/me");
      if (response.status() >= 400 && !signedOut)
        problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    return page;
  }

  async function settle(page: Page): Promise<void> {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
  }

  async function check(page: Page, name: string): Promise<void> {
    await settle(page);
    await expectNoSeriousViolations(page, name);
    const lang = await page.getAttribute("html", "lang");
    await page.screenshot({ path: `${shots}-${lang}-${name}.png`, fullPage: true });
  }

  async function signIn(page: Page): Promise<void> {
    const login = server.demoLogin!;
    await page.goto(`${server.url}/sign-in?next=%2Fadmin%2Fusers`);
    await page.locator("#sign-in-email").fill(login.email);
    await page.locator("#sign-in-password").fill(login.password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/admin\/users$/);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-accounts-admin-"));
    server = await startServer({ port: 0, dataDir, demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("changes a user's roles, ends their sessions, deactivates them and finds it all in the audit log", async () => {
    const db = server.database.db;
    const viewer = await buildUser(db, {
      name: "Vera Viewer",
      grants: [{ role: "viewer", scopeType: "country", scopeCode: "MD" }],
    });
    const viewerSession = await signInAs(server.app, viewer);

    const page = await newPage();
    await signIn(page);
    await check(page, "users");
    expect(await page.locator("main h1").textContent()).toBe("Users");
    const nav = page.getByRole("navigation");
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Audit log" }).count()).toBe(1);

    // Filters: text and status narrow the table to Vera.
    await page.getByLabel("Name or e-mail").fill("vera");
    await page.getByLabel("Status").selectOption("active");
    await expect.poll(() => page.locator(".um-table tbody tr").count()).toBe(1);
    expect(await page.locator(".um-table tbody tr").textContent()).toContain("Viewer · Moldova");

    await page.getByRole("button", { name: /^Vera Viewer/ }).click();
    await page.waitForSelector(".um-panel h2");
    expect(await page.locator(".um-panel").textContent()).toContain("1 open session.");

    // Make her a coordinator of Moldova instead of a viewer.
    await page.locator(".um-role-list").getByRole("button", { name: "Remove" }).click();
    await page.locator("#um-grant-scope-type").selectOption("country");
    await page.locator("#um-grant-scope-code").selectOption("MD");
    await page.locator("#um-grant-role").selectOption("coordinator");
    await page.getByRole("button", { name: "Add this role" }).click();
    await page.getByRole("button", { name: "Save roles" }).click();
    await expect.poll(() => page.locator(".um-panel").textContent()).toContain("The roles have been saved.");
    await expect
      .poll(() => page.locator(".um-table tbody tr").textContent())
      .toContain("Country coordinator · Moldova");
    await check(page, "user-panel");

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect.poll(() => page.locator(".um-panel").textContent()).toContain("No open session.");
    const me = await server.app.inject({ url: "/api/auth/me", headers: viewerSession.headers });
    expect(me.statusCode).toBe(401);

    await page.getByLabel("Why is this account deactivated?").fill("Left the coalition");
    await page.getByRole("button", { name: "Deactivate the account" }).click();
    await expect.poll(() => page.locator(".um-panel").textContent()).toContain("Left the coalition");
    await expect.poll(() => page.locator(".um-table tbody tr").count()).toBe(0);
    const refused = await server.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: viewer.email, password: viewer.password },
    });
    expect(refused.statusCode).toBe(403);

    // The audit log shows each change with the administrator as actor.
    await nav.getByRole("link", { name: "Audit log" }).click();
    await check(page, "audit");
    const actions = await page.locator(".al-table tbody th").allTextContents();
    expect(actions.slice(0, 4)).toEqual([
      "Failed sign-in",
      "Deactivated an account",
      "Ended sessions",
      "Changed roles",
    ]);
    await page.getByLabel("Action").selectOption("user.deactivated");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.locator(".al-table tbody tr").count()).toBe(1);
    expect(await page.locator(".al-table tbody tr").textContent()).toContain(server.demoLogin!.email);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    const file = join(dataDir, "audit.csv");
    await download.saveAs(file);
    const csv = readFileSync(file, "utf8").trim().split("\r\n");
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain("user.deactivated");
    expect(problems).toEqual([]);
  }, 120_000);

  it("shows both pages right to left in Arabic, passing axe", async () => {
    const page = await newPage("ar");
    await signIn(page);
    await check(page, "users");
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.locator("main h1").textContent()).toBe("المستخدمون");
    await page.locator(".um-name").first().click();
    await page.waitForSelector(".um-panel h2");
    await check(page, "user-panel");
    await page.goto(`${server.url}/admin/audit`);
    await check(page, "audit");
    expect(await page.locator("main h1").textContent()).toBe("سجل التدقيق");
    expect(problems).toEqual([]);
  }, 60_000);
});
