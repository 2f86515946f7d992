import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/app/start.ts";
import { IATI_103 } from "../support/iati.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * IATI in Chromium on the real server with the demo: on /results the demo admin checks a messy
 * IATI file (every problem listed, no import offered), then a clean one, imports it, lands on the
 * new plan and downloads it from the IATI menu; the page in Arabic. Screenshots go to
 * /tmp/childmark-e2e-iati-*.png.
 */

const shots = "/tmp/childmark-e2e-iati";

describe.skipIf(!canRunBrowser)("results: a plan from an IATI file, and back (Chromium)", () => {
  let server: RunningServer;
  let app: DemoAdminPage;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("iati", problems, {
      timeout: 15_000,
      // The refused import answers 400 on purpose; the page shows it.
      expected: (text) => text.includes("400"),
    });
    ({ server, page } = app);
    mkdirSync(dirname(shots), { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  async function check(name: string): Promise<void> {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
    await expectNoSeriousViolations(page, name);
    const lang = await page.getAttribute("html", "lang");
    await page.screenshot({ path: `${shots}-${lang}-${name}.png`, fullPage: true });
  }

  const openIatiMenu = () =>
    page.locator(".rs-iati-menu").evaluate((menu) => {
      (menu as HTMLDetailsElement).open = true;
    });

  it("checks a messy file, imports a clean one and offers the plan as IATI 2.03", async () => {
    await page.goto(`${server.url}/results`);
    await page.waitForSelector("#rs-iati-new");
    const form = page.locator("section", { has: page.locator("#rs-iati-new") });
    if (hasSharedData) {
      await form
        .getByLabel("IATI file")
        .setInputFiles(sharedData("iati", "derived-unicef-activities-with-results.xml"));
      await form.getByRole("button", { name: "Check the file" }).click();
      await form.locator(".rs-iati-problems li").first().waitFor();
      expect(await form.locator("[role=alert]").first().textContent()).toMatch(
        /^\d+ problems to fix before importing/,
      );
      expect(await form.locator(".rs-iati-problems").textContent()).toContain(
        "“2015:1004106” is not a number.",
      );
      expect(await form.getByRole("button", { name: "Import as a new plan" }).count()).toBe(0);
      await check("refused");
    }
    const file = join(app.dataDir, "coalition-results.xml");
    writeFileSync(file, IATI_103);
    await form.getByLabel("IATI file").setInputFiles(file);
    await form.getByRole("button", { name: "Check the file" }).click();
    await form.locator(".rs-iati-ready").waitFor();
    expect(await form.locator(".rs-iati-preview").textContent()).toContain(
      "1 activities with results, 3 nodes, 3 indicators, 7 values over 2 periods",
    );
    await check("ready");
    await form.getByRole("button", { name: "Import as a new plan" }).click();
    await page.waitForURL(/\/results\/plans\//);
    await page.waitForSelector("main h1");
    expect(await page.locator("main h1").textContent()).toBe("Child protection & justice");
    await page.getByText("IATI", { exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download as IATI 2.03 (XML)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^plan-.*\.iati\.xml$/);
    await check("plan");

    // A year later the publisher corrects an actual: the plan is updated from the new file.
    const later = join(app.dataDir, "coalition-results-later.xml");
    writeFileSync(later, IATI_103.replace('<actual value="180.5">', '<actual value="190">'));
    await page.getByRole("button", { name: "Update from an IATI file" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("IATI file").setInputFiles(later);
    await dialog.getByRole("button", { name: "Check the file" }).click();
    await dialog.locator(".rv-report").waitFor();
    expect(await dialog.locator("[role=status]").textContent()).toContain(
      "0 to add, 1 to change, 12 already as in the plan; 0 parts of the plan not in the file are left as they are.",
    );
    expect(await dialog.locator(".rv-report").textContent()).toContain(
      "actual 2014 of A1.R1.I1: 180.5 → 190",
    );
    await page.screenshot({ path: `${shots}-en-merge.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}-en-merge-390.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole("button", { name: "Apply 1 change" }).click();
    await page.getByText("1 change imported.").waitFor();
    expect(await page.locator(".rs-xlsx [role=status]").textContent()).toBe("1 change imported.");
    // The same file again changes nothing (the page reloaded: the IATI menu is closed again).
    await openIatiMenu();
    await page.getByRole("button", { name: "Update from an IATI file" }).click();
    await dialog.getByLabel("IATI file").setInputFiles(later);
    await dialog.getByRole("button", { name: "Check the file" }).click();
    await dialog.getByText("The file changes nothing in this plan.").waitFor();
    await dialog.getByRole("button", { name: "Close", exact: true }).last().click();

    await page.getByLabel("Language").selectOption("ar");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await check("plan");
    await openIatiMenu();
    await page.getByRole("button", { name: "التحديث من ملف IATI" }).click();
    await dialog.locator("input[type=file]").setInputFiles(later);
    await dialog.locator("form button[type=submit]").click();
    await dialog.getByText("الملف لا يغيّر شيئًا في هذه الخطة.").waitFor();
    await page.screenshot({ path: `${shots}-ar-merge.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}-ar-merge-390.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.keyboard.press("Escape");
    await page.goto(`${server.url}/results`);
    await page.waitForSelector("#rs-iati-new");
    await check("plans");
    // An odd value is named in Arabic: place, value and what is wrong.
    const messy = join(app.dataDir, "coalition-results-messy.xml");
    writeFileSync(messy, IATI_103.replace('<target value="200"/>', '<target value="Not available"/>'));
    const arForm = page.locator("section", { has: page.locator("#rs-iati-new") });
    await arForm.locator("input[type=file]").setInputFiles(messy);
    await arForm.locator("button[type=submit]").click();
    await arForm.locator(".rs-iati-problems li").first().waitFor();
    const arProblem = await arForm.locator(".rs-iati-problems li").first().textContent();
    expect(arProblem).toMatch(
      /^النشاط «XM-TEST-0001»، المؤشر «.+»، الفترة 2014، الغاية: «Not available» ليس رقمًا\.$/,
    );
    await check("plans-refused");
    await page.setViewportSize({ width: 390, height: 844 });
    await arForm.locator(".rs-iati-problems").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}-ar-refused-390.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("اللغة").selectOption("en");
    expect(problems).toEqual([]);
  });
});
