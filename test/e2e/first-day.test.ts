import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";

/*
 * A coalition's first day, as a new user walks it: a fresh demo start, the sign-in form, then
 * each module through the navigation (the index and a country's workspace, review, the
 * recommendations, the results plans), the public portal's country profile and its PDF and DOCX
 * reports taken through the page's own links; in English and in Arabic (right to left), at
 * desktop width and at 390 px (a phone, where no page may scroll sideways). One server, one
 * Chromium. Screenshots go to /tmp/childmark-first-day/ to be looked at.
 */
const SHOTS = "/tmp/childmark-first-day";

const WORDS = {
  en: {
    email: "E-mail address",
    password: "Password",
    signIn: "Sign in",
    index: "Index",
    myWork: "My work",
    review: "Review",
    recommendations: "Recommendations",
    results: "Results",
    portal: "Public portal",
    pdf: "PDF report",
    docx: "Word report (DOCX)",
  },
  ar: {
    index: "المؤشر",
    myWork: "عملي",
    review: "المراجعة",
    recommendations: "التوصيات",
    results: "النتائج",
    portal: "البوابة العامة",
    pdf: "تقرير PDF",
    docx: "تقرير Word (DOCX)",
  },
} as const;

describe.skipIf(!canRunBrowser)("a coalition's first day (Chromium)", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-first-day-"));
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ port: 0, dataDir, databaseUrl: "", demo: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Waits for the page's heading and for nothing left loading. */
  async function loaded(): Promise<string> {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
    return (await page.locator("main h1").first().textContent())!.trim();
  }

  async function shot(name: string): Promise<void> {
    // A full-page screenshot of a long page can take a while on a loaded machine.
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, timeout: 90_000 });
  }

  /** How far the page scrolls sideways beyond the window (0 when it fits). */
  function overflow(): Promise<number> {
    return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
  }

  /** Follows a link of the workspace's top navigation, then of the module's own pages. */
  async function viaNavigation(module: string, sub?: string): Promise<string> {
    await page.locator("nav.site-nav").getByRole("link", { name: module, exact: true }).click();
    await loaded();
    if (sub) {
      await page.locator("nav.module-nav").getByRole("link", { name: sub, exact: true }).click();
      await loaded();
    }
    return loaded();
  }

  it("signs in on the form, then walks every module in English and Arabic at desktop width", async () => {
    const en = WORDS.en;
    await page.goto(`${server.url}/sign-in`);
    await loaded();
    await shot("01-sign-in-en");
    const login = server.demoLogin!;
    await page.getByLabel(en.email).fill(login.email);
    await page.getByLabel(en.password, { exact: true }).fill(login.password);
    await page.getByRole("button", { name: en.signIn }).click();
    await page.waitForFunction(() => !location.pathname.startsWith("/sign-in"));
    await loaded();

    // The demo's first cycle's draft (Moldova 2025) is in "My work"; its workspace opens from there.
    const cycles = (await (await page.request.get(`${server.url}/api/cycles`)).json()) as {
      period: string;
      assessments: { id: string; countryCode?: string; country?: string; status: string }[];
    }[];
    const draft = cycles.flatMap((c) => c.assessments).find((a) => a.status === "draft")!;
    expect(draft).toBeDefined();

    for (const lang of ["en", "ar"] as const) {
      const w = WORDS[lang];
      if (lang === "ar") {
        await page.getByLabel("Language").selectOption("ar");
        await page.waitForFunction(() => document.documentElement.dir === "rtl");
      }
      expect(await page.getAttribute("html", "lang")).toBe(lang);

      expect(await viaNavigation(w.index)).toBeTruthy();
      await shot(`02-index-${lang}`);
      expect(await viaNavigation(w.index, w.myWork)).toBeTruthy();
      await shot(`03-my-work-${lang}`);
      await page.locator(`a[href="/assessments/${draft.id}"]`).first().click();
      const workspace = await loaded();
      expect(workspace).toBeTruthy();
      expect(await page.locator("input, select, textarea").count()).toBeGreaterThan(0);
      await shot(`04-workspace-${lang}`);

      expect(await viaNavigation(w.index, w.review)).toBeTruthy();
      await shot(`05-review-${lang}`);

      expect(await viaNavigation(w.recommendations)).toBeTruthy();
      // The demo's recommendations are listed (77 invented ones, tagged [demo]).
      await page.waitForSelector("main li, main tbody tr");
      await shot(`06-recommendations-${lang}`);

      expect(await viaNavigation(w.results)).toBeTruthy();
      await shot(`07-results-${lang}`);

      expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
    }

    // The public portal, from the workspace's header, in Arabic; then the country and its reports.
    await page.locator("nav.site-nav").getByRole("link", { name: WORDS.ar.portal }).click();
    await page.waitForLoadState("load");
    await page.goto(`${server.url}/portal/cpi-demo/latest/ar/countries/ge/`);
    await page.waitForSelector("main h1");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await shot("08-portal-country-ar");
    for (const [name, magic] of [
      [WORDS.ar.pdf, "%PDF-"],
      [WORDS.ar.docx, "PK"],
    ] as const) {
      const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
      const file = await page.request.get(new URL(href!, page.url()).toString(), { timeout: 120_000 });
      expect(file.status(), name).toBe(200);
      const body = await file.body();
      expect(body.subarray(0, magic.length).toString("latin1"), name).toBe(magic);
      expect(body.length, name).toBeGreaterThan(20_000);
    }
    await page.goto(`${server.url}/portal/cpi-demo/latest/en/countries/ge/`);
    await page.waitForSelector("main h1");
    await shot("09-portal-country-en");
    expect(problems).toEqual([]);
  }, 600_000);

  it("works at 390 px in English and Arabic: no page scrolls sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const draft = (
      (await (await page.request.get(`${server.url}/api/cycles`)).json()) as {
        assessments: { id: string; status: string }[];
      }[]
    )
      .flatMap((c) => c.assessments)
      .find((a) => a.status === "draft")!;
    const pages = [
      ["index", "/"],
      ["my-work", "/work"],
      ["workspace", `/assessments/${draft.id}`],
      ["review", "/review"],
      ["recommendations", "/recommendations"],
      ["results", "/results"],
    ] as const;
    const wide: string[] = [];
    for (const lang of ["en", "ar"] as const) {
      await page.goto(`${server.url}/`);
      await loaded();
      await page.getByLabel(lang === "en" ? "اللغة" : "Language").selectOption(lang);
      await page.waitForFunction(
        (dir) => document.documentElement.dir === dir,
        lang === "ar" ? "rtl" : "ltr",
      );
      for (const [name, path] of pages) {
        await page.goto(`${server.url}${path}`);
        await loaded();
        await page.waitForFunction(
          (dir) => document.documentElement.dir === dir,
          lang === "ar" ? "rtl" : "ltr",
        );
        if ((await overflow()) > 1) wide.push(`${lang} ${path}: ${await overflow()} px`);
        await shot(`10-phone-${name}-${lang}`);
      }
      await page.goto(`${server.url}/portal/cpi-demo/latest/${lang}/countries/ge/`);
      await page.waitForSelector("main h1");
      if ((await overflow()) > 1) wide.push(`${lang} portal country: ${await overflow()} px`);
      await shot(`11-phone-portal-country-${lang}`);
    }
    expect(wide).toEqual([]);
    expect(problems).toEqual([]);
  }, 600_000);

  it("imports answers from a filled workbook, validates the assessment and publishes it: the portal shows it", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    // Signed in as the demo's administrator (the form is walked by the first test), in English.
    const login = server.demoLogin!;
    const signedIn = await context.request.get(`${server.url}/api/cycles`);
    if (!signedIn.ok()) {
      const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, {
        data: { email: login.email, password: login.password },
      });
      expect(signIn.ok()).toBe(true);
    }
    await page.goto(`${server.url}/`);
    await loaded();
    await page.getByLabel(/^(Language|اللغة)$/).selectOption("en");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    const draft = (
      (await (await page.request.get(`${server.url}/api/cycles`)).json()) as {
        assessments: { id: string; status: string }[];
      }[]
    )
      .flatMap((c) => c.assessments)
      .find((a) => a.status === "draft")!;
    await page.goto(`${server.url}/assessments/${draft.id}`);
    await loaded();

    // The workbook the workspace exports, filled offline: a justification written on its first answer row.
    const exported = await page.request.get(`${server.url}/api/assessments/${draft.id}/export.xlsx?lang=en`);
    expect(exported.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
    const JUSTIFICATION = "Checked against the ministry's 2025 annual report (first day).";
    let indicator = "";
    for (const sheet of book.worksheets) {
      let header: Record<string, number> | undefined;
      sheet.eachRow((row, n) => {
        const cells = Array.from(row.values as unknown[], (v) => String(v ?? "").trim());
        if (!header && cells.includes("justification") && cells.includes("indicator")) {
          header = Object.fromEntries(cells.map((c, i) => [c, i]));
        } else if (
          header &&
          !indicator &&
          n > 1 &&
          String(row.getCell(header.indicator!).value ?? "") !== ""
        ) {
          indicator = String(row.getCell(header.indicator!).value);
          row.getCell(header.justification!).value = JUSTIFICATION;
        }
      });
      if (indicator) break;
    }
    expect(indicator).not.toBe("");
    const filled = Buffer.from(await book.xlsx.writeBuffer());

    await page.getByRole("button", { name: "Import XLSX" }).click();
    const importDialog = page.getByRole("dialog");
    await importDialog.getByLabel("Workbook (.xlsx)").setInputFiles({
      name: "moldova-2025-filled.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: filled,
    });
    await importDialog.getByRole("button", { name: "Check the workbook" }).click();
    // The check reads the workbook and compares every answer: seconds on a loaded machine.
    await expect.poll(() => importDialog.textContent(), { timeout: 90_000 }).toContain("No problem found.");
    await shot("12-import-checked");
    await importDialog.getByRole("button", { name: /^Apply 1 change/ }).click();
    await expect
      .poll(
        async () => {
          const res = await page.request.get(`${server.url}/api/assessments/${draft.id}`);
          return JSON.stringify(await res.json());
        },
        { timeout: 90_000 },
      )
      .toContain(JUSTIFICATION);

    // Submit, start the review and validate, each confirmed in its dialog.
    for (const [button, status] of [
      ["Submit for review", "Submitted"],
      ["Start review", "In review"],
      ["Validate", "Validated"],
    ] as const) {
      await page.getByRole("button", { name: button, exact: true }).first().click();
      await page.getByRole("dialog").getByRole("button", { name: button, exact: true }).click();
      await expect
        .poll(() => page.locator(".ws-header .status-chip").first().textContent(), { timeout: 30_000 })
        .toContain(status);
    }
    await shot("13-validated");

    // Publishing: Moldova can now be chosen; the release is a correction, so it needs notes.
    await page.goto(`${server.url}/admin/releases`);
    await loaded();
    const card = page.locator(".pb-cycle").filter({ hasText: "Period 2025" });
    await card.getByRole("button", { name: "Prepare a release" }).click();
    await card.locator("table.pb-candidates").waitFor();
    await loaded();
    const moldova = card.getByRole("checkbox", { name: "Include Moldova" });
    expect(await moldova.isDisabled()).toBe(false);
    await moldova.check();
    await card
      .getByLabel("Release notes (the changelog, shown on the portal)")
      .fill("Moldova's validated 2025 assessment added.");
    await card.getByRole("button", { name: "Publish…" }).click();
    const confirm = page.getByRole("dialog", { name: "Publish cpi-demo-2025-v2?" });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain("Moldova");
    await confirm.getByRole("button", { name: "Publish permanently" }).click();
    const link = card.getByRole("link", { name: "Open cpi-demo-2025-v2 on the portal" });
    await link.waitFor({ timeout: 120_000 });
    await shot("14-published");

    // The portal shows the new release with Moldova's profile and the imported justification.
    await link.click();
    await page.waitForURL(/\/portal\/cpi-demo-2025-v2\/en\/$/);
    await page.goto(`${server.url}/portal/cpi-demo-2025-v2/en/countries/md/`);
    await page.waitForSelector("main h1");
    expect(await page.locator("main h1").textContent()).toContain("Moldova");
    await shot("15-portal-moldova");
    const release = (await (
      await page.request.get(`${server.url}/api/public/releases/cpi-demo-2025-v2`)
    ).json()) as { countries: { code: string }[] };
    expect(release.countries.map((c) => c.code)).toContain("MD");
    expect(problems).toEqual([]);
  }, 600_000);
});
