import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles } from "../../src/server/db/schema.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";
import { createMember, type ReviewApp, signedInPage, startReviewApp } from "./review-setup.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * The publishing page on the real server with the demo (releases cpi-demo-2023-v1 and
 * cpi-demo-2025-v1; Moldova 2025 is a draft). The demo admin sees both releases, opens the 2025
 * panel, finds Moldova disabled with its reason, leaves Georgia out, is refused without notes (a
 * correction), writes them, confirms, and gets cpi-demo-2025-v2 with its portal link; the portal
 * shows version 2 without Georgia and the v1 address still answers. A refusal by the server (an
 * assessment reopened meanwhile) is shown as its text. axe in English and Arabic; a coordinator
 * gets no publish controls. Screenshots go to SCREENSHOTS_DIR when it is set.
 */

const SHOTS = process.env.SCREENSHOTS_DIR;
const NOTES = "Georgia withdrawn pending a re-check of its justice answers.";

describe.skipIf(!canRunBrowser)("the publishing page (Chromium)", () => {
  let app: ReviewApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

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
      // The server's refusal of a reopened assessment is provoked (400).
      if (m.type() === "error" && !/status of 400/.test(m.text())) problems.push(m.text());
    });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const loaded = () => page.waitForFunction(() => document.querySelector(".status--loading") === null);
  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const cycleCard = (period: string) => page.locator(".pb-cycle").filter({ hasText: `Period ${period}` });

  it("publishes a correction of 2025 without Georgia, with notes, after confirming", async () => {
    await visit(page, `${app.url}/admin/releases`);
    await loaded();
    await page.getByRole("heading", { name: "Publishing", level: 1 }).waitFor();
    expect(await page.getByRole("navigation").getByRole("link", { name: "Publishing" }).count()).toBe(1);

    // Both demo releases, each with its portal link; the portal home too.
    const list = page.locator("table.pb-releases");
    expect(await list.locator("tbody tr").count()).toBe(2);
    for (const slug of ["cpi-demo-2023-v1", "cpi-demo-2025-v1"]) {
      const link = page.getByRole("link", { name: new RegExp(`^Open on the portal\\s*:\\s*${slug}$`) });
      expect(await link.getAttribute("href")).toBe(`/portal/${slug}/`);
    }
    expect(await page.getByRole("link", { name: "Public portal home" }).getAttribute("href")).toBe(
      "/portal/",
    );

    // The 2025 panel: Moldova is a draft, so its box is disabled and says why.
    const card = cycleCard("2025");
    await card.getByRole("button", { name: "Prepare a release" }).click();
    await card.locator("table.pb-candidates").waitFor();
    await loaded();
    expect(await card.textContent()).toContain("2025 is already published as version 1 (cpi-demo-2025-v1");
    const moldova = card.getByRole("checkbox", { name: "Include Moldova" });
    expect(await moldova.isDisabled()).toBe(true);
    expect(await moldova.isChecked()).toBe(false);
    const moldovaRow = card.locator("tbody tr").filter({ hasText: "Moldova" });
    expect(await moldovaRow.textContent()).toContain("No: still a draft");
    // Every other country starts checked; none of them changed since version 1.
    const boxes = card.getByRole("checkbox");
    expect(await boxes.count()).toBe(10);
    expect(await card.locator("input[type=checkbox]:checked").count()).toBe(9);
    expect(await card.locator("tbody").textContent()).toContain("No change");
    expect(await card.locator(".pb-count").textContent()).toBe(
      "9 assessments chosen of 9 that can be published",
    );

    await card.getByRole("checkbox", { name: "Include Georgia" }).uncheck();
    expect(await card.locator(".pb-count").textContent()).toBe(
      "8 assessments chosen of 9 that can be published",
    );
    expect(await card.locator(".pb-slug-fact").textContent()).toContain("/portal/cpi-demo-2025-v2/");

    // No notes on a correction: refused, saying why, and nothing is asked to confirm.
    await card.getByRole("button", { name: "Publish…" }).click();
    const alert = card.getByRole("alert");
    await expect
      .poll(() => alert.textContent())
      .toContain("version 2 corrects version 1 (cpi-demo-2025-v1), so the notes must say what it changes");
    expect(await page.locator("dialog[open]").count()).toBe(0);
    expect(
      await card
        .getByLabel("Release notes (the changelog, shown on the portal)")
        .getAttribute("aria-invalid"),
    ).toBe("true");
    await expectNoSeriousViolations(page, "publishing page with a refused correction (EN)");
    await shot("publish-en-refused");

    // Notes, then the confirmation, which says what is permanent and what changes.
    await card.getByLabel("Release notes (the changelog, shown on the portal)").fill(NOTES);
    await card.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish cpi-demo-2025-v2?" });
    await dialog.waitFor();
    const question = await dialog.textContent();
    expect(question).toContain("Publishing is permanent");
    expect(question).toContain("Left out (they were in version 1): Georgia");
    expect(question).toContain(NOTES);
    expect(question).toContain("Countries (8)");
    expect(question).not.toContain("Moldova");
    await expectNoSeriousViolations(page, "publishing confirmation (EN)");
    await shot("publish-en-confirm");
    await dialog.getByRole("button", { name: "Publish permanently" }).click();

    // The result, with its link; the list now has v2 and says v1 is superseded.
    const done = card.getByRole("status").filter({ hasText: "Published cpi-demo-2025-v2" });
    await expect.poll(() => done.textContent()).toContain("(version 2) with 8 countries.");
    const newLink = card.getByRole("link", { name: "Open cpi-demo-2025-v2 on the portal" });
    expect(await newLink.getAttribute("href")).toBe("/portal/cpi-demo-2025-v2/");
    await expect.poll(() => list.locator("tbody tr").count()).toBe(3);
    const v1Row = list.locator("tr").filter({ hasText: "cpi-demo-2025-v1" });
    expect(await v1Row.textContent()).toContain("Superseded by cpi-demo-2025-v2");
    const v2Row = list
      .locator("tr")
      .filter({ has: page.getByRole("rowheader", { name: /cpi-demo-2025-v2/ }) });
    expect(await v2Row.textContent()).toContain(NOTES);
    // The panel is ready for a version 3.
    await expect.poll(() => card.locator(".pb-slug-fact").textContent()).toContain("cpi-demo-2025-v3");
    await expectNoSeriousViolations(page, "publishing page after publishing (EN)");
    await shot("publish-en-done");

    // The server agrees: v2 holds the eight countries, not Georgia nor Moldova.
    const published = (await (
      await context.request.get(`${app.url}/api/public/releases/cpi-demo-2025-v2`)
    ).json()) as { countries: { code: string }[] };
    const codes = published.countries.map((c) => c.code);
    expect(codes).toHaveLength(8);
    expect(codes).not.toContain("GE");
    expect(codes).not.toContain("MD");

    // Follow the link: the portal shows version 2; the v1 permalink still answers.
    await newLink.click();
    await page.waitForURL(/\/portal\/cpi-demo-2025-v2\/en\/$/);
    expect(await page.textContent("body")).toMatch(/version 2/i);
    const old = await context.request.get(`${app.url}/portal/cpi-demo-2025-v1/en/`);
    expect(old.status()).toBe(200);
    expect(await old.text()).toContain("cpi-demo-2025-v1");

    expect(problems).toEqual([]);
  }, 180_000);

  it("shows the server's refusal as text when an assessment was reopened meanwhile", async () => {
    await visit(page, `${app.url}/admin/releases`);
    await loaded();
    const card = cycleCard("2023");
    await card.getByRole("button", { name: "Prepare a release" }).click();
    await card.locator("table.pb-candidates").waitFor();
    await loaded();
    await card.getByLabel("Release notes (the changelog, shown on the portal)").fill("Recheck of Armenia.");
    // Armenia 2023 is sent back to review after the panel was loaded (as another secretary would).
    const db = app.server.database.db;
    const [cycle] = await db.select({ id: cycles.id }).from(cycles).where(eq(cycles.period, "2023"));
    await db
      .update(assessments)
      .set({ status: "in_review" })
      .where(and(eq(assessments.cycleId, cycle!.id), eq(assessments.countryCode, "AM")));
    await card.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish cpi-demo-2023-v2?" });
    await dialog.getByRole("button", { name: "Publish permanently" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent())
      .toBe(
        "only validated assessments can be published; validate these first or leave them out: AM: in review",
      );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    const releases = (await (await context.request.get(`${app.url}/api/releases`)).json()) as {
      slug: string;
    }[];
    expect(releases.map((r) => r.slug)).not.toContain("cpi-demo-2023-v2");
    expect(problems).toEqual([]);
  }, 60_000);

  it("has no serious accessibility problem in Arabic (right to left)", async () => {
    await page.evaluate(() => window.localStorage.setItem("childmark.lang", "ar"));
    await visit(page, `${app.url}/admin/releases`);
    await loaded();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.getByRole("heading", { name: "النشر", level: 1 }).waitFor();
    const card = page.locator(".pb-cycle").filter({ hasText: "2025" });
    await card.getByRole("button", { name: "إعداد إصدار" }).click();
    await card.locator("table.pb-candidates").waitFor();
    await loaded();
    expect(await card.textContent()).toContain("cpi-demo-2025-v3");
    await card.getByRole("button", { name: "نشر…" }).click();
    await expect.poll(() => card.getByRole("alert").textContent()).toContain("النسخة 3 تصحح النسخة 2");
    await expectNoSeriousViolations(page, "publishing page (AR)");
    await shot("publish-ar-refused");
    await page.evaluate(() => window.localStorage.setItem("childmark.lang", "en"));
    expect(problems).toEqual([]);
  }, 60_000);

  it("gives a coordinator neither the page's controls nor the right to publish", async () => {
    await createMember(app, "coordinator.md@example.org", "Coordinator MD", "coordinator", "MD");
    const coordinator = await signedInPage(app, "coordinator.md@example.org", [], []);
    const other = coordinator.page;
    await visit(other, `${app.url}/admin/releases`);
    await other.getByRole("heading", { name: "Publishing", level: 1 }).waitFor();
    await other.waitForFunction(() => document.querySelector(".status--loading") === null);
    await expect.poll(() => other.getByRole("alert").textContent()).toBeTruthy();
    expect(await other.getByRole("button", { name: "Prepare a release" }).count()).toBe(0);
    expect(await other.locator("table.pb-releases, .pb-cycle, textarea").count()).toBe(0);
    expect(await other.getByRole("navigation").getByRole("link", { name: "Publishing" }).count()).toBe(0);
    const [cycle] = await app.server.database.db
      .select({ id: cycles.id })
      .from(cycles)
      .where(eq(cycles.period, "2025"));
    const csrf = await coordinatorCsrf(coordinator.context);
    const refused = await coordinator.context.request.post(`${app.url}/api/cycles/${cycle!.id}/releases`, {
      data: { notes: "not mine to publish" },
      headers: { "x-csrf-token": csrf },
    });
    expect(refused.status()).toBe(403);
    await coordinator.context.close();
  }, 60_000);

  async function coordinatorCsrf(other: BrowserContext): Promise<string> {
    const me = (await (await other.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken?: string };
    return me.csrfToken ?? "";
  }
});
