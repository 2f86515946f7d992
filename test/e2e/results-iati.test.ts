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
        '"2015:1004106" is not a number',
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

    await page.getByLabel("Language").selectOption("ar");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await check("plan");
    await page.goto(`${server.url}/results`);
    await page.waitForSelector("#rs-iati-new");
    await check("plans");
    await page.getByLabel("اللغة").selectOption("en");
    expect(problems).toEqual([]);
  });
});
