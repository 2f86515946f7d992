import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Framework } from "../../src/core/index.ts";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { assessments, cycles, roleAssignments } from "../../src/server/db/schema.ts";
import { createUser } from "../../src/server/users/create-user.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";

/*
 * The assessment workspace as coalitions use it: answering, "not applicable"
 * needing a reason, autosave through a dropped network and a reload, two
 * people editing the same answer, history, the live score, accessibility, and
 * the page in Arabic. Every saved value is checked through the API.
 */

const PASSWORD = "workspace journey password";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core violations on the page as it is now: rule, help and the first element. */
async function findSeriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: { html: string }[] };
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: Violation[] }> } })
      .axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes[0]?.html ?? ""}`);
  });
}

interface Answer {
  indicator: string;
  value: string | number | null;
  justification: string | null;
  version: number;
}

describe.skipIf(!canRunBrowser)("assessment workspace (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let assessmentId: string;
  let framework: Framework;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-workspace-e2e-"));
    server = await startServer({ port: 0, dataDir, demo: true });
    const db = server.database.db;
    for (const [email, name, role] of [
      ["ana@example.org", "Ana Coordinator", "coordinator"],
      ["ion@example.org", "Ion Colleague", "coordinator"],
      ["vera@example.org", "Vera Viewer", "viewer"],
    ]) {
      const user = await createUser(db, { email: email!, name: name!, password: PASSWORD });
      await db
        .insert(roleAssignments)
        .values({ userId: user.id, role: role!, scopeType: "country", scopeCode: "MD" });
    }
    const [row] = await db
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(and(eq(assessments.countryCode, "MD"), eq(cycles.period, "2025"), isNull(assessments.areaCode)));
    assessmentId = row!.id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A new browser context signed in as `email`, on the workspace page. */
  async function openWorkspace(email: string, lang = "en"): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email, password: PASSWORD },
    });
    expect(signIn.ok()).toBe(true);
    await context.addInitScript((l) => window.localStorage.setItem("childmark.lang", l), lang);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("response", (response) => {
      if (response.status() >= 400 && response.status() !== 409) {
        problems.push(`${response.status()} ${response.url()}`);
      }
    });
    page.on("console", (message) => {
      // Failed requests are recorded with their address below; dropped networks are expected here.
      if (
        message.type() === "error" &&
        !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(message.text())
      )
        problems.push(message.text());
    });
    await page.goto(`${server.url}/assessments/${assessmentId}`);
    await page.waitForSelector(".answer-card");
    return { context, page };
  }

  async function answersVia(context: BrowserContext): Promise<Map<string, Answer>> {
    const response = await context.request.get(`${server.url}/api/assessments/${assessmentId}`);
    const body = (await response.json()) as { answers: Answer[]; framework: Framework };
    framework = body.framework;
    return new Map(body.answers.map((a) => [a.indicator, a]));
  }

  const card = (page: Page, code: string) => page.locator(`article[data-indicator="${code}"]`);
  const badge = (page: Page, code: string) => card(page, code).locator(".save-badge");

  /** Checklist indicators of the framework, with their current answers. */
  async function checklistCodes(context: BrowserContext) {
    const answers = await answersVia(context);
    return framework.indicators.filter((i) => i.type === "checklist").map((i) => ({ code: i.code, answers }));
  }

  it("answers a checklist item, refuses 'not applicable' without a reason, and saves it with one", async () => {
    const { context, page } = await openWorkspace("ana@example.org");
    expect(await page.locator("main h1").textContent()).toBe("Moldova — 2025 (demo data)");
    const items = await checklistCodes(context);
    const { code, answers } = items[0]!;
    const target = answers.get(code)?.value === "partially" ? "No" : "Partially";

    await card(page, code).getByRole("radio", { name: target, exact: true }).check();
    await expect.poll(() => badge(page, code).textContent()).toContain("Saved");
    expect((await answersVia(context)).get(code)?.value).toBe(target.toLowerCase());
    expect(await page.getByTestId("save-summary").textContent()).toBe("All changes saved");

    // Not applicable without a justification: blocked, with a message, and nothing sent.
    await card(page, code).getByRole("radio", { name: "Not applicable" }).check();
    await expect.poll(() => card(page, code).locator(".field-error").textContent()).toContain("Explain why");
    expect(await badge(page, code).textContent()).toContain("Not saved");
    await page.waitForTimeout(800);
    expect((await answersVia(context)).get(code)?.value).toBe(target.toLowerCase());

    await card(page, code)
      .getByLabel("Why is it not applicable?")
      .fill("No such service exists in the country.");
    await expect.poll(() => badge(page, code).textContent(), { timeout: 5000 }).toContain("Saved");
    const saved = (await answersVia(context)).get(code)!;
    expect([saved.value, saved.justification]).toEqual(["na", "No such service exists in the country."]);
  });

  it("keeps typing through a dropped network and saves when it comes back", async () => {
    const { context, page } = await openWorkspace("ana@example.org");
    const number = framework.indicators.find((i) => i.type === "number")!;
    const input = card(page, number.code).getByRole("textbox");

    await context.setOffline(true);
    await input.fill("123,5");
    await expect
      .poll(() => badge(page, number.code).textContent(), { timeout: 5000 })
      .toContain("Offline — will retry");
    expect(await page.getByTestId("save-summary").textContent()).toContain("Offline — will retry");
    const queued = await page.evaluate(
      (key) => window.localStorage.getItem(key),
      `childmark.answer-edit.${assessmentId}.${number.code}`,
    );
    expect(JSON.parse(queued!)).toMatchObject({ value: 123.5 });

    await context.setOffline(false);
    await expect.poll(() => badge(page, number.code).textContent(), { timeout: 8000 }).toContain("Saved");
    expect((await answersVia(context)).get(number.code)?.value).toBe(123.5);
    expect(
      await page.evaluate(
        (key) => window.localStorage.getItem(key),
        `childmark.answer-edit.${assessmentId}.${number.code}`,
      ),
    ).toBeNull();
  });

  it("restores an unsent edit after a reload and sends it", async () => {
    const { context, page } = await openWorkspace("ana@example.org");
    const percentage = framework.indicators.find((i) => i.type === "percentage")!;
    // Every save fails as if the network were down, so the edit stays in the queue.
    await page.route("**/answers/**", (route) => route.abort("internetdisconnected"));
    await card(page, percentage.code).getByRole("textbox").fill("42");
    await expect
      .poll(() => badge(page, percentage.code).textContent(), { timeout: 5000 })
      .toContain("Offline");
    expect((await answersVia(context)).get(percentage.code)?.value).not.toBe(42);

    await page.unroute("**/answers/**");
    await page.reload();
    await page.waitForSelector(".answer-card");
    await expect.poll(() => badge(page, percentage.code).textContent(), { timeout: 8000 }).toContain("Saved");
    expect(await card(page, percentage.code).getByRole("textbox").inputValue()).toBe("42");
    expect((await answersVia(context)).get(percentage.code)?.value).toBe(42);
  });

  it("shows a conflict when two people change the same answer, resolves it, and lists both in the history", async () => {
    const ana = await openWorkspace("ana@example.org");
    const ion = await openWorkspace("ion@example.org");
    const items = await checklistCodes(ana.context);
    const { code, answers } = items[5]!;
    const labels: Record<string, string> = { yes: "Yes", partially: "Partially", no: "No" };
    const current = answers.get(code)?.value;
    const anaValue = current === "yes" ? "partially" : "yes";
    const ionValue = ["no", "partially", "yes"].find((v) => v !== current && v !== anaValue)!;

    await card(ana.page, code).getByRole("radio", { name: labels[anaValue], exact: true }).check();
    await expect.poll(() => badge(ana.page, code).textContent()).toContain("Saved");

    // Ion's page still holds the version from before Ana's change.
    await card(ion.page, code).getByRole("radio", { name: labels[ionValue], exact: true }).check();
    const dialog = ion.page.getByRole("dialog", { name: "Someone else changed this answer" });
    await dialog.waitFor();
    expect(await dialog.getByRole("region", { name: "Your value" }).textContent()).toContain(
      labels[ionValue],
    );
    const theirs = await dialog.getByRole("region", { name: "Their value" }).textContent();
    expect(theirs).toContain(labels[anaValue]);
    expect(theirs).toContain("Ana Coordinator");
    expect(await badge(ion.page, code).textContent()).toContain("Conflict");
    // Nothing was overwritten silently.
    expect((await answersVia(ion.context)).get(code)?.value).toBe(anaValue);

    await dialog.getByRole("button", { name: "Keep mine" }).click();
    await expect.poll(() => badge(ion.page, code).textContent()).toContain("Saved");
    expect(await dialog.count()).toBe(0);
    expect((await answersVia(ion.context)).get(code)?.value).toBe(ionValue);

    await card(ion.page, code).locator("summary", { hasText: "History" }).click();
    const history = card(ion.page, code).locator(".history__entry");
    await history.first().waitFor();
    const entries = await history.allTextContents();
    expect(entries.some((e) => e.includes("Ana Coordinator") && e.includes(labels[anaValue]!))).toBe(true);
    expect(entries.some((e) => e.includes("Ion Colleague") && e.includes(labels[ionValue]!))).toBe(true);

    // Restoring Ana's version is a new change, made by Ion.
    const anaEntry = history.filter({ hasText: "Ana Coordinator" }).first();
    await anaEntry.getByRole("button", { name: "Restore this version" }).click();
    await expect.poll(async () => (await answersVia(ion.context)).get(code)?.value).toBe(anaValue);
    await expect
      .poll(() =>
        card(ion.page, code).getByRole("radio", { name: labels[anaValue], exact: true }).isChecked(),
      )
      .toBe(true);
    await expect.poll(() => history.first().textContent()).toContain("restored version");
  });

  it("updates the live score as answers change and filters the list", async () => {
    const { page } = await openWorkspace("ana@example.org");
    const score = page.getByTestId("live-score");
    // The figure shown is the server's (scored as the stored score is), not the browser's estimate.
    await expect.poll(() => score.getAttribute("data-source")).toBe("server");
    const before = await score.textContent();
    expect(before).toMatch(/\d+\.\d/);
    const items = await checklistCodes(contexts.at(-1)!);
    // Turn several "Yes" answers to "No": the preview must fall.
    const yes = items.filter(({ code, answers }) => answers.get(code)?.value === "yes").slice(-6);
    expect(yes.length).toBe(6);
    for (const { code } of yes) {
      await card(page, code).getByRole("radio", { name: "No", exact: true }).check();
    }
    await expect.poll(() => score.textContent()).not.toBe(before);
    await expect.poll(() => score.getAttribute("data-source")).toBe("server");
    const parse = (text: string | null) => Number(text!.match(/\d+\.\d/)![0]);
    expect(parse(await score.textContent())).toBeLessThan(parse(before));
    await expect
      .poll(() => page.getByTestId("save-summary").textContent(), { timeout: 8000 })
      .toBe("All changes saved");

    // Filters and search.
    const unanswered = page.getByRole("button", { name: /^Unanswered/ });
    const count = Number(await unanswered.locator(".filter-chip__count").textContent());
    await unanswered.click();
    expect(await page.locator(".answer-card").count()).toBe(count);
    expect(count).toBeGreaterThan(0);
    // Answering under "Unanswered" keeps the card in place (only the count moves).
    const firstOpen = page.locator(".answer-card").first();
    if ((await firstOpen.getByRole("radio").count()) > 0) await firstOpen.getByRole("radio").first().check();
    else await firstOpen.getByRole("textbox").fill("5");
    await expect.poll(() => unanswered.locator(".filter-chip__count").textContent()).toBe(String(count - 1));
    expect(await page.locator(".answer-card").count()).toBe(count);
    await expect
      .poll(() => firstOpen.locator(".save-badge").textContent(), { timeout: 5000 })
      .toContain("Saved");
    await page.locator(".filter-chip").first().click();
    const first = framework.indicators[0]!;
    await page.getByLabel("Search indicators").fill(first.code);
    await expect.poll(() => page.locator(".answer-card").count()).toBe(1);
    await page.getByLabel("Search indicators").fill("");

    // The navigation tree narrows the list to one section.
    const section = framework.nodes.find((n) => n.parent !== null)!;
    const inSection = framework.indicators.filter((i) => i.node === section.code).length;
    await page
      .getByRole("navigation", { name: "Framework sections" })
      .getByRole("button", { name: section.label.en! })
      .click();
    await expect.poll(() => page.locator(".answer-card").count()).toBe(inSection);
  });

  it("shows a viewer the answers with editing turned off and the reason", async () => {
    const { page } = await openWorkspace("vera@example.org");
    const first = page.locator(".answer-card").first();
    expect(await first.locator("input").first().isDisabled()).toBe(true);
    // The reason is said once above the list, not on each of the cards.
    expect(await page.locator(".indicator-list__lock").textContent()).toBe(
      "You can read this assessment but not change its answers.",
    );
    expect(await page.locator(".indicator-list__lock").count()).toBe(1);
    expect(await page.locator(".answer-card__lock").count()).toBe(0);
  });

  it("has no serious accessibility problem and reads right to left in Arabic", async () => {
    const { page } = await openWorkspace("ana@example.org");
    await page.waitForTimeout(500);
    expect(await findSeriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/childmark-e2e-workspace-en.png" });

    const ar = await openWorkspace("ana@example.org", "ar");
    expect(await ar.page.getAttribute("html", "dir")).toBe("rtl");
    expect(await ar.page.locator(".live-score__title").textContent()).toContain("النتيجة المباشرة");
    await ar.page.waitForTimeout(500);
    expect(await findSeriousViolations(ar.page)).toEqual([]);
    await ar.page.screenshot({ path: "/tmp/childmark-e2e-workspace-ar.png" });
    expect(problems).toEqual([]);
  }, 120_000);
});
