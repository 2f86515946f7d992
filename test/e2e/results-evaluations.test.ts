import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/app/start.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

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
  let app: DemoAdminPage;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("evaluations", problems);
    ({ server, page } = app);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
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
    // The title in each of the plan's languages, side by side; Arabic is written right to left.
    await form.getByLabel("Title (English)").fill("Thematic evaluation of advocacy");
    await form.getByLabel("Title (Français)").fill("Évaluation thématique du plaidoyer");
    const arabicTitle = form.getByLabel("Title (العربية)");
    await arabicTitle.fill("تقييم موضوعي للمناصرة");
    expect(await arabicTitle.getAttribute("dir")).toBe("rtl");
    await form.screenshot({ path: `${shots}-en-form.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await form.screenshot({ path: `${shots}-en-form-390.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.getByLabel("Type").selectOption("thematic");
    await form.getByLabel("Period from").fill("2025-01-01");
    await form.getByLabel("Period to").fill("2025-12-31");
    await form.getByLabel("Evaluators").fill("Regional learning team");
    const effectiveness = form.getByRole("group", { name: "Effectiveness" });
    await effectiveness.getByLabel("4 · Highly satisfactory").check();
    // The narrative in each of the plan's languages, like the title.
    await effectiveness.getByLabel("Narrative (English)").fill("Every advocacy target of 2025 was met.");
    await effectiveness.getByLabel("Narrative (العربية)").fill("تحققت كل أهداف المناصرة لعام 2025.");
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
    await page.getByRole("region", { name: "التقييمات", exact: true }).waitFor();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    await expect
      .poll(() => summaryRow("الفعالية").locator("td").allTextContents())
      .toEqual(["3 مرضٍ", "4 مرضٍ للغاية"]);
    await page.locator("#evaluations").screenshot({ path: `${shots}-ar-summary.png` });
    await page.locator("#outcomes").screenshot({ path: `${shots}-ar-outcomes.png` });
    // The new evaluation shows its Arabic title and its finding's Arabic narrative.
    const arabicCard = page.getByRole("article", { name: "تقييم موضوعي للمناصرة" });
    await arabicCard.waitFor();
    await arabicCard.getByText("تحققت كل أهداف المناصرة لعام 2025.").waitFor();
    // The demo outcome's description is shown in Arabic too.
    await page.locator("#outcomes").getByText("عدّل البرلمان قانون الأسرة").waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("#outcomes form").screenshot({ path: `${shots}-ar-outcome-form-390.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
  }, 120_000);
});
