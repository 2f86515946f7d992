import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * Evaluations in Chromium, on the real server with the demo: the demo admin opens the regional
 * plan, reads the demo mid-term evaluation in the summary, records a thematic evaluation with a
 * finding on effectiveness, and sees its rating beside the first one in the summary; the page in
 * Arabic reads right to left; axe finds no serious violation. Screenshots go to
 * /tmp/childmark-e2e-evaluations-*.png. One server and one browser for the file.
 */

const shots = "/tmp/childmark-e2e-evaluations";

describe.skipIf(!canRunBrowser)("results: evaluations and their summary (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-evaluations-"));
    server = await startServer({ port: 0, dataDir, demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    const login = server.demoLogin!;
    const res = await context.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: login.email, password: login.password },
    });
    if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function settle(): Promise<void> {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
    await page.locator("#evaluations").waitFor();
  }

  const summaryRow = (criterion: string) =>
    page.locator(".ev-summary tbody tr").filter({ has: page.getByRole("rowheader", { name: criterion }) });

  it("records a finding of a new evaluation and shows it beside the mid-term one, in English and Arabic", async () => {
    await page.goto(`${server.url}/results`);
    await page.getByRole("link", { name: "ChildPact strategic plan 2023–2026" }).click();
    await settle();
    const section = page.getByRole("region", { name: "Evaluations" });
    await expect
      .poll(() => summaryRow("Effectiveness").locator("td").allTextContents())
      .toEqual(["3 Satisfactory"]);
    await page.locator("#evaluations").screenshot({ path: `${shots}-en-summary.png` });

    await section.getByRole("button", { name: "Record an evaluation" }).click();
    const form = page.locator("form.ev-form").filter({ hasText: "Record an evaluation" });
    await form.getByLabel("Title (English)").fill("Thematic evaluation of advocacy");
    await form.getByLabel("Type").selectOption("thematic");
    await form.getByLabel("Period from").fill("2025-01-01");
    await form.getByLabel("Period to").fill("2025-12-31");
    await form.getByLabel("Evaluators").fill("Regional learning team");
    const effectiveness = form.getByRole("group", { name: "Effectiveness" });
    await effectiveness.getByLabel("4 · Highly satisfactory").check();
    await effectiveness.getByLabel("Narrative").fill("Every advocacy target of 2025 was met.");
    await form.getByRole("button", { name: "Save the evaluation" }).click();

    await expect
      .poll(() => summaryRow("Effectiveness").locator("td").allTextContents())
      .toEqual(["3 Satisfactory", "4 Highly satisfactory"]);
    expect(await summaryRow("Relevance").locator("td").allTextContents()).toEqual([
      "4 Highly satisfactory",
      "Not rated",
    ]);
    await page
      .getByRole("article", { name: "Thematic evaluation of advocacy" })
      .getByText("Every advocacy target of 2025 was met.")
      .waitFor();
    await expectNoSeriousViolations(page, "evaluations");
    await page.screenshot({ path: `${shots}-en-plan.png`, fullPage: true });

    await page.getByLabel("Language").selectOption("ar");
    await page.getByRole("region", { name: "التقييمات" }).waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expect
      .poll(() => summaryRow("الفعالية").locator("td").allTextContents())
      .toEqual(["3 مرضٍ", "4 مرضٍ للغاية"]);
    await page.locator("#evaluations").screenshot({ path: `${shots}-ar-summary.png` });
    await page.locator("#outcomes").screenshot({ path: `${shots}-ar-outcomes.png` });
    expect(problems).toEqual([]);
  }, 120_000);
});
