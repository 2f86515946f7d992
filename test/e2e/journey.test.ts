import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CycleDetail } from "../../src/server/api-schemas/cycles.ts";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { PDF } from "../integration/evidence-files.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";

/*
 * The whole journey, through the UI only, on the real server with the
 * CPI demo: the admin signs in and opens a cycle for Moldova and Georgia and
 * invites a Moldova coordinator and reviewer (links read from the outbox
 * page); the coordinator invites a contributor; the contributor answers with
 * a citation and an uploaded PDF; the coordinator submits; the reviewer
 * returns one answer; the contributor fixes it; the coordinator resubmits;
 * the reviewer validates. Then the Moldova contributor is refused Georgia's
 * assessment, on screen and by the API. Each step is checked through the API.
 */
const PASSWORD = "journey password 2026";
const CITATION = "Law No. 140/2013 on the special protection of children at risk, art. 5";
const HOSTILE = '"><img src=x onerror=alert(1)>';

describe.skipIf(!canRunBrowser)("the workspace journey, admin to validation (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-journey-"));
    // PGlite in its own folder even when DATABASE_URL is set: a shared database would keep the last run's users and cycles.
    server = await startServer({ port: 0, dataDir, databaseUrl: "", demo: true });
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

  /** A fresh browser (own cookies) whose script errors, console errors and alert() dialogs are collected. */
  async function newPage(who: string): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`${who}: ${error.message}`));
    page.on("console", (message) => {
      // 401 from /api/auth/me is how a signed-out page learns it; the Georgia refusal is provoked (403).
      if (message.type() === "error" && !/status of (401|403)/.test(message.text()))
        problems.push(`${who}: ${message.text()}`);
    });
    page.on("dialog", (dialog) => {
      problems.push(`${who}: dialog ${dialog.message()}`);
      void dialog.dismiss();
    });
    return page;
  }

  async function settle(page: Page): Promise<void> {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await visit(page, `${server.url}/sign-in`);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/work$/);
    await settle(page);
  }

  /** Fills the Invite page as the signed-in `page` (admin or coordinator). */
  async function invite(page: Page, email: string, role: string, country: string): Promise<void> {
    await page.getByRole("navigation").getByRole("link", { name: "Administration" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Invite" }).click();
    await settle(page);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Where the role applies").selectOption("country");
    await page.getByLabel("Country", { exact: true }).selectOption(country);
    await page.getByLabel("Role", { exact: true }).selectOption(role);
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "invitation" }).textContent())
      .toBe(`✓ The invitation was sent to ${email}.`);
  }

  /** The invitation link's token, read on the admin's Outbox page. */
  async function invitationToken(admin: Page, email: string): Promise<string> {
    // Loaded afresh (the admin may already be on the page, whose list does not refresh itself).
    await visit(admin, `${server.url}/admin/outbox`);
    await settle(admin);
    const message = admin.locator(".outbox__message", { hasText: email }).first();
    const body = (await message.locator("pre").textContent()) ?? "";
    const token = body.match(/\/accept-invitation#token=([^\s]+)/)?.[1];
    expect(token, body).toBeTruthy();
    return token!;
  }

  /** Accepts an invitation in a new browser; returns the signed-in page, on "My work". */
  async function accept(token: string, name: string): Promise<Page> {
    const page = await newPage(name);
    await visit(page, `${server.url}/accept-invitation#token=${token}`);
    await settle(page);
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat the password").fill(PASSWORD);
    await page.getByRole("button", { name: "Accept and sign in" }).click();
    await page.waitForURL(/\/work$/);
    await settle(page);
    return page;
  }

  /** Opens the assessment from "My work", through the link of the 2026 cycle. */
  async function openFromMyWork(page: Page, assessmentId: string): Promise<void> {
    await page.getByRole("navigation").getByRole("link", { name: "Index" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "My work" }).click();
    await settle(page);
    const link = page
      .getByRole("region", { name: "2026 journey" })
      .getByRole("link", { name: "Open the assessment of Moldova" });
    expect(await link.getAttribute("href")).toBe(`/assessments/${assessmentId}`);
    await link.click();
    await page.waitForSelector(".answer-card");
  }

  /** Clicks a workflow button, confirms in its dialog (with a reason when given), and waits for the status. */
  async function step(page: Page, button: string, status: string, reason?: string): Promise<void> {
    await page.getByRole("button", { name: button, exact: true }).first().click();
    const dialog = page.getByRole("dialog");
    if (reason) await dialog.getByRole("textbox").fill(reason);
    await dialog.getByRole("button", { name: button, exact: true }).click();
    try {
      await expect
        .poll(() => page.locator(".ws-header .status-chip").first().textContent())
        .toContain(status);
    } catch (error) {
      await page.screenshot({ path: "/tmp/childmark-journey-failed-step.png" });
      throw error;
    }
  }

  /** GET through the page's own session (its cookies), as JSON with the status. */
  async function apiGet(page: Page, path: string): Promise<{ status: number; body: unknown }> {
    const res = await page.context().request.get(`${server.url}${path}`);
    return { status: res.status(), body: await res.json().catch(() => null) };
  }

  it("opens a cycle, invites, answers with evidence, submits, returns, fixes and validates", async () => {
    // ── Admin: signs in and opens the 2026 cycle for Moldova and Georgia.
    const admin = await newPage("admin");
    await signIn(admin, server.demoLogin!.email, server.demoLogin!.password);
    await admin.getByRole("navigation").getByRole("link", { name: "Administration" }).click();
    await admin.getByRole("navigation").getByRole("link", { name: "Open a cycle" }).click();
    await settle(admin);
    await admin.getByLabel("Period").fill("2026");
    await admin.getByLabel("Name in English").fill("2026 journey");
    await admin.getByLabel("Name in French").fill("Parcours 2026");
    for (const [filter, code] of [
      ["Moldo", "MD"],
      ["Georgia", "GE"],
    ] as const) {
      await admin.getByLabel("Filter countries").fill(filter);
      await admin.locator(`.country-picker__list input[value="${code}"]`).check();
    }
    expect(await admin.locator(".country-picker__count").textContent()).toBe("2 countries selected");
    await admin.getByRole("button", { name: "Open the cycle" }).click();
    await expect
      .poll(() => admin.getByRole("status").filter({ hasText: "is open" }).textContent())
      .toContain("The cycle 2026 journey is open, with 2 assessments.");
    const cycles = (await apiGet(admin, "/api/cycles")).body as CycleDetail[];
    const cycle = cycles.find((c) => c.period === "2026")!;
    const md = cycle.assessments.find((a) => a.country === "MD")!.id;
    const ge = cycle.assessments.find((a) => a.country === "GE")!.id;
    const assessment = await apiGet(admin, `/api/assessments/${md}`);
    const indicators = (assessment.body as { framework: { indicators: { code: string; type: string }[] } })
      .framework.indicators;
    const code = indicators.find((i) => i.type === "checklist")!.code;

    // ── Admin invites the Moldova coordinator and reviewer; they accept from the outbox's links.
    await invite(admin, "coordinator@journey.example", "coordinator", "MD");
    const coordinator = await accept(
      await invitationToken(admin, "coordinator@journey.example"),
      "Ana Popescu",
    );
    await invite(admin, "reviewer@journey.example", "reviewer", "MD");
    const reviewer = await accept(await invitationToken(admin, "reviewer@journey.example"), "Radu Reviewer");

    // ── The coordinator invites a contributor (only Moldova is offered to them).
    await invite(coordinator, "contributor@journey.example", "contributor", "MD");
    const contributor = await accept(
      await invitationToken(admin, "contributor@journey.example"),
      "Ion Contributor",
    );
    const me = (await apiGet(contributor, "/api/auth/me")).body as { grants: unknown[] };
    expect(me.grants).toEqual([
      expect.objectContaining({ role: "contributor", scopeType: "country", scopeCode: "MD" }),
    ]);

    // ── The contributor answers one indicator, with a citation and an uploaded PDF.
    await openFromMyWork(contributor, md);
    const card = (page: Page) => page.locator(`article[data-indicator="${code}"]`);
    await card(contributor).getByRole("radio", { name: "Yes", exact: true }).check();
    await expect.poll(() => contributor.locator(".ws-header").textContent()).toMatch(/All changes saved/);
    await card(contributor)
      .getByRole("tab", { name: /Evidence/ })
      .click();
    const evidence = card(contributor).getByRole("tabpanel");
    await evidence.getByLabel("Citation", { exact: true }).fill(CITATION);
    await evidence.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => evidence.locator(".rv-evidence__item").count()).toBe(1);
    await evidence
      .locator('input[type="file"]')
      .setInputFiles({ name: "child-protection-report.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect.poll(() => evidence.locator(".rv-evidence__item").count()).toBe(2);
    expect(await evidence.getByRole("link", { name: /child-protection-report\.pdf/ }).count()).toBe(1);
    // A citation made of markup is shown as text, and runs nothing (an alert() would be caught above).
    await evidence.getByLabel("Citation", { exact: true }).fill(HOSTILE);
    await evidence.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => evidence.locator(".rv-evidence__item").count()).toBe(3);
    expect(await evidence.locator(".rv-evidence").textContent()).toContain(HOSTILE);
    expect(await contributor.locator('img[src="x"]').count()).toBe(0);
    await contributor.screenshot({ path: "/tmp/childmark-journey-contributor.png" });
    const answerOf = async (page: Page) =>
      (
        (await apiGet(page, `/api/assessments/${md}`)).body as {
          answers: { indicator: string; value: unknown; reviewState: string | null; evidenceCount: number }[];
        }
      ).answers.find((a) => a.indicator === code);
    expect(await answerOf(coordinator)).toMatchObject({ value: "yes", evidenceCount: 3 });
    // A contributor may not submit: the button is not offered.
    expect(await contributor.getByRole("button", { name: "Submit for review", exact: true }).count()).toBe(0);

    // ── The coordinator submits.
    await openFromMyWork(coordinator, md);
    await step(coordinator, "Submit for review", "Submitted");

    // ── The reviewer starts the review, flags the answer with a comment and returns the assessment.
    await openFromMyWork(reviewer, md);
    await step(reviewer, "Start review", "In review");
    await card(reviewer).getByRole("tab", { name: "Review" }).click();
    await card(reviewer)
      .getByLabel("What needs to be fixed (required)")
      .fill("Cite the 2024 amendment as well.");
    await card(reviewer).getByRole("button", { name: "Mark as needing rework" }).click();
    await card(reviewer).locator(".rv-rework").waitFor();
    await step(reviewer, "Return for rework", "Returned", "One answer needs a newer source.");
    expect(await answerOf(reviewer)).toMatchObject({ reviewState: "needs_rework" });

    // ── The contributor sees the flag and its comment, and changes the answer.
    await openFromMyWork(contributor, md);
    await expect
      .poll(() => card(contributor).locator(".rv-rework").textContent())
      .toContain("Cite the 2024 amendment as well.");
    await card(contributor).getByRole("radio", { name: "Partially", exact: true }).check();
    await expect.poll(() => contributor.locator(".ws-header").textContent()).toMatch(/All changes saved/);
    expect(await answerOf(contributor)).toMatchObject({ value: "partially" });

    // ── The coordinator resubmits (contributors cannot submit); the reviewer clears the flag and validates.
    await openFromMyWork(coordinator, md);
    await step(coordinator, "Submit for review", "Submitted");
    await openFromMyWork(reviewer, md);
    await step(reviewer, "Start review", "In review");
    await card(reviewer).getByRole("tab", { name: "Review" }).click();
    await card(reviewer).getByRole("button", { name: "Clear the rework flag" }).click();
    await expect.poll(() => card(reviewer).locator(".rv-rework").count()).toBe(0);
    await step(reviewer, "Validate", "Validated");
    await reviewer.screenshot({ path: "/tmp/childmark-journey-validated.png" });

    const events = (await apiGet(admin, `/api/assessments/${md}/events`)).body as { to: string }[];
    expect(events.map((e) => e.to)).toEqual([
      "submitted",
      "in_review",
      "returned",
      "submitted",
      "in_review",
      "validated",
    ]);
    const validated = (await apiGet(admin, `/api/assessments/${md}`)).body as {
      assessment: { status: string };
    };
    expect(validated.assessment.status).toBe("validated");
    // Validated is locked: the contributor's editor is disabled.
    await openFromMyWork(contributor, md);
    expect(await card(contributor).getByRole("radio", { name: "Yes", exact: true }).isDisabled()).toBe(true);

    // ── The Moldova contributor can neither read nor write Georgia's assessment.
    await visit(contributor, `${server.url}/assessments/${ge}`);
    try {
      await expect
        .poll(() => contributor.getByRole("alert").textContent())
        .toContain("This assessment does not exist or you may not see it.");
    } catch (error) {
      await contributor.screenshot({ path: "/tmp/childmark-journey-failed-refusal.png" });
      throw error;
    }
    expect(await contributor.locator(".answer-card").count()).toBe(0);
    await contributor.getByRole("navigation").getByRole("link", { name: "Index" }).click();
    await contributor.getByRole("navigation").getByRole("link", { name: "My work" }).click();
    await settle(contributor);
    expect(await contributor.locator("main").textContent()).not.toContain("Georgia");
    const csrf = ((await apiGet(contributor, "/api/auth/me")).body as { csrfToken: string }).csrfToken;
    const request = contributor.context().request;
    const headers = { "x-csrf-token": csrf };
    expect((await request.get(`${server.url}/api/assessments/${ge}`)).status()).toBe(403);
    expect((await request.get(`${server.url}/api/assessments/${ge}/answers/${code}/comments`)).status()).toBe(
      403,
    );
    expect(
      (
        await request.put(`${server.url}/api/assessments/${ge}/answers/${code}`, {
          headers,
          data: { value: "yes", expectedVersion: 0 },
        })
      ).status(),
    ).toBe(403);
    expect(
      (
        await request.post(`${server.url}/api/assessments/${ge}/answers/${code}/evidence`, {
          headers,
          data: { kind: "citation", citation: "not allowed" },
        })
      ).status(),
    ).toBe(403);
    // …and nothing was written to Georgia's assessment.
    const georgia = (await apiGet(admin, `/api/assessments/${ge}`)).body as { answers: unknown[] };
    expect(georgia.answers).toEqual([]);

    expect(problems).toEqual([]);
  }, 240_000);
});
