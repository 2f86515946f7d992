import JSZip from "jszip";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";
import { type ReviewApp, startReviewApp } from "./review-setup.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * The recommendations journey on the real server: the demo admin imports a CSV of its own layout
 * through the column-mapping step, searches it with a quoted phrase and a filter (the address is
 * shareable: reloading it gives the same results), opens a recommendation, accepts a suggested
 * UNCRC article, records the coalition's status with evidence, and downloads the follow-up report,
 * whose Word text holds the status and the recommendation. Markup in a text stays text. Every page
 * passes axe in English and Arabic.
 */

const CSV = [
  "Pays,Organe,Session,Texte de la recommandation",
  'Moldova,CRC,90,"Prohibit corporal punishment of children in all settings, including the family."',
  'Moldova,CRC,90,"Strengthen juvenile justice <script>alert(""owned"")</script> and diversion."',
  'Georgia,CRC,91,"Prohibit corporal punishment of children in all settings, including the family."',
  'Moldova,CRC,90,"Prohibit corporal punishment of children in all settings, including the family."',
].join("\n");

describe.skipIf(!canRunBrowser)("recommendations journey (Chromium)", () => {
  let app: ReviewApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    app = await startReviewApp();
    context = await app.browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const login = app.server.demoLogin!;
    const res = await context.request.post(`${app.url}/api/auth/sign-in`, {
      data: { email: login.email, password: login.password },
    });
    if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of (400|403|404)/.test(m.text())) problems.push(m.text());
    });
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const loaded = () => page.waitForFunction(() => document.querySelector(".status--loading") === null);

  it("imports with a column mapping, searches, classifies, tracks and exports the report", async () => {
    // The demo holds recommendations of its own: count what this import adds to a search.
    const totalOf = async (query: string) =>
      (
        (await (await page.request.get(`${app.url}/api/recommendations?${query}`)).json()) as {
          total: number;
        }
      ).total;
    const phrase = `q=${encodeURIComponent('"corporal punishment"')}`;
    const before = await totalOf(phrase);
    const beforeMoldova = await totalOf(`${phrase}&state=Moldova`);
    const count = (n: number) => `${n} recommendation${n === 1 ? "" : "s"}`;

    // Import: the generic layout, columns mapped by hand (the French headers match no usual name).
    await visit(page, `${app.url}/recommendations/import`);
    await page.getByLabel("File (CSV or XLSX)").setInputFiles({
      name: "coalition-list.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV),
    });
    // The file is read as soon as it is chosen; "Texte de la recommandation" matches no usual name.
    await page.getByRole("heading", { name: "Which column is which field?" }).waitFor();
    await page.getByLabel("Field: Pays").selectOption("state");
    await page.getByLabel("Field: Organe").selectOption("mechanism");
    await page.getByLabel("Field: Texte de la recommandation").selectOption("text");
    await page.getByLabel("Save this mapping as").fill("Coalition list");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "coalition-list.csv imported." }).waitFor();
    const facts = await page.locator("#rc-import-done ~ dl").textContent();
    expect(facts).toMatch(/Rows read\s*4/);
    expect(facts).toMatch(/Added\s*3/);
    expect(facts).toMatch(/Duplicates in the file \(merged\)\s*1/);
    await expect.poll(() => page.getByText("Line 5 repeats line 2").count()).toBe(1);
    await expectNoSeriousViolations(page, "import page (EN)");

    // Search: a quoted phrase and a State filter; the address carries both.
    await visit(page, `${app.url}/recommendations`);
    await loaded();
    await page.getByLabel("Search the texts").fill('"corporal punishment"');
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.locator(".rc-count").textContent()).toContain(count(before + 2));
    await page.getByLabel("State under review").selectOption("Moldova");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => page.locator(".rc-count").textContent()).toContain(count(beforeMoldova + 1));
    const shared = page.url();
    expect(new URL(shared).searchParams.get("q")).toBe('"corporal punishment"');
    expect(new URL(shared).searchParams.get("state")).toBe("Moldova");
    await page.reload();
    await loaded();
    await expect.poll(() => page.locator(".rc-count").textContent()).toContain(count(beforeMoldova + 1));
    expect(await page.getByLabel("Search the texts").inputValue()).toBe('"corporal punishment"');
    await expectNoSeriousViolations(page, "search page (EN)");

    // Markup in a text is shown as text.
    await visit(page, `${app.url}/recommendations?q=juvenile&state=Moldova`);
    await loaded();
    const hostile = page.locator(".rc-result__text", { hasText: "owned" });
    await expect.poll(() => hostile.textContent()).toContain('<script>alert("owned")</script>');
    expect(await page.locator(".rc-result__text script").count()).toBe(0);

    // Open the recommendation, accept the first suggested UNCRC article.
    await visit(page, shared);
    await loaded();
    await page
      .locator(".rc-result__text a", { hasText: /^Prohibit corporal punishment of children in all settings/ })
      .first()
      .click();
    await page.getByRole("heading", { name: "Recommendation to Moldova" }).waitFor();
    await loaded();
    const articles = page
      .locator(".rc-suggest")
      .filter({ has: page.getByRole("heading", { name: "UNCRC articles" }) });
    if (process.env.CHILDMARK_SCREENSHOTS)
      await articles.screenshot({ path: `${process.env.CHILDMARK_SCREENSHOTS}/suggestions-en.png` });
    const first = articles.locator(".rc-suggest__name").first();
    const label = (await first.textContent()) ?? "";
    const number = label.match(/^Article (\d+)/)![1]!;
    await articles.getByRole("button", { name: `Accept ${label}` }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "was added" }).count()).toBe(1);
    await expect
      .poll(() => page.locator(".rc-fact").filter({ hasText: "UNCRC articles" }).locator("dd").textContent())
      .toBe(number);

    // Record the coalition's status with evidence.
    await page.getByLabel("The coalition's assessment").check();
    await page.getByLabel("Status", { exact: true }).selectOption("partially_implemented");
    await page
      .getByLabel("Evidence", { exact: true })
      .fill("Decree 45/2025 bans corporal punishment in schools only.");
    await page.getByLabel("Responsible institutions (one per line)").fill("Ministry of Education");
    await page.getByRole("button", { name: "Record", exact: true }).click();
    await expect.poll(() => page.getByText("The status was recorded.").count()).toBe(1);
    const current = page.getByRole("region", { name: "Coalition's assessment" });
    await expect.poll(() => current.textContent()).toContain("Partially implemented");
    expect(await current.textContent()).toContain("Decree 45/2025");
    expect(await page.locator(".rc-timeline li").count()).toBe(1);
    await expectNoSeriousViolations(page, "recommendation page (EN)");

    // The follow-up report: the download link of the search page, opened as a Word file.
    await visit(page, shared);
    await loaded();
    const href = await page
      .getByRole("link", { name: "Follow-up report (Word), by UNCRC article" })
      .getAttribute("href");
    const docx = await context.request.get(`${app.url}${href}`);
    expect(docx.status()).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.body())).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, " ");
    expect(text).toContain("partially implemented");
    expect(text).toContain("Decree 45/2025");
    expect(text).toContain("Prohibit corporal punishment of children in all settings");

    // Make the tracking public on the portal, then read it there as anyone would.
    await page.getByLabel("What this publication is (shown on the portal)").fill("Mid-term review, 2025");
    await page.getByRole("button", { name: "Publish on the portal" }).click();
    await expect.poll(() => page.getByText("Published as version 1.").count()).toBe(1);
    await expectNoSeriousViolations(page, "search page with the publish panel (EN)");
    await page.getByRole("link", { name: "Open the public page" }).click();
    await page.getByRole("heading", { name: "Follow-up of UN recommendations: Moldova", level: 1 }).waitFor();
    const publicPage = await page.textContent("main");
    expect(publicPage).toContain("Partially implemented");
    expect(publicPage).toContain("Decree 45/2025");
    expect(publicPage).toContain('<script>alert("owned")</script>');
    await expectNoSeriousViolations(page, "public tracking page (EN)");
    await page.getByRole("link", { name: "العربية" }).click();
    await page.getByRole("heading", { name: "متابعة توصيات الأمم المتحدة: مولدوفا", level: 1 }).waitFor();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    await expectNoSeriousViolations(page, "public tracking page (AR)");

    await visit(page, `${app.url}/recommendations/dashboard?state=MD`);
    await loaded();
    await expect
      .poll(() => page.locator(".rc-status-table").textContent())
      .toMatch(/Partially implemented\s*[1-9]\d* \(\d+%\)/);
    await expectNoSeriousViolations(page, "dashboard page (EN)");

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);

  it("has no serious accessibility problem in Arabic (right to left) on any page", async () => {
    await page.evaluate(() => window.localStorage.setItem("childmark.lang", "ar"));
    const [first] = (
      (await (await context.request.get(`${app.url}/api/recommendations?state=Moldova`)).json()) as {
        items: { id: string }[];
      }
    ).items;
    for (const path of [
      "/recommendations?q=%22corporal+punishment%22",
      `/recommendations/${first!.id}`,
      "/recommendations/dashboard",
      "/recommendations/import",
    ]) {
      await visit(page, `${app.url}${path}`);
      await loaded();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await page.locator("main h1").waitFor();
      await expectNoSeriousViolations(page, `${path} (AR)`);
    }
    expect(await page.locator("main h1").textContent()).toBe("استيراد التوصيات");
    expect(problems).toEqual([]);
  }, 120_000);
});
