import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CycleDetail } from "../../src/server/api-schemas/cycles.ts";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { sendDeadlineReminders } from "../../src/server/notifications/deadline-reminders.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * Accounts end to end: the demo admin signs in, opens a cycle and invites a
 * coordinator for Moldova through the UI, the invitation link is read from
 * the outbox page and accepted in a second browser, and the coordinator sees
 * the Moldova assessments in "My work". Every page passes axe in English and
 * Arabic (right-to-left), and is photographed in both.
 */
const shots = "/tmp/childmark-e2e-accounts";
const coordinatorEmail = "coordinator.md@example.org";
// Not built on the e-mail (coordinator.md@…) or the name: the password rule refuses that.
const coordinatorPassword = "river lantern chisinau 48";

/** A date `days` from today as YYYY-MM-DD (UTC). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(!canRunBrowser)("accounts, invitations and my work (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  /** Refusals a step provokes on purpose, as "status METHOD path". */
  const provoked = new Set<string>();

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    // Signed-out pages ask /api/auth/me, which answers 401: that is how the app learns nobody is signed in.
    page.on("response", (response) => {
      const signedOut = response.status() === 401 && response.url().endsWith("/api/auth/me");
      const what = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
      if (response.status() >= 400 && !signedOut && !provoked.has(what)) problems.push(what);
    });
    return page;
  }

  /** Waits for the page's heading and for every loading notice to go. */
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

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-accounts-"));
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

  it("opens a cycle, invites a coordinator who accepts and sees their work, then signs out", async () => {
    const login = server.demoLogin!;
    const admin = await newPage();

    // A signed-out visit to "My work" leads to sign-in, and back to "My work" afterwards.
    await admin.goto(`${server.url}/work`);
    await admin.waitForURL(/\/sign-in\?next=%2Fwork$/);
    await check(admin, "sign-in");
    expect(await admin.locator("main h1").textContent()).toBe("Sign in to Childmark");
    expect(await admin.getByRole("link", { name: "Forgot your password?" }).getAttribute("href")).toBe(
      "/forgot-password",
    );

    provoked.add("401 POST /api/auth/sign-in");
    // A wrong password says so, and the page still passes axe with the message shown.
    await admin.getByLabel("E-mail address").fill(login.email);
    await admin.getByLabel("Password").fill("not-the-password");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => admin.getByRole("alert").textContent())
      .toContain("Wrong e-mail address or password");
    await expectNoSeriousViolations(admin, "sign-in with error");

    await admin.getByLabel("Password").fill(login.password);
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.waitForURL(/\/work$/);
    await check(admin, "work-admin");
    expect(await admin.locator("main h1").textContent()).toBe("My work");
    const nav = admin.getByRole("navigation");
    expect(await nav.getByRole("link", { name: "My work" }).count()).toBe(1);
    // The administration pages are those of the Administration module.
    await nav.getByRole("link", { name: "Administration" }).click();
    for (const link of ["Open a cycle", "Invite", "Outbox"]) {
      expect(await nav.getByRole("link", { name: link }).count()).toBe(1);
    }

    // Open a cycle: an empty form is refused field by field, in the reader's language.
    await nav.getByRole("link", { name: "Open a cycle" }).click();
    await settle(admin);
    await admin.getByRole("button", { name: "Open the cycle" }).click();
    const errorOf = (id: string) => admin.locator(`#${id}-error`).textContent();
    expect(await errorOf("cycle-period")).toBe("⚠ Fill in this field.");
    expect(await errorOf("cycle-name-en")).toBe("⚠ Give the name in at least one language.");
    expect(await admin.locator(".country-picker .form-field__error").textContent()).toBe(
      "⚠ Choose at least one country.",
    );
    expect(await admin.getByLabel("Period").getAttribute("aria-invalid")).toBe("true");
    await expectNoSeriousViolations(admin, "new cycle with errors");

    await admin.getByLabel("Period").fill("2025");
    expect(await admin.locator("#cycle-period-error").count()).toBe(0);
    await admin.getByLabel("Name in English").fill("2026 pilot");
    await admin.getByLabel("Name in French").fill("Pilote 2026");
    await admin.getByLabel("Filter countries").fill("Moldo");
    const moldova = admin.getByRole("checkbox", { name: /Moldova/ });
    expect(await admin.locator(".country-picker__list li").count()).toBe(1);
    await moldova.check();
    await admin.getByLabel("Filter countries").fill("");
    expect(await admin.locator(".country-picker__list li").count()).toBeGreaterThan(100);
    expect(await admin.locator(".country-picker__count").textContent()).toBe("1 country selected");
    expect(await admin.getByRole("button", { name: "Remove Moldova" }).count()).toBe(1);

    // The server's refusal (this framework version already has a 2025 cycle) appears next to Period.
    provoked.add("409 POST /api/cycles");
    await admin.getByRole("button", { name: "Open the cycle" }).click();
    await expect
      .poll(() => admin.locator("#cycle-period-error").textContent())
      .toContain("already has a cycle for 2025");
    await admin.getByLabel("Period").fill("2026");
    await admin.getByLabel("Opens on").fill(dayFromNow(-1));
    await admin.getByLabel("Deadline").fill(dayFromNow(5));
    await check(admin, "new-cycle");
    await admin.getByRole("button", { name: "Open the cycle" }).click();
    await expect
      .poll(() => admin.getByRole("status").filter({ hasText: "is open" }).textContent())
      .toContain("The cycle 2026 pilot is open, with 1 assessment.");

    // Invite a coordinator for Moldova; a contributor would be offered the sections.
    await nav.getByRole("link", { name: "Invite" }).click();
    await settle(admin);
    await admin.getByLabel("E-mail address").fill("not-an-address");
    await admin.getByRole("button", { name: "Send the invitation" }).click();
    expect(await admin.locator("#invite-email-error").textContent()).toContain(
      "Enter a valid e-mail address",
    );
    expect(await admin.locator("#invite-role-error").textContent()).toBe("⚠ Fill in this field.");
    await admin.getByLabel("E-mail address").fill(coordinatorEmail);
    await admin.getByLabel("Where the role applies").selectOption("country");
    await admin.getByLabel("Country", { exact: true }).selectOption("MD");
    await admin.getByLabel("Role", { exact: true }).selectOption("contributor");
    await admin.getByRole("group", { name: "Sections this contributor may answer" }).waitFor();
    await admin.locator(".check-list input").first().waitFor();
    await check(admin, "invite");
    await admin.getByLabel("Role", { exact: true }).selectOption("coordinator");
    expect(await admin.locator(".check-list").count()).toBe(0);
    await admin.getByRole("button", { name: "Send the invitation" }).click();
    await expect
      .poll(() => admin.getByRole("status").filter({ hasText: "invitation" }).textContent())
      .toBe(`✓ The invitation was sent to ${coordinatorEmail}.`);

    // The invitation e-mail is in the outbox; its link carries the token.
    await nav.getByRole("link", { name: "Outbox" }).click();
    await check(admin, "outbox");
    const message = admin.locator(".outbox__message", { hasText: coordinatorEmail }).first();
    expect(await message.locator("h2").textContent()).toMatch(/invit/i);
    const body = (await message.locator("pre").textContent()) ?? "";
    const token = body.match(/\/accept-invitation#token=([^\s]+)/)?.[1];
    expect(token, body).toBeTruthy();

    // The coordinator accepts in another browser and lands on "My work".
    const coordinator = await newPage();
    await coordinator.goto(`${server.url}/accept-invitation#token=${token}`);
    await check(coordinator, "accept-invitation");
    await coordinator.getByLabel("Your name").fill("Ana Popescu");
    await coordinator.getByLabel("Password", { exact: true }).fill(coordinatorPassword);
    await coordinator.getByLabel("Repeat the password").fill(coordinatorPassword);
    await coordinator.getByRole("button", { name: "Accept and sign in" }).click();
    await coordinator.waitForURL(/\/work$/);
    await check(coordinator, "work-coordinator");

    // Only Moldova, in every cycle; the new cycle's deadline warns (5 days left).
    const cycles = await coordinator.evaluate(async () => (await fetch("/api/cycles")).json());
    const mdAssessment = (cycles as CycleDetail[])
      .find((c) => c.period === "2026")!
      .assessments.find((a) => a.country === "MD")!;
    const pilot = coordinator.getByRole("region", { name: "2026 pilot" });
    const rows = pilot.locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.locator("th a").textContent()).toBe("Moldova");
    expect(await rows.locator("th a").getAttribute("href")).toBe(`/assessments/${mdAssessment.id}`);
    expect(await rows.locator(".status-chip").textContent()).toContain("Draft");
    expect(await pilot.locator(".deadline--warn").textContent()).toContain("5 days left");
    const countries = await coordinator.locator("main tbody th a").allTextContents();
    expect(countries.length).toBeGreaterThanOrEqual(3);
    expect(new Set(countries)).toEqual(new Set(["Moldova"]));
    const coordinatorNav = coordinator.getByRole("navigation");
    await coordinatorNav.getByRole("link", { name: "Administration" }).click();
    expect(await coordinatorNav.getByRole("link", { name: "Invite" }).count()).toBe(1);
    expect(await coordinatorNav.getByRole("link", { name: "Open a cycle" }).count()).toBe(0);
    expect(await coordinatorNav.getByRole("link", { name: "Outbox" }).count()).toBe(0);
    await coordinator.goBack();

    // The hourly deadline job tells the coordinator the deadline is near: the bell counts it,
    // opens from the keyboard, Escape returns focus to it, and the notice leads to the assessment.
    await sendDeadlineReminders(server.database.db, new Date());
    await coordinator.reload();
    await settle(coordinator);
    const bell = coordinator.getByRole("button", { name: "Notifications, 1 unread" });
    expect(await coordinator.locator(".header-button__badge").textContent()).toBe("1");
    await bell.focus();
    await coordinator.keyboard.press("Enter");
    const notices = coordinator.locator("#notifications-menu");
    await notices.getByRole("link").first().waitFor();
    await expectNoSeriousViolations(coordinator, "notifications open");
    const notice = notices.getByRole("link", { name: /The deadline for Moldova is/ });
    expect(await notice.getAttribute("href")).toBe(`/assessments/${mdAssessment.id}`);
    await coordinator.screenshot({ path: `${shots}-en-notifications.png` });
    await coordinator.keyboard.press("Escape");
    expect(await notices.count()).toBe(0);
    expect(await bell.evaluate((el) => el === document.activeElement)).toBe(true);
    await bell.click();
    await notice.click();
    await coordinator.waitForURL(new RegExp(`/assessments/${mdAssessment.id}$`));
    await coordinator.getByRole("button", { name: "Notifications, none unread" }).waitFor();
    await coordinator.goto(`${server.url}/work`);
    await settle(coordinator);

    // In Arabic the page turns right to left and still passes axe.
    await coordinator.getByLabel("Language").selectOption("ar");
    await coordinator.waitForFunction(() => document.documentElement.dir === "rtl");
    expect(await coordinator.locator("main h1").textContent()).toBe("عملي");
    await check(coordinator, "work-coordinator");

    // Sign out from the account menu: back to sign-in, and "My work" needs signing in again.
    await coordinator.getByLabel("اللغة").selectOption("en");
    await coordinator.getByRole("button", { name: /Ana Popescu/ }).click();
    await coordinator.getByRole("button", { name: "Sign out" }).click();
    await coordinator.waitForURL(/\/sign-in$/);
    expect(await coordinator.getByRole("navigation").getByRole("link", { name: "My work" }).count()).toBe(0);
    await coordinator.goto(`${server.url}/work`);
    await coordinator.waitForURL(/\/sign-in\?next=%2Fwork$/);

    expect(problems).toEqual([]);
  }, 120_000);

  it("answers a reset request the same way for any address and refuses a bad reset link", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/forgot-password`);
    await check(page, "forgot-password");
    await page.getByLabel("E-mail address").fill("nobody@example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("If an account exists for nobody@example.org");

    await page.goto(`${server.url}/reset-password#token=not-a-real-token-123`);
    await check(page, "reset-password");
    await page.getByLabel("New password").fill("a-new-password-long");
    await page.getByLabel("Repeat the password").fill("a-different-password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    expect(await page.locator("#reset-repeat-error").textContent()).toContain("not the same");
    await page.getByLabel("Repeat the password").fill("a-new-password-long");
    provoked.add("400 POST /api/auth/password-reset/confirm");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("invalid, expired or already used");
    await expectNoSeriousViolations(page, "reset-password refused");
    expect(problems).toEqual([]);
  }, 60_000);

  it("passes axe on every account and admin page in Arabic, right to left", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
    for (const path of [
      "/sign-in",
      "/forgot-password",
      "/reset-password#token=abcdefghijkl",
      "/accept-invitation",
    ]) {
      await page.goto(`${server.url}${path}`);
      await settle(page);
      await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
      await check(page, path.slice(1).replace(/#.*/, ""));
    }
    const login = server.demoLogin!;
    await page.goto(`${server.url}/sign-in`);
    await page.locator("#sign-in-email").fill(login.email);
    await page.locator("#sign-in-password").fill(login.password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/work$/);
    for (const [path, name] of [
      ["/work", "work-admin"],
      ["/admin/cycles/new", "new-cycle"],
      ["/admin/invitations", "invite"],
      ["/admin/outbox", "outbox"],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await check(page, name);
      await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    }
    // The public scores page too, as a signed-in admin sees it (header with the workspace links).
    const frameworks = (await (await fetch(`${server.url}/api/frameworks`)).json()) as {
      id: string;
      code: string;
    }[];
    const cpi = frameworks.find((f) => f.code === "cpi-demo")!;
    await page.goto(`${server.url}/frameworks/${cpi.id}`);
    await check(page, "scores");
    expect(problems).toEqual([]);
  }, 90_000);
});
