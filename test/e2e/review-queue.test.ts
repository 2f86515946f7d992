import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessmentEvents, assessments } from "../../src/server/db/schema.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";
import {
  createMember,
  findAssessment,
  type ReviewApp,
  signedInPage,
  startReviewApp,
} from "./review-setup.ts";

const SHOTS = process.env.SCREENSHOT_DIR ?? "/tmp";

/*
 * The reviewer's own view on the real server with the CPI demo: the queue at
 * /review, one answer approved, a section returned with one comment; the
 * coordinator is notified and sees the returned answers.
 */
describe.skipIf(!canRunBrowser)("reviewer queue and section review (Chromium)", () => {
  let app: ReviewApp;
  let assessmentId: string;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    app = await startReviewApp();
    await createMember(app, "coordinator@md.example", "Coordinator MD", "coordinator", "MD");
    const reviewer = await createMember(app, "reviewer@md.example", "Reviewer MD", "reviewer", "MD");
    assessmentId = await findAssessment(app, "MD", "2025");
    // The demo's assessment, as if the coalition had just submitted it and the review had started.
    const db = app.server.database.db;
    await db.update(assessments).set({ status: "in_review" }).where(eq(assessments.id, assessmentId));
    await db.insert(assessmentEvents).values({
      assessmentId,
      fromStatus: "draft",
      toStatus: "submitted",
      actorId: reviewer.id,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("a reviewer opens the queue, approves one answer and returns a section; the coordinator is told and sees them", async () => {
    const { context, page } = await signedInPage(app, "reviewer@md.example", problems, dialogs);
    await visit(page, `${app.url}/review`);
    // The country's own assessment (the demo's queue also holds an area of Moldova, "Moldova — Orhei").
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Review Moldova", exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain("In review");
    await page.screenshot({ path: `${SHOTS}/review-queue-en.png`, fullPage: true });

    expect(await page.getByRole("link", { name: "Review Moldova — Orhei" }).count()).toBe(1);
    await page.getByRole("link", { name: "Review Moldova", exact: true }).click();
    await page.waitForURL(/filter=toReview/);
    expect(await page.getByRole("button", { name: /Waiting for review/ }).getAttribute("aria-pressed")).toBe(
      "true",
    );

    // The section of the first indicators, by its own URL.
    await visit(page, `${app.url}/assessments/${assessmentId}/sections/vulnerability?indicator=cv.01`);
    const card = page.locator('article[data-indicator="cv.01"]');
    await card.waitFor();
    await card.getByRole("tab", { name: "Review" }).click();
    await card.getByRole("button", { name: "Approve this answer" }).click();
    await card.locator(".tag--approved").waitFor();

    await page.getByLabel(/What needs fixing in this section/).fill("Give the source year of each figure.");
    await page.getByRole("button", { name: "Return the section" }).click();
    await expect.poll(() => page.locator(".rv-section").textContent()).toMatch(/answers returned for rework/);
    await expect.poll(() => card.locator(".tag--rework").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/review-section-en.png` });
    // The lock notice is said once on the page, not on every card.
    expect(await page.locator(".indicator-list__lock").count()).toBe(1);
    expect(await page.locator(".answer-card__lock").count()).toBe(0);

    await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
    await visit(page, `${app.url}/review`);
    await page
      .getByRole("row", { name: /مولدوفا|Moldova/ })
      .first()
      .waitFor();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    await page.screenshot({ path: `${SHOTS}/review-queue-ar.png`, fullPage: true });
    await visit(page, `${app.url}/assessments/${assessmentId}/sections/vulnerability`);
    await page.locator(".rv-section").waitFor();
    await page.screenshot({ path: `${SHOTS}/review-section-ar.png` });
    await context.close();

    const coordinator = await signedInPage(app, "coordinator@md.example", problems, dialogs);
    const notices = await coordinator.context.request.get(`${app.url}/api/notifications`);
    const kinds = ((await notices.json()) as { items: { kind: string }[] }).items.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(["answers_approved", "answers_returned"]));
    await visit(coordinator.page, `${app.url}/assessments/${assessmentId}/sections/vulnerability`);
    await coordinator.page.locator(".header-button--bell").click();
    await expect
      .poll(() => coordinator.page.locator("body").textContent())
      .toContain("were returned for rework");
    await coordinator.page.keyboard.press("Escape");
    await coordinator.page.getByRole("button", { name: /Needs rework/ }).click();
    await expect.poll(() => coordinator.page.locator("article .tag--rework").count()).toBeGreaterThan(1);
    await coordinator.page.screenshot({ path: `${SHOTS}/review-returned-coordinator-en.png` });
    await coordinator.context.close();

    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 120_000);
});
