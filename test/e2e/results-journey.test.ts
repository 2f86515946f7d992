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
 * Last, a node and an indicator are changed through the edit card (title, responsible, dates; unit,
 * baseline), a change made meanwhile in a second tab makes the first tab's save refused (409) and
 * the form shows the other version, and the node's Arabic title is written in Arabic.
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
    // The problem in the reader's language, from its code and parameters.
    expect(await arDialog.locator("table tbody").textContent()).toContain(
      "«2031» ليست فترة من فترات هذه الخطة.",
    );
    await check("import-problems");
    await arDialog.getByRole("button", { name: "إغلاق" }).first().click();
    await page.getByLabel("اللغة").selectOption("en");
    // The refused workbook's 400 is the one error Chromium logs, as it does for any failed request.
    expect(problems.filter((p) => !p.includes("status of 400"))).toEqual([]);
  });

  it("changes a node and an indicator of the plan, refuses a stale change, and edits the Arabic title", async () => {
    const change = page.getByRole("region", { name: "Change a node or an indicator" });
    const what = change.getByLabel("Part to change");
    await what.selectOption({ label: "O1 Families at risk receive support" });
    const nodeForm = change.getByRole("form", { name: "Edit O1" });
    expect(await nodeForm.getByLabel("Title (English)").inputValue()).toBe(
      "Families at risk receive support",
    );
    await nodeForm.getByLabel("Title (English)").fill("Families at risk receive support at home");
    await nodeForm.getByLabel("Responsible").fill("Case management team");
    await nodeForm.getByLabel("Starts on").fill("2024-01-01");
    await nodeForm.getByLabel("Ends on").fill("2026-12-31");
    await nodeForm.getByRole("button", { name: "Save the changes" }).click();
    await change.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
    const outcome = page.getByRole("region", { name: "Outcome O1" });
    await expect
      .poll(() => outcome.locator(".rs-node__title").first().textContent())
      .toBe("Families at risk receive support at home");
    expect(await outcome.locator(".rs-node__level").first().textContent()).toBe(
      "Outcome O1 · Case management team · 2024-01-01 – 2026-12-31",
    );

    await what.selectOption({ label: "O1a Families supported" });
    const indicatorForm = change.getByRole("form", { name: "Edit O1a" });
    await indicatorForm.getByLabel("Unit").fill("families");
    await indicatorForm.getByLabel("Baseline", { exact: true }).fill("20");
    await indicatorForm.getByLabel("Baseline date").fill("2023-12-31");
    await indicatorForm.getByLabel("Direction").selectOption("increase");
    await change.screenshot({ path: `${shots}-en-change-indicator.png` });
    await indicatorForm.getByRole("button", { name: "Save the changes" }).click();
    const row = page.locator("main table tbody tr", { hasText: "Families supported" });
    await expect.poll(() => row.locator("th").textContent()).toBe("O1a Families supported (families)");
    expect(await row.locator("td").first().textContent()).toBe("20");

    // Someone else changes the indicator in another tab while this form is open: saving is refused
    // (409), nothing is overwritten, and the form shows their version.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.waitForFunction(() => document.querySelector(".status--loading") === null);
    const otherChange = other.getByRole("region", { name: "Change a node or an indicator" });
    await otherChange.getByLabel("Part to change").selectOption({ label: "O1a Families supported" });
    await otherChange.getByLabel("Unit").fill("households");
    await otherChange.getByRole("button", { name: "Save the changes" }).click();
    await otherChange.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
    await other.close();
    await indicatorForm.getByLabel("Baseline", { exact: true }).fill("25");
    await indicatorForm.getByRole("button", { name: "Save the changes" }).click();
    await change.getByRole("alert").filter({ hasText: "Someone changed this part of the plan" }).waitFor();
    await expect.poll(() => indicatorForm.getByLabel("Unit").inputValue()).toBe("households");
    expect(await indicatorForm.getByLabel("Baseline", { exact: true }).inputValue()).toBe("20");
    await expect.poll(() => row.locator("th").textContent()).toBe("O1a Families supported (households)");
    expect(await row.locator("td").first().textContent()).toBe("20");
    await change.screenshot({ path: `${shots}-en-change-conflict.png` });
    await check("plan-changed");

    // In Arabic the node's form has an Arabic title field too, written right to left.
    await page.getByLabel("Language").selectOption("ar");
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    const arChange = page.getByRole("region", { name: "تعديل عنصر أو مؤشر" });
    await arChange
      .getByLabel("الجزء المراد تعديله")
      .selectOption({ label: "O1 Families at risk receive support at home" });
    const arabicTitle = arChange.getByLabel("العنوان (العربية)");
    expect(await arabicTitle.getAttribute("dir")).toBe("rtl");
    await arabicTitle.fill("الأسر المعرضة للخطر تتلقى الدعم في المنزل");
    await arChange.getByRole("button", { name: "حفظ التغييرات" }).click();
    await arChange.getByRole("status").filter({ hasText: "تم حفظ التغييرات." }).waitFor();
    await expect
      .poll(() =>
        page.getByRole("region", { name: "نتيجة O1" }).locator(".rs-node__title").first().textContent(),
      )
      .toBe("الأسر المعرضة للخطر تتلقى الدعم في المنزل");
    await arChange.screenshot({ path: `${shots}-ar-change-node.png` });
    await check("plan-changed");
    await page.getByLabel("اللغة").selectOption("en");
    // The refused workbook's 400 (above) and the stale save's 409 are the errors Chromium logs.
    expect(problems.filter((p) => !p.includes("status of 400") && !p.includes("status of 409"))).toEqual([]);
  });
});
