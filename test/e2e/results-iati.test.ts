import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { IATI_103 } from "../support/iati.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * IATI in Chromium on the real server with the demo: on /results the demo admin checks a messy
 * IATI file (every problem listed, no import offered), then a clean one, imports it, lands on the
 * new plan and downloads it from the IATI menu; the page in Arabic. Screenshots go to
 * /tmp/childmark-e2e-iati-*.png.
 */

const shots = "/tmp/childmark-e2e-iati";

describe.skipIf(!canRunBrowser)("results: a plan from an IATI file, and back (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-iati-"));
    server = await startServer({ port: 0, dataDir, demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
    const login = server.demoLogin!;
    const res = await context.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: login.email, password: login.password },
    });
    if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (m) => {
      // The refused import answers 400 on purpose; the page shows it.
      if (m.type() === "error" && !m.text().includes("400")) problems.push(m.text());
    });
    mkdirSync(dirname(shots), { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
    const file = join(dataDir, "coalition-results.xml");
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
