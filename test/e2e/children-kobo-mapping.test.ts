import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConsultation } from "../../src/server/children/load-consultation.ts";
import { createConsultation, setConsultationStatus } from "../../src/server/children/save-consultation.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { organisations, users } from "../../src/server/db/schema.ts";
import { DEMO_CONSULTATION } from "../../src/server/demo/demo-consultation.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The Kobo import's column-mapping step: an export whose bullying answers sit in a column named
 * after the paper form ("Q2") is read; the step shows every column with its question, a few values
 * and Kobo's own columns apart; a wrong choice shows how many rows would be refused and why (the
 * import button stays disabled); the right choice imports, and the counts are those of the file.
 * Then Arabic, right to left: the same file again is recognised, nothing stored twice.
 */

let app: DemoAdminPage;
let page: Page;
let id: string;
const problems: string[] = [];
const shots = (name: string) => join(tmpdir(), `children-kobo-${name}.png`);

beforeAll(async () => {
  // The wrong mapping is not refused by the server (the preview answers 200), so no console error.
  app = await openDemoAdminPage("children-kobo", problems, { timeout: 20_000 });
  page = app.page;
  const { db } = app.server.database;
  const [network] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, "regional"));
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, app.server.demoLogin!.email));
  id = await createConsultation(
    db,
    {
      organisationId: network!.id,
      definition: { ...DEMO_CONSULTATION, title: { en: "Kobo mapping", ar: "ربط أعمدة Kobo" } },
    },
    admin!.id,
  );
  await setConsultationStatus(db, await loadConsultation(db, id), "open");
}, 300_000);
afterAll(async () => {
  await app?.close();
});

/** Twelve children: ten aged 13-17, two aged 8-12 (whose guardians' consent the facilitators confirm). */
const header = "start;_uuid;pupil_name;age_band;gender;helpline;Q2;_submission_time";
const rows = Array.from(
  { length: 12 },
  (_, i) =>
    `2026-10-0${(i % 9) + 1}T10:00:00;kobo-${i};Canary Pupil ${i};${i < 10 ? "13-17" : "8-12"};${i % 2 ? "boy" : "girl"};${i % 3 ? "yes" : "no"};${(i % 5) + 1};2026-10-05T10:00:00`,
);
const file = {
  name: "school-survey.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(`${[header, ...rows].join("\n")}\n`),
};
const kobo = async () =>
  (
    await queryRows<{ n: number }>(
      app.server.database.db,
      sql`select count(*)::int as n from consultation_submissions where consultation_id = ${id} and source = 'kobo'`,
    )
  )[0]!.n;

it("maps a column the matching missed, shows what a wrong choice would refuse, imports with the mapping", async () => {
  await page.goto(`${app.server.url}/children/consultations/${id}`);
  const section = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Answers collected with KoboToolbox" }) });
  await section.getByLabel("Kobo export (CSV or XLSX)").setInputFiles(file);
  await section.getByRole("button", { name: "Read the file and check its columns" }).click();

  // The automatic matching: helpline, age band and gender found; Q2 and the name not imported.
  const table = section.locator("table");
  await table.waitFor();
  const rowOf = (column: string) =>
    table.locator("tbody tr").filter({ has: page.locator("th", { hasText: new RegExp(`^${column}$`) }) });
  await expect
    .poll(() => section.locator(".cd-kobo-counts").textContent())
    .toContain("12 rows ready to import");
  await expect.poll(() => section.locator(".cd-kobo-counts").textContent()).toContain("No row refused");
  const q2 = section.getByLabel("Imported as, for column Q2");
  expect(await q2.inputValue()).toBe("");
  expect(await section.getByLabel("Imported as, for column helpline").inputValue()).toBe("helpline");
  expect(await section.getByLabel("Imported as, for column age_band").inputValue()).toBe("age_band");
  expect(await section.getByLabel("Imported as, for column pupil_name").inputValue()).toBe("");
  expect(await rowOf("Q2").textContent()).toContain("Not stored (it may hold personal data)");
  expect(await rowOf("helpline").textContent()).toContain("Matched automatically");
  expect(await rowOf("Q2").locator("code").allTextContents()).toEqual(["Q2", "1", "2", "3"]);
  // Kobo's own columns are listed apart, their values never shown.
  await expect.poll(() => section.textContent()).toContain("3 columns of Kobo's own are never imported");
  expect(await table.textContent()).not.toContain("kobo-0");

  // A wrong choice: Q2's 1-5 are not yes/no answers; every row would be refused, the button stays off.
  await q2.selectOption("teacher");
  await expect
    .poll(() => section.locator(".cd-kobo-counts").textContent())
    .toContain("12 rows would be refused");
  await expect
    .poll(() => section.locator(".cd-kobo-counts").textContent())
    .toContain("0 rows ready to import");
  const refusal = section.getByRole("alert");
  await expect.poll(() => refusal.textContent()).toContain("Column Q2, 12 rows: answer yes, no or not-sure.");
  await expect.poll(() => refusal.locator("code").allTextContents()).toEqual(["1", "2", "3"]);
  expect(await section.getByRole("button", { name: /^Import/ }).isDisabled()).toBe(true);
  await page.screenshot({ path: shots("refused-en"), fullPage: true });
  await expectNoSeriousViolations(page, "the Kobo mapping step");

  // The right question: nothing refused; two rows need the guardians' consent confirmed.
  await q2.selectOption("bullying");
  await expect.poll(() => section.locator(".cd-kobo-counts").textContent()).toContain("No row refused");
  await expect
    .poll(() => section.locator(".cd-kobo-counts").textContent())
    .toContain("12 rows ready to import");
  expect(await rowOf("Q2").textContent()).toContain("Chosen by you");
  const importButton = section.getByRole("button", { name: "Import 12 children's answers" });
  expect(await importButton.isDisabled()).toBe(true);
  await section.getByLabel(/2 rows are of an age band that needs guardians' consent/).check();
  await section.getByLabel("Country where the children answered").fill("GE");
  await page.screenshot({ path: shots("mapped-en"), fullPage: true });
  expect(await kobo()).toBe(0);
  await importButton.click();
  await section.getByText("12 children's answers imported; 0 already there.").waitFor();
  await expect.poll(() => section.locator(".cd-report").textContent()).toContain("pupil_name");
  expect(await kobo()).toBe(12);

  // The bullying answers were read from Q2: the stored smileys are those of the file.
  const bullying = await queryRows<{ value: string; n: number }>(
    app.server.database.db,
    sql`select a.value::text as value, count(*)::int as n from consultation_answers a
          join consultation_submissions s on s.id = a.submission_id
         where s.consultation_id = ${id} and a.question_code = 'bullying' group by 1 order by 1`,
  );
  expect(bullying.map((b) => b.n).reduce((a, b) => a + b, 0)).toBe(12);
  const dump = JSON.stringify(
    await queryRows(
      app.server.database.db,
      sql`select s.*, a.* from consultation_submissions s join consultation_answers a on a.submission_id = s.id
          where s.consultation_id = ${id}`,
    ),
  );
  expect(dump).not.toContain("Canary Pupil");
  expect(dump).not.toContain("kobo-0");

  // Arabic, right to left: the same file again, mapped the same way, is recognised; nothing stored twice.
  await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
  await page.reload();
  await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
  const ar = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "إجابات جُمعت باستخدام KoboToolbox" }) });
  await ar.getByLabel("ملف Kobo المُصدَّر (CSV أو XLSX)").setInputFiles(file);
  await ar.getByRole("button", { name: "قراءة الملف والتحقق من أعمدته" }).click();
  await ar.locator("table").waitFor();
  await ar.getByLabel("يُستورد بوصفه، للعمود Q2").selectOption("bullying");
  await expect.poll(() => ar.locator(".cd-kobo-counts").textContent()).toMatch(/(12|١٢) صفًا جاهزًا للاستيراد/);
  await expect.poll(() => ar.locator(".cd-kobo-counts").textContent()).toContain("لن يُرفض أي صف");
  await ar.getByLabel(/صفان من فئة عمرية/).check();
  await page.screenshot({ path: shots("mapped-ar"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("mapped-ar-390"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await ar.getByRole("button", { name: /^استيراد إجابات (12|١٢) طفلًا$/ }).click();
  await ar.getByRole("status").waitFor();
  await expect.poll(() => ar.getByRole("status").textContent()).toMatch(/(12|١٢) موجودة من قبل/);
  expect(await kobo()).toBe(12);
  expect(problems).toEqual([]);
}, 300_000);
