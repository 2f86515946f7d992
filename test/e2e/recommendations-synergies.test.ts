import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/app/start.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * Synergies in Chromium, on the real server with the demo: Moldova's UPR recommendations and the
 * CRC Committee's and the European Committee of Social Rights' that ask the same are grouped. The
 * demo's confirmed group (corporal punishment) is shown with its three sources and its status;
 * a suggested group is confirmed, then tracked once (its status set for both members, seen on
 * each member's page with all its sources); another is dismissed. Screenshots go to
 * /tmp/childmark-e2e-synergies-*.png.
 */

const shots = "/tmp/childmark-e2e-synergies";

describe.skipIf(!canRunBrowser)("recommendations: synergies confirmed and tracked once (Chromium)", () => {
  let server: RunningServer;
  let app: DemoAdminPage;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openDemoAdminPage("synergies", problems, { timeout: 20_000 });
    ({ server, page } = app);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  const settle = async () => {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => document.querySelector(".status--loading") === null);
  };

  it("shows the demo's group with all its sources, confirms a suggestion, tracks it once and dismisses another", async () => {
    await page.goto(`${server.url}/recommendations/dashboard`);
    await settle();
    await page
      .getByRole("navigation", { name: "Recommendations pages" })
      .getByRole("link", { name: "Synergies" })
      .click();
    await settle();
    await page.getByLabel("State under review").fill("MD");
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByRole("heading", { name: "Confirmed groups" }).waitFor();

    const confirmed = page.locator(".rc-synergy:not(.rc-synergy--suggested)");
    expect(await confirmed.count()).toBe(1);
    const demoGroup = confirmed.first();
    expect(await demoGroup.locator(".rc-synergy__member").count()).toBe(3);
    const mechanisms = await demoGroup.locator(".rc-synergy__mechanism strong").allTextContents();
    expect(mechanisms).toEqual([
      "CRC Committee",
      "European Committee of Social Rights",
      "Universal Periodic Review",
    ]);
    expect(await demoGroup.textContent()).toContain("CRC/C/MDA/CO/4-5");
    expect(await demoGroup.locator(".rc-synergy__group-status").textContent()).toContain("In progress");

    const suggested = page.locator(".rc-synergy--suggested");
    const before = await suggested.count();
    expect(before).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${shots}-en-1280-page.png`, fullPage: true });
    await expectNoSeriousViolations(page, "synergies page (EN)");

    // Confirm the deinstitutionalisation group: it moves to the confirmed groups.
    const care = suggested.filter({ hasText: "deinstitutionalisation" });
    expect(await care.locator(".rc-synergy__member").count()).toBe(2);
    await care.getByRole("button", { name: "Confirm as one synergy" }).click();
    await expect
      .poll(() => page.getByText("Confirmed: the group is tracked once from now on.").count())
      .toBe(1);
    await expect.poll(() => confirmed.count()).toBe(2);
    await expect.poll(() => suggested.count()).toBe(before - 1);

    // Track it once: one status for both of its recommendations.
    const group = confirmed.filter({ hasText: "deinstitutionalisation" });
    await group.getByLabel("Status", { exact: true }).selectOption("partially_implemented");
    await group.getByLabel("Evidence", { exact: true }).fill("Two baby homes closed in 2025 (e2e).");
    await group.getByRole("button", { name: "Record", exact: true }).click();
    await expect
      .poll(() => group.locator(".rc-synergy__group-status").textContent())
      .toContain("Partially implemented");
    await expect.poll(() => group.locator(".rv-timeline li").count()).toBe(1);
    expect(await group.locator(".rc-synergy__statuses").allTextContents()).toEqual([
      expect.stringContaining("Partially implemented"),
      expect.stringContaining("Partially implemented"),
    ]);

    // Dismiss another suggestion: it leaves the list.
    const next = suggested.first();
    await next.getByRole("button", { name: "Dismiss" }).click();
    await expect
      .poll(() => page.getByText("Dismissed: this group will not be suggested again.").count())
      .toBe(1);
    await expect.poll(() => suggested.count()).toBe(before - 2);

    // The member's own page shows the group with all its sources, and the status in its timeline.
    await group.getByRole("link", { name: "Open the recommendation" }).first().click();
    await page.getByRole("heading", { name: "Recommendation to Moldova" }).waitFor();
    await settle();
    const panel = page.getByRole("region", { name: "Tracked together with other mechanisms (synergy)" });
    await panel.waitFor();
    expect(await panel.locator(".rc-synergy__member").count()).toBe(2);
    expect(await panel.locator('.rc-synergy__member[aria-current="true"]').count()).toBe(1);
    const current = page.getByRole("region", { name: "Coalition's assessment" });
    await expect.poll(() => current.textContent()).toContain("Partially implemented");
    expect(await current.textContent()).toContain("Two baby homes closed");
    await page.screenshot({ path: `${shots}-en-1280-recommendation.png`, fullPage: true });
    await expectNoSeriousViolations(page, "recommendation page with its synergy (EN)");

    // Arabic, right to left, at phone width: nothing wider than the screen.
    await page.goto(`${server.url}/recommendations/synergies?state=MD`);
    await settle();
    await page.getByLabel("Language").selectOption("ar");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await settle();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}-ar-390-page.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByLabel("اللغة").selectOption("en");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
  }, 240_000);
});
