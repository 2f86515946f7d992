import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/app/start.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The results module in Chromium, on the real server with the demo: the demo admin finds the two
 * demo plans, builds a plan (a goal, an outcome under it, an indicator), sets a target, enters an
 * actual with its evidence, and reads the progress; the page in Arabic reads right to left; axe
 * finds no serious violation. One server and one browser for the file. Screenshots go to
 * /tmp/childmark-e2e-results-*.png. Then the plan goes out as XLSX, an actual is changed in the
 * workbook (ExcelJS), the import is checked (preview) and applied, and the dashboard shows the new
 * progress; a workbook with an unknown period is refused in Arabic with its sheet, row and column.
 */

const shots = "/tmp/childmark-e2e-results";

describe.skipIf(!canRunBrowser)("results: build a plan, enter actuals, read the dashboard (Chromium)", () => {
  let server: RunningServer;
  let app: DemoAdminPage;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("results", problems);
    ({ server, page } = app);
    mkdirSync(dirname(shots), { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  async function settle(): Promise<void> {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
  }

  async function check(name: string): Promise<void> {
    await settle();
    await expectNoSeriousViolations(page, name);
    const lang = await page.getAttribute("html", "lang");
    await page.screenshot({ path: `${shots}-${lang}-${name}.png`, fullPage: true });
  }

  it("builds a plan, sets a target, enters an actual and shows the progress, in English and Arabic", async () => {
    await page.goto(`${server.url}/work`);
    await settle();
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "Results" }).click();
    await check("plans");
    const plans = page.locator("main table tbody th a");
    expect(new Set(await plans.allTextContents())).toEqual(
      new Set(["ChildPact strategic plan 2023–2026", "APSCF strategic plan 2023–2026"]),
    );

    // A new plan for Moldova's coalition, 2024–2026.
    const newPlan = page.getByRole("region", { name: "New plan", exact: true });
    await newPlan.getByLabel("Organisation").selectOption({
      label: "APSCF — Alliance of Active NGOs in the Field of Social Protection of Family and Child",
    });
    await newPlan.getByLabel("Title (English)").fill("Family support plan");
    await newPlan.getByLabel("First year").fill("2024");
    await newPlan.getByLabel("Last year").fill("2026");
    await newPlan.getByRole("button", { name: "Create the plan" }).click();
    await page.waitForURL(/\/results\/plans\/[0-9a-f-]{36}$/);
    await settle();
    expect(await page.locator("main h1").textContent()).toBe("Family support plan");

    const addNode = page.getByRole("region", { name: "Add to the tree" });
    await addNode.getByLabel("Code").fill("G1");
    await addNode.getByLabel("Title (English)").fill("Children grow up in families");
    await addNode.getByRole("button", { name: "Add" }).click();
    await page.getByRole("region", { name: "Strategic goal G1" }).waitFor();
    await addNode.getByLabel("Under").selectOption({ label: "G1 Children grow up in families" });
    await addNode.getByLabel("Code").fill("O1");
    await addNode.getByLabel("Title (English)").fill("Families at risk receive support");
    await addNode.getByRole("button", { name: "Add" }).click();
    await page.getByRole("region", { name: "Outcome O1" }).waitFor();

    const addIndicator = page.getByRole("region", { name: "Add an indicator" });
    await addIndicator.getByLabel("Node").selectOption({ label: "O1 Families at risk receive support" });
    await addIndicator.getByLabel("Code").fill("O1a");
    await addIndicator.getByLabel("Title (English)").fill("Families supported");
    await addIndicator.getByLabel("Baseline").fill("0");
    await addIndicator.getByRole("button", { name: "Add" }).click();
    const row = page.locator("main table tbody tr", { hasText: "Families supported" });
    await row.waitFor();

    // The default period is the latest that has ended (2025 on this machine's date, 2026-12).
    const period = await page.locator(".rs-filters select").first().inputValue();
    await row.getByRole("button", { name: "Edit Target O1a" }).click();
    await row.getByLabel("Target", { exact: true }).fill("200");
    await row.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row.locator("td").nth(1).textContent()).toContain("200");
    await row.getByRole("button", { name: "Edit Actual O1a" }).click();
    await row.getByLabel("Actual", { exact: true }).fill("150");
    await row.getByLabel("Evidence", { exact: true }).fill("Case management records");
    await row.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row.locator(".rs-chip").textContent()).toBe("75% · Some progress");
    expect(await row.textContent()).toContain("by Demo administrator");
    const outcome = page.getByRole("region", { name: "Outcome O1" });
    expect(await outcome.locator(".rs-progress").first().textContent()).toContain("75% · Some progress");
    expect(await outcome.locator(".rs-progress").first().textContent()).toContain(
      "1 of 1 indicators measured",
    );
    expect(period).toMatch(/^20\d\d$/);
    await check("plan");

    await page.getByLabel("Language").selectOption("ar");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    expect(await row.locator(".rs-chip").textContent()).toBe("75% · تقدم جزئي");
    await check("plan");
    await page.getByLabel("اللغة").selectOption("en");
    expect(problems).toEqual([]);
  });
  /** The plan's workbook with one cell of the Values sheet changed (the row of `code`, `period`, `kind`). */
  async function editedWorkbook(
    bytes: Buffer,
    code: string,
    period: string,
    kind: string,
    edit: Record<string, string | number>,
  ) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet("Values")!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => headers.indexOf(name);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.getCell(col("indicator")).value !== code) continue;
      if (row.getCell(col("period")).value !== period || row.getCell(col("kind")).value !== kind) continue;
      for (const [name, value] of Object.entries(edit)) row.getCell(col(name)).value = value;
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it("exports the plan as XLSX, imports an edited actual back and shows it on the dashboard", async () => {
    const row = page.locator("main table tbody tr", { hasText: "Families supported" });
    await row.waitFor();
    const period = await page.locator(".rs-filters select").first().inputValue();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download XLSX" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("family-support-plan.xlsx");
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const exported = Buffer.concat(chunks);
    const file = await editedWorkbook(exported, "O1a", period, "actual", {
      value: 180,
      comment: "Q4 cases added",
    });

    await page.getByRole("button", { name: "Import XLSX" }).click();
    const dialog = page.getByRole("dialog", { name: "Import the plan from a workbook" });
    await dialog.getByLabel("Workbook (.xlsx)").setInputFiles({
      name: "family-support-plan.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: file,
    });
    await dialog.getByRole("button", { name: "Check the workbook" }).click();
    await dialog.getByText("1 row changes the plan").waitFor();
    expect(await dialog.locator("table").textContent()).toContain(`actual ${period} of O1a`);
    await check("import-preview");
    await dialog.getByRole("button", { name: "Apply 1 change" }).click();
    await expect.poll(() => row.locator(".rs-chip").textContent()).toContain("90%");
    expect(await page.getByRole("status").filter({ hasText: "imported" }).textContent()).toBe(
      "1 change imported.",
    );

    // In Arabic, a workbook naming a period the plan does not have: refused, where and why.
    await page.getByLabel("Language").selectOption("ar");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    const bad = await editedWorkbook(exported, "O1a", period, "target", { period: "2031", value: 5 });
    await page.getByRole("button", { name: "استيراد XLSX" }).click();
    const arDialog = page.getByRole("dialog");
    await arDialog
      .locator("input[type=file]")
      .setInputFiles({ name: "plan.xlsx", mimeType: "application/octet-stream", buffer: bad });
    await arDialog.getByRole("button", { name: "فحص المصنف" }).click();
    await arDialog.locator("table").waitFor();
    expect(await arDialog.locator("table tbody").textContent()).toContain(
      'period: "2031" is not a period of this plan',
    );
    await check("import-problems");
    await arDialog.getByRole("button", { name: "إغلاق" }).first().click();
    await page.getByLabel("اللغة").selectOption("en");
    // The refused workbook's 400 is the one error Chromium logs, as it does for any failed request.
    expect(problems.filter((p) => !p.includes("status of 400"))).toEqual([]);
  });
});
