import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The Results pages on a phone and at desktop, in Chromium on the real server with the demo: the
 * plans list, each plan's dashboard (with its disaggregation and the evaluations summary), and the
 * published plan on the portal, in English and Arabic, at 390 px without horizontal scroll; the
 * dashboard's breakdown of 2.1b shows the part of 2024 not broken down; the portal plan page and
 * its designed 404 pass axe. Screenshots go to /tmp/childmark-e2e-results-layout-*.png (looked at).
 * One server and one browser for the file.
 */

const shots = "/tmp/childmark-e2e-results-layout";

describe.skipIf(!canRunBrowser)("results pages at 390 px and desktop (Chromium)", () => {
  let app: DemoAdminPage;
  let page: Page;
  let url: string;
  let planIds: string[] = [];
  let publishedId = "";
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("results-layout", problems, { timeout: 20_000 });
    page = app.page;
    url = app.server.url;
    const plans = (await (await page.request.get(`${url}/api/results/plans`)).json()) as {
      id: string;
      isPublic: boolean;
      status: string;
    }[];
    planIds = plans.map((p) => p.id);
    publishedId = plans.find((p) => p.isPublic && p.status === "approved")!.id;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  async function open(path: string, lang: string): Promise<void> {
    await page.goto(`${url}${path}`);
    if (!path.startsWith("/portal/")) {
      await page.waitForSelector("main h1");
      await page.waitForFunction(() => document.querySelector(".status--loading") === null);
      if (path.includes("/plans/")) await page.locator("#evaluations").waitFor();
      const current = await page.getAttribute("html", "lang");
      if (current !== lang) {
        await page.getByLabel(lang === "ar" ? "Language" : "اللغة").selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
    }
  }

  const overflow = () =>
    page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
    }));

  it("fits every results page in 390 px, in English and Arabic", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const paths = [
      "/results",
      ...planIds.map((id) => `/results/plans/${id}`),
      "/portal/plans/",
      `/portal/plans/${publishedId}/en/`,
      `/portal/plans/${publishedId}/ar/`,
    ];
    for (const lang of ["en", "ar"]) {
      for (const path of paths) {
        await open(path, lang);
        const { scrollWidth, innerWidth } = await overflow();
        expect(scrollWidth, `${path} (${lang}) at 390 px`).toBeLessThanOrEqual(innerWidth);
      }
      await open(`/results/plans/${publishedId}`, lang);
      await page.screenshot({ path: `${shots}-plan-390-${lang}.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
  });

  it("shows the breakdown of 2.1b by sex with the part of 2024 not broken down, at desktop", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(`/results/plans/${publishedId}?period=2024`, "en");
    const table = page.getByRole("table", { name: /Actuals of 2\.1b by Sex/ });
    await table.waitFor();
    const chosen = table.locator("tbody[aria-current='true']");
    expect(await chosen.getByRole("rowheader").textContent()).toBe("2024");
    expect(await chosen.locator("tr").first().locator("td").allTextContents()).toEqual(["33", "—", "64"]);
    await expect
      .poll(() => chosen.textContent())
      .toContain("The breakdown adds up to 33: 31 of the total 64 is not broken down.");
    // The level filter hides the outputs' nodes and with them their breakdowns.
    await page.locator(".rs-filters").getByLabel("Level").selectOption({ label: "Strategic objective" });
    await expect.poll(() => table.count()).toBe(0);
    await page.locator(".rs-filters").getByLabel("Level").selectOption("");
    await table.waitFor();
    const { scrollWidth, innerWidth } = await overflow();
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await table.screenshot({ path: `${shots}-breakdown-en.png` });
    await expectNoSeriousViolations(page, "plan dashboard");
    expect(problems).toEqual([]);
  });

  it("passes axe on the published plan and its 404 on the portal, in English and Arabic", async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const lang of ["en", "ar"]) {
        await open(`/portal/plans/${publishedId}/${lang}/?period=2024`, lang);
        await expect.poll(() => page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
        await expectNoSeriousViolations(page, `portal plan (${lang}, ${width} px)`);
        const { scrollWidth, innerWidth } = await overflow();
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
        await page.screenshot({ path: `${shots}-portal-${width}-${lang}.png`, fullPage: true });
      }
    }
    const missing = await page.goto(`${url}/portal/plans/00000000-0000-4000-8000-000000000000/fr/`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Aucun plan publié à cette adresse");
    await page.locator("header").first().waitFor();
    await page.locator("footer").waitFor();
    await expectNoSeriousViolations(page, "portal plan 404");
    await page.screenshot({ path: `${shots}-portal-404-fr.png`, fullPage: true });
  });
});
