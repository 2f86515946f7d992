import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser } from "./app-under-test.ts";
import { visit } from "./journey-visit.ts";
import {
  createMember,
  findAssessment,
  type ReviewApp,
  signedInPage,
  smallPdf,
  startReviewApp,
} from "./review-setup.ts";
import { editWorkbook } from "./review-workbook.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

/*
 * The review journey on the real server with the CPI demo: a coordinator
 * documents an answer (citation, PDF) and submits; a reviewer flags it and
 * returns the assessment; the coordinator fixes and resubmits; the reviewer
 * sees the change, clears the flag and validates. Hostile text stays text.
 */
describe.skipIf(!canRunBrowser)("review journey (Chromium)", () => {
  let app: ReviewApp;
  let assessmentId: string;
  let code: string;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    app = await startReviewApp();
    await createMember(app, "coordinator@md.example", "Coordinator MD", "coordinator", "MD");
    await createMember(app, "reviewer@md.example", "Reviewer MD", "reviewer", "MD");
    assessmentId = await findAssessment(app, "MD", "2025");
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const card = (page: Page) => page.locator(`article[data-indicator="${code}"]`);
  const chip = (page: Page) => page.locator(".ws-header .status-chip");

  async function openWorkspace(page: Page) {
    await visit(page, `${app.url}/assessments/${assessmentId}`);
    await card(page)
      .waitFor()
      .catch(async (error) => {
        await page.screenshot({ path: "/tmp/childmark-review-failure.png" });
        throw error;
      });
  }

  async function step(page: Page, button: string, status: string, fill?: string) {
    await page.getByRole("button", { name: button, exact: true }).first().click();
    const dialog = page.getByRole("dialog");
    if (fill) await dialog.getByRole("textbox").fill(fill);
    await dialog.getByRole("button", { name: button, exact: true }).click();
    await expect.poll(() => chip(page).textContent()).toContain(status);
  }

  it("goes from documenting to validation, showing hostile text as text", async () => {
    const coordinator = await signedInPage(app, "coordinator@md.example", problems, dialogs);
    const c = coordinator.page;
    const data = (await (
      await coordinator.context.request.get(`${app.url}/api/assessments/${assessmentId}`)
    ).json()) as {
      framework: { indicators: { code: string; type: string }[] };
      answers: { indicator: string; value: string | number | null }[];
    };
    code = data.framework.indicators.find((i) => i.type === "checklist")!.code;

    // Coordinator: a citation and a real PDF, both listed.
    await openWorkspace(c);
    await card(c)
      .getByRole("tab", { name: /Evidence/ })
      .click();
    const panel = card(c).getByRole("tabpanel");
    await panel
      .getByLabel("Citation", { exact: true })
      .fill("Law No. 99 on the rights of the child, art. 12");
    // The demo's answers may already cite sources: count what this test adds.
    const before = await panel.locator(".rv-evidence__item").count();
    await panel.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => panel.locator(".rv-evidence__item").count()).toBe(before + 1);
    expect(await panel.locator(".rv-evidence").textContent()).toContain(
      "Law No. 99 on the rights of the child",
    );
    const fileInput = panel.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await expect.poll(() => panel.locator(".rv-evidence__item").count()).toBe(before + 2);
    const pdfLink = panel.getByRole("link", { name: /report\.pdf/ });
    expect(await pdfLink.getAttribute("href")).toMatch(/^\/api\/evidence\/[0-9a-f-]+\/file$/);

    await card(c).screenshot({ path: "/tmp/childmark-review-evidence-en.png" });
    await c.locator(".ws-header").screenshot({ path: "/tmp/childmark-review-header-en.png" });
    // A web address other than http(s) is refused; the server's reason shows at the field.
    await panel.getByLabel("Kind of source").selectOption("url");
    const address = panel.getByLabel("Web address (http:// or https://)");
    await address.fill("javascript:alert(1)");
    await panel.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => panel.locator(".rv-field-error").textContent()).toContain("http:// or https://");
    expect(await address.getAttribute("aria-invalid")).toBe("true");
    expect(await panel.locator(".rv-evidence__item").count()).toBe(before + 2);

    // A text file named .pdf is refused, with the server's words.
    await fileInput.setInputFiles({
      name: "notes.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("just text"),
    });
    await expect.poll(() => panel.locator(".rv-notice--error").textContent()).toContain("not a PDF");
    expect(await panel.locator(".rv-evidence__item").count()).toBe(before + 2);

    // A file name and a comment made of markup stay text.
    await fileInput.setInputFiles({
      name: "<img src=x onerror=alert(1)>.pdf",
      mimeType: "application/pdf",
      buffer: smallPdf(),
    });
    await expect.poll(() => panel.locator(".rv-evidence__item").count()).toBe(before + 3);
    expect(await panel.locator(".rv-evidence").textContent()).toContain("onerror=alert(1)");
    // Removing a source asks first; Escape keeps it, confirming removes it.
    const hostile = panel.locator(".rv-evidence__item", { hasText: "onerror" });
    await hostile.getByRole("button", { name: /Remove/ }).click();
    await c.getByRole("dialog").waitFor();
    await c.keyboard.press("Escape");
    await expect.poll(() => c.getByRole("dialog").count()).toBe(0);
    expect(await panel.locator(".rv-evidence__item").count()).toBe(before + 3);
    await hostile.getByRole("button", { name: /Remove/ }).click();
    await c.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
    await expect.poll(() => panel.locator(".rv-evidence__item").count()).toBe(before + 2);
    await card(c)
      .getByRole("tab", { name: /Comments/ })
      .click();
    await card(c).getByLabel("Your comment").fill("<script>alert(1)</script>\nsecond line");
    await card(c).getByRole("button", { name: "Post comment" }).click();
    const comment = card(c).locator(".rv-comment").first();
    await comment.waitFor();
    expect(await comment.locator(".rv-text").textContent()).toBe("<script>alert(1)</script>\nsecond line");
    expect(await c.locator('img[src="x"]').count()).toBe(0);
    await expectNoSeriousViolations(c, "workspace with evidence and comments");
    await c.screenshot({ path: "/tmp/childmark-review-workspace-en.png", fullPage: false });

    // Submit.
    await step(c, "Submit for review", "Submitted");

    // Reviewer: start, flag with a comment, return.
    const reviewer = await signedInPage(app, "reviewer@md.example", problems, dialogs);
    const r = reviewer.page;
    await openWorkspace(r);
    await step(r, "Start review", "In review");
    await card(r).getByRole("tab", { name: "Review" }).click();
    await card(r)
      .getByLabel("What needs to be fixed (required)")
      .fill("Cite the 2024 amendment, not the 2019 text.");
    await card(r).getByRole("button", { name: "Mark as needing rework" }).click();
    await card(r).locator(".rv-rework").waitFor();
    await step(r, "Return for rework", "Returned", "Two answers need sources.");

    // Coordinator: sees the flag and its comment, changes the answer, resubmits.
    await openWorkspace(c);
    const banner = card(c).locator(".rv-rework");
    await expect.poll(() => banner.textContent()).toContain("Cite the 2024 amendment, not the 2019 text.");
    await banner.scrollIntoViewIfNeeded();
    await card(c).screenshot({ path: "/tmp/childmark-review-rework-en.png" });

    // Import: the exported workbook, checked as it is, has no problem and changes nothing.
    const workbook = await coordinator.context.request.get(
      `${app.url}/api/assessments/${assessmentId}/export.xlsx?lang=en`,
    );
    expect(workbook.ok()).toBe(true);
    await c.getByRole("button", { name: "Import XLSX" }).click();
    const importDialog = c.getByRole("dialog");
    await importDialog.getByLabel("Workbook (.xlsx)").setInputFiles({
      name: "moldova.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await workbook.body(),
    });
    await importDialog.getByRole("button", { name: "Check the workbook" }).click();
    await expect.poll(() => importDialog.textContent()).toContain("No problem found.");
    expect(await importDialog.textContent()).toMatch(/0 would change/);
    const checkWorkbook = async (buffer: Buffer) => {
      await importDialog.getByLabel("Workbook (.xlsx)").setInputFiles({
        name: "moldova.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer,
      });
      await importDialog.getByRole("button", { name: "Check the workbook" }).click();
    };
    // A value that is not allowed: the report names its row and column; nothing can be applied.
    const other = data.framework.indicators.filter((i) => i.type === "checklist")[1]!.code;
    await checkWorkbook(await editWorkbook(await workbook.body(), other, "maybe"));
    const problem = importDialog.locator("table.rv-report tbody tr");
    await problem.first().waitFor();
    expect(await problem.count()).toBe(1);
    expect(await problem.locator("td").nth(1).textContent()).toContain("G");
    expect(await problem.locator("td").nth(2).textContent()).toBe(other);
    expect(await importDialog.getByRole("button", { name: /^Apply/ }).count()).toBe(0);
    await expectNoSeriousViolations(c, "import dialog");
    await c.screenshot({ path: "/tmp/childmark-review-import-en.png" });
    // A valid change: checked, then applied.
    const otherNow = data.answers.find((x) => x.indicator === other)?.value;
    await checkWorkbook(await editWorkbook(await workbook.body(), other, otherNow === "no" ? "yes" : "no"));
    await importDialog.getByRole("button", { name: "Apply 1 change" }).click();
    await expect
      .poll(() => c.locator(".rv-toolbar .rv-notice").textContent())
      .toContain("1 answer was imported.");
    await expect.poll(() => c.getByRole("dialog").count()).toBe(0);

    await c.getByRole("button", { name: "Import XLSX" }).click();
    // The old workbook now conflicts with what was applied: the report shows the current value.
    await checkWorkbook(await workbook.body());
    const conflict = importDialog.locator("table.rv-report tbody tr", { hasText: other });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("conflict");
    expect(await conflict.locator("td").nth(4).textContent()).toMatch(/\(version 2, by Coordinator MD\)/);
    await c.keyboard.press("Escape");
    await expect.poll(() => c.getByRole("dialog").count()).toBe(0);
    // Focus goes back to the button that opened the dialog.
    expect(await c.evaluate(() => document.activeElement?.textContent)).toBe("Import XLSX");

    const choices = card(c).getByRole("radio");
    const checked = await choices.evaluateAll((inputs) =>
      inputs.findIndex((i) => (i as HTMLInputElement).checked),
    );
    await choices.nth(checked === 0 ? 1 : 0).check();
    await expect
      .poll(() => c.locator(".ws-header").textContent(), { timeout: 10_000 })
      .toMatch(/All changes saved/);
    await step(c, "Submit for review", "Submitted");

    // Reviewer: the change is listed; clear the flag and validate.
    await visit(r, `${app.url}/assessments/${assessmentId}/changes`);
    const row = r.locator("table.rv-changes tbody tr", { hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\d+ → \d+/);
    await expectNoSeriousViolations(r, "changes page");
    await r.screenshot({ path: "/tmp/childmark-review-changes-en.png", fullPage: true });
    await openWorkspace(r);
    await step(r, "Start review", "In review");
    await card(r).getByRole("tab", { name: "Review" }).click();
    await card(r).getByRole("button", { name: "Clear the rework flag" }).click();
    await expect.poll(() => card(r).locator(".rv-rework").count()).toBe(0);
    await step(r, "Validate", "Validated");
    expect(await chip(r).textContent()).toContain("Validated");

    // Signed out, a review page offers to sign in instead of an error.
    const stranger = await app.browser.newPage();
    await visit(stranger, `${app.url}/assessments/${assessmentId}/timeline`);
    await stranger.getByRole("link", { name: "Sign in to see this assessment" }).waitFor();
    await stranger.close();

    // Timeline and progress pages, in English and Arabic.
    await visit(r, `${app.url}/assessments/${assessmentId}/timeline`);
    await r.locator(".rv-timeline__event").first().waitFor();
    expect(await r.locator(".rv-timeline__event").count()).toBe(6);
    await expectNoSeriousViolations(r, "timeline page");
    await r.screenshot({ path: "/tmp/childmark-review-timeline-en.png", fullPage: true });
    await visit(c, `${app.url}/assessments/${assessmentId}/progress`);
    await c.locator(".rv-progress-table").first().waitFor();
    await c.getByLabel("Person").selectOption({ label: "Coordinator MD (coordinator)" });
    await c.locator(".rv-tree input").first().check();
    await c.getByRole("button", { name: /Save assignments of Coordinator MD/ }).click();
    await c.locator(".rv-assignments li").first().waitFor();
    await expectNoSeriousViolations(c, "progress page");
    await c.screenshot({ path: "/tmp/childmark-review-progress-en.png", fullPage: true });
    for (const page of [c, r]) await page.locator("#language").selectOption("ar");
    await expect.poll(() => c.getAttribute("html", "dir")).toBe("rtl");
    await c.screenshot({ path: "/tmp/childmark-review-progress-ar.png", fullPage: true });
    await visit(r, `${app.url}/assessments/${assessmentId}/timeline`);
    await r.locator(".rv-timeline__event").first().waitFor();
    await r.screenshot({ path: "/tmp/childmark-review-timeline-ar.png", fullPage: true });
    await openWorkspace(r);
    await card(r).getByRole("tab").first().click();
    await card(r).screenshot({ path: "/tmp/childmark-review-workspace-ar.png" });
    await r.locator(".ws-header").screenshot({ path: "/tmp/childmark-review-header-ar.png" });
    await expectNoSeriousViolations(r, "workspace in Arabic");

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);
});
