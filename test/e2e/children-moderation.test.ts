import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * A moderator on the demo's consultation: the free texts still waiting, one approved with a part
 * removed (the preview shows it before), one rejected; the decisions kept with who; only the
 * approved words reach the consultation's results. Then Arabic on a 390 px phone.
 */

let app: DemoAdminPage;
let page: Page;
const problems: string[] = [];
const shots = (name: string) => join(tmpdir(), `children-moderation-${name}.png`);

beforeAll(async () => {
  app = await openDemoAdminPage("children-moderation", problems, { timeout: 20_000 });
  page = app.page;
}, 300_000);
afterAll(async () => {
  await app?.close();
});

it("approves a free text with a part removed, rejects another, and keeps who decided", async () => {
  const list = await page.request.get(`${app.server.url}/api/children/consultations`);
  const [consultation] = (await list.json()) as { id: string }[];
  await page.goto(`${app.server.url}/children/consultations/${consultation!.id}`);
  await page.getByRole("link", { name: "Moderate the free texts" }).click();
  await page.getByRole("heading", { name: "Free texts to moderate" }).waitFor();
  const waiting = page.locator(".md-card");
  await expect.poll(() => waiting.count()).toBe(3);
  const before = await page.getByRole("button", { name: /^Decided \(\d+\)$/ }).textContent();

  // Remove a part: the preview shows the text as it will be shown, then it is approved.
  const first = waiting.first();
  const text = (await first.locator(".md-text").textContent())!;
  const word = text.split(" ").find((w) => w.length > 4)!;
  await first.getByLabel("A part to remove (copy it from the text)").fill("not in the text at all");
  await first.getByText("This is not in the text: copy it exactly as written.").waitFor();
  await first.getByLabel("A part to remove (copy it from the text)").fill(word);
  await first.getByRole("button", { name: "Remove this part" }).click();
  await expect.poll(() => first.locator(".md-text").textContent()).toContain("[…]");
  await page.screenshot({ path: shots("redact-en"), fullPage: true });
  await expectNoSeriousViolations(page, "the moderation page");
  await first.getByRole("button", { name: "Remove 1 part and approve" }).click();
  await expect.poll(() => waiting.count()).toBe(2);
  await waiting.first().getByRole("button", { name: "Reject" }).click();
  await expect.poll(() => waiting.count()).toBe(1);

  // Decided: both decisions with who took them.
  await page.getByRole("button", { name: /^Decided/ }).click();
  const decided = page.locator(".md-card");
  // The demo has a redacted text of its own: this one is found by what was kept of it.
  const kept = text
    .split(word)
    .map((part) => part.trim())
    .sort((a, b) => b.length - a.length)[0]!
    .slice(0, 30);
  const redacted = decided.filter({ hasText: "Approved with parts removed" }).filter({ hasText: kept });
  await expect.poll(() => redacted.count()).toBe(1);
  await expect
    .poll(() => redacted.locator(".md-history").textContent())
    .toMatch(/Parts removed \(1\) and approved by .+,/);
  await expect.poll(() => decided.filter({ hasText: /^.*Rejected.*$/ }).count()).toBeGreaterThan(0);
  expect(await page.getByRole("button", { name: /^Decided/ }).textContent()).not.toBe(before);

  // Only approved words in the results: the redacted text with […], the rejected one nowhere.
  const results = await page.request.get(
    `${app.server.url}/api/children/consultations/${consultation!.id}/results`,
  );
  const quotes = ((await results.json()) as { quotes: { text: string }[] }).quotes.map((q) => q.text);
  expect(quotes).toContain(text.split(word).join("[…]"));

  // Arabic, right to left, on a phone: nothing wider than the screen.
  await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.getByRole("heading", { name: "نصوص حرة للمراجعة" }).waitFor();
  await page.screenshot({ path: shots("ar-390"), fullPage: true });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(page, "the moderation page in Arabic");
  expect(problems).toEqual([]);
}, 240_000);
