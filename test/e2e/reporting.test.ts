import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import type { Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/app/start.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The reporting cycle in Chromium, on the real server with the demo: from Moldova's calendar the
 * next deadline leads to the report builder, which starts an alternative report whose clusters
 * are filled from the index scores, the evidence and the recommendations; a section is edited and
 * saved; the DOCX is opened (footnotes with their links, the new text) and the PDF rendered to PNG.
 * Screenshots (English and Arabic, desktop and 390 px) go to /tmp/childmark-e2e-reporting-*.png.
 */

const shots = "/tmp/childmark-e2e-reporting";

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.skipIf(!canRunBrowser)("reporting: calendar → alternative report → export (Chromium)", () => {
  let server: RunningServer;
  let app: DemoAdminPage;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("reporting", problems, { timeout: 20_000 });
    ({ server, page } = app);
    mkdirSync(join(shots, ".."), { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  const settle = async () => {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
  };
  const shoot = async (name: string) => {
    const lang = await page.getAttribute("html", "lang");
    const width = page.viewportSize()?.width;
    await page.screenshot({ path: `${shots}-${lang}-${width}-${name}.png`, fullPage: true });
  };

  it("opens the next deadline from Moldova's calendar, drafts the report from the evidence, edits and exports it", async () => {
    await page.goto(`${server.url}/work`);
    await settle();
    await page.getByRole("navigation").getByRole("link", { name: "Reporting" }).click();
    await settle();
    await page.getByLabel("Country").first().selectOption({ label: "Moldova" });
    await page.getByRole("heading", { name: "Ratifications and reservations" }).waitFor();
    expect(await page.locator(".rp-ratifications").textContent()).toContain(
      "Optional Protocol on a communications procedure (OPIC)",
    );
    await page.getByRole("button", { name: "List" }).click();
    const rows = page.locator(".rp-list tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    expect(new Set(await page.locator(".rp-list tbody tr td:nth-child(2)").allTextContents())).toEqual(
      new Set(["Moldova"]),
    );
    await shoot("calendar-list");
    await page.getByRole("button", { name: "Month" }).click();
    await page.locator(".rp-grid").waitFor();
    await shoot("calendar-month");

    // The subscription URL parses as a calendar without the session.
    await page.getByRole("button", { name: "Subscribe in your calendar (iCalendar)" }).click();
    const feedUrl = await page.getByLabel("Calendar address").inputValue();
    const ics = await (await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, server.url))).text();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("SUMMARY:Moldova: ");

    const next = page.getByRole("region", { name: "Next deadline" });
    expect(await next.textContent()).toContain("Moldova");
    await next.getByRole("link", { name: "Prepare the alternative report" }).click();
    await settle();
    expect(await page.getByLabel("Country").inputValue()).toBe("MD");
    // Without a choice the review's own mechanism's outline is used; this report follows the CRC's clusters.
    await page
      .locator("label", { hasText: /^Outline/ })
      .locator("select")
      .selectOption("crc");
    await page.getByRole("button", { name: "Start the report" }).click();
    await page.waitForURL(/\/reporting\/reports\/[0-9a-f-]{36}$/);
    await settle();
    expect(await page.locator(".rp-section h2").count()).toBe(10);
    const violence = page.getByRole("region", { name: "Violence against children" });
    const sources = violence.locator(".rp-sources li");
    const kinds = await violence.locator(".rp-sources .rp-tag").allTextContents();
    expect(kinds).toEqual(expect.arrayContaining(["Index score", "Evidence", "Recommendation"]));
    expect(await sources.count()).toBeGreaterThan(3);
    expect(await page.locator(".rp-words").textContent()).toMatch(/ of (20,000|5,630) words/);
    await shoot("report");

    const field = violence.getByRole("textbox");
    const added = " The coalition verified this with the Ombudsperson's office in 2026.";
    await field.fill(`${await field.inputValue()}${added}`);
    await violence.getByRole("button", { name: "Save section" }).click();
    await violence.getByRole("status").filter({ hasText: "Saved (version 2)" }).waitFor();

    const [docxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download Word (DOCX)" }).click(),
    ]);
    const zip = await JSZip.loadAsync(await bytesOf(docxDownload));
    const documentXml = await zip.file("word/document.xml")!.async("string");
    const footnotes = await zip.file("word/footnotes.xml")!.async("string");
    const links = await zip.file("word/_rels/footnotes.xml.rels")!.async("string");
    expect(documentXml).toContain("Ombudsperson");
    expect((documentXml.match(/w:footnoteReference/g) ?? []).length).toBeGreaterThan(10);
    expect(footnotes).toContain("Child Protection Index");
    expect(links).toContain("/recommendations/");
    const text = documentXml.replace(/<[^>]+>/g, " ");
    expect(text).toMatch(/\d[\d,]* words of the (20,000|5,630) the Committee allows/);

    const [pdfDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), "childmark-reporting-pdf-"));
    const pdf = join(dir, "report.pdf");
    writeFileSync(pdf, await bytesOf(pdfDownload));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    expect(pages).toBeGreaterThan(2);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdf, `${shots}-pdf`]);
    // pdftoppm pads the page number to the width of the page count (report-pdf-01.png past 9 pages).
    const first = readdirSync(join(shots, "..")).find((f) =>
      /^childmark-e2e-reporting-pdf-0*1\.png$/.test(f),
    )!;
    expect(readFileSync(join(shots, "..", first)).length).toBeGreaterThan(10_000);

    // Arabic, right to left, and the phone width.
    await page.getByLabel("Language").selectOption("ar");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await settle();
    await shoot("report");
    await page.goto(`${server.url}/reporting/calendar?country=MD`);
    await settle();
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await shoot("calendar-month");
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot("calendar-month");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByLabel("اللغة").selectOption("en");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    await shoot("calendar-month");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
  }, 240_000);
});
