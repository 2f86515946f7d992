import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { wavBytes } from "../support/children-factories.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The children's module from end to end, in one server and one Chromium: a coordinator designs a
 * consultation in the designer (English and Arabic, two age bands with their own wording, a
 * smiley scale, pick-several with pictures, a link to article 12, a recording), opens it and hands
 * out a shared-tablet code; three children answer on a 390 px phone (one in Arabic, one of the
 * younger band using the pictures and the smileys), the tablet forgetting each child's answers
 * once sent; answers collected with Kobo are imported; the consultation is closed and the
 * coalition's page shows the aggregate, every group under the threshold left out.
 */

let app: DemoAdminPage;
let page: Page;
const problems: string[] = [];
const shots = (name: string) => join(tmpdir(), `children-journey-${name}.png`);

beforeAll(async () => {
  // The designer's one deliberate mistake is refused with a 400, which Chromium logs once.
  let refusals = 0;
  app = await openDemoAdminPage("children-journey", problems, {
    timeout: 20_000,
    expected: (text) => text.includes("status of 400") && ++refusals === 1,
  });
  page = app.page;
}, 300_000);
afterAll(async () => {
  await app?.close();
});

const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(
      app.server.database.db,
      sql`select count(*)::int as n from ${sql.raw(table)}`,
    )
  )[0]!.n;

it("designs a consultation, three children answer on a phone, Kobo answers join, and the aggregate shows them", async () => {
  const { url } = app.server;
  const submissionsBefore = await count("consultation_submissions");

  // The coordinator designs the consultation.
  await page.goto(`${url}/children`);
  await page.getByRole("link", { name: "Design a new consultation" }).click();
  await page.getByRole("heading", { name: "Design a consultation" }).waitFor();
  const organisation = page.getByLabel("Organisation");
  await organisation.selectOption(
    (await organisation.locator("option", { hasText: "APSCF" }).getAttribute("value"))!,
  );
  await page.getByRole("checkbox", { name: "العربية" }).check();
  await page.getByLabel("Title (English)").fill("Being heard at school");
  await page.getByLabel("Title (العربية)").fill("أن يُسمع صوتك في المدرسة");
  await page
    .getByLabel("Consent text shown to children before the first question (العربية)")
    .fill("لا يجب عليك الإجابة. يمكنك التوقف في أي وقت.");
  const q1 = page.getByRole("group", { name: "Question 1" });
  await q1.getByLabel("Code").fill("heard");
  await q1.getByLabel("Wording for every age band (English)").fill("Do adults at school listen to you?");
  await q1.getByLabel("Wording for every age band (العربية)").fill("هل يستمع إليك الكبار في المدرسة؟");
  await q1.getByText("Age-appropriate wordings").click();
  await q1.getByLabel("Wording for ages 8-12 (English)").fill("Do your teachers listen to you?");
  await q1.getByRole("button", { name: "Add a link" }).click();
  await q1.getByLabel("Kind of link").selectOption("article");
  await q1.getByLabel("Reference").fill("12");

  await page.getByRole("button", { name: "Add a question" }).click();
  const q2 = page.getByRole("group", { name: "Question 2" });
  await q2.getByLabel("Code").fill("safe");
  await q2.getByLabel("Answer type").selectOption("smiley-5");
  await q2.getByLabel("Wording for every age band (English)").fill("How safe do you feel at school?");
  await q2.getByLabel("Wording for every age band (العربية)").fill("ما مدى شعورك بالأمان في المدرسة؟");

  await page.getByRole("button", { name: "Add a question" }).click();
  const q3 = page.getByRole("group", { name: "Question 3" });
  await q3.getByLabel("Code").fill("help");
  await q3.getByLabel("Answer type").selectOption("multiple");
  await q3.getByLabel("Wording for every age band (English)").fill("Who helps you?");
  await q3.getByLabel("Wording for every age band (العربية)").fill("من يساعدك؟");
  const choices = [
    ["family", "👪", "My family", "عائلتي"],
    ["teacher", "🧑‍🏫", "A teacher", "معلم"],
  ];
  for (const [k, [value, picture, en, ar]] of choices.entries()) {
    const option = q3.locator(".cd-option").nth(k);
    await option.getByLabel("Value").fill(value!);
    await option.getByLabel("Picture (emoji)").fill(picture!);
    await option.getByLabel(`Choice ${k + 1} (English)`).fill(en!);
    await option.getByLabel(`Choice ${k + 1} (العربية)`).fill(ar!);
  }

  // A mistake is refused with a message naming what to fix, nothing created.
  await q3.locator(".cd-option").nth(1).getByLabel("Value").fill("family");
  await page.getByRole("button", { name: "Create the consultation" }).click();
  await expect.poll(() => page.getByRole("alert").textContent()).toContain("option values must differ");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("designer-390"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shots("designer-en"), fullPage: true });
  await q3.locator(".cd-option").nth(1).getByLabel("Value").fill("teacher");
  await expectNoSeriousViolations(page, "the consultation designer");
  await page.getByRole("button", { name: "Create the consultation" }).click();
  await page.getByRole("heading", { name: "Being heard at school" }).waitFor();
  const consultationUrl = page.url();
  const id = consultationUrl.split("/").pop()!;

  // A recording for the first question, uploaded in the designer of the draft.
  await page.getByRole("link", { name: "Edit the questions" }).click();
  await page.getByRole("heading", { name: "Edit the questions" }).waitFor();
  await page
    .getByRole("group", { name: "Question 1" })
    .getByLabel(/Upload a recording/)
    .setInputFiles({ name: "heard.wav", mimeType: "audio/wav", buffer: wavBytes(300) });
  await page.getByRole("group", { name: "Question 1" }).locator("audio").waitFor();
  await page.getByRole("button", { name: "Save the questions" }).click();
  await page.getByRole("heading", { name: "Being heard at school" }).waitFor();

  // Open, and a code for a shared tablet.
  await page.getByRole("button", { name: "Open to children" }).click();
  await page.getByRole("button", { name: "Close and publish the aggregate results" }).waitFor();
  await page.getByRole("button", { name: "New session code (shared tablet)" }).click();
  const code = (await page.locator(".ch-code").first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);

  // Three children on one shared tablet at phone width.
  const tablet = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-GB" });
  tablet.setDefaultTimeout(20_000);
  const child = await tablet.newPage();
  child.on("pageerror", (e) => problems.push(e.message));
  await child.goto(`${url}/c/${code}`);

  const pressNext = () => child.locator(".ch-nav .ch-primary").click();
  const drafts = () =>
    child.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("childmark.children.draft")));

  // Child 1, English, 13 to 17: listens to the first question, answers yes, 4, family.
  await child.getByRole("button", { name: "13 to 17" }).click();
  await child.getByRole("button", { name: "I understand, let's start" }).click();
  await child.getByRole("heading", { name: "Do adults at school listen to you?" }).waitFor();
  const listen = child.getByRole("button", { name: "Listen" });
  const box = (await listen.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(48);
  const audio = await child.request.get(`${url}/api/children/join/${code}/audio/${await audioIdOf(id)}`);
  expect(audio.headers()["content-type"]).toBe("audio/wav");
  await listen.click();
  await child.screenshot({ path: shots("child-listen-390") });
  await child.getByRole("button", { name: "Yes" }).click();
  await pressNext();
  await child.getByRole("button", { name: "Good", exact: true }).click();
  await pressNext();
  await child.getByRole("button", { name: /My family/ }).click();
  await pressNext();
  await child.getByText(/Thank you!/).waitFor();
  expect(await drafts()).toEqual([]);
  await child.getByRole("button", { name: "Next child" }).click();

  // Child 2, in Arabic: the page turns right to left.
  await child.getByLabel("Language").selectOption("ar");
  await expect.poll(() => child.locator("main").getAttribute("dir")).toBe("rtl");
  // The tablet forgot the first child: no age band is chosen.
  expect(await child.locator(".ch-choice[aria-pressed=true]").count()).toBe(0);
  await child.getByRole("button", { name: "13 to 17" }).click();
  await child.getByRole("button", { name: "فهمت، لنبدأ" }).click();
  await child.getByRole("heading", { name: "هل يستمع إليك الكبار في المدرسة؟" }).waitFor();
  await child.getByRole("button", { name: /نعم/ }).click();
  await pressNext();
  await child.getByRole("button", { name: "جيد جدًا" }).click();
  await pressNext();
  await child.getByRole("heading", { name: "من يساعدك؟" }).waitFor();
  await child.getByRole("button", { name: /معلم/ }).click();
  await child.screenshot({ path: shots("child-ar-390") });
  await expectNoSeriousViolations(child, "the child's page in Arabic");
  await pressNext();
  await child.getByText(/شكرًا!/).waitFor();
  expect(await drafts()).toEqual([]);
  await child.locator(".ch-primary").click();

  // Child 3, 8 to 12: the facilitator confirms consent; the younger wording; smileys and pictures.
  await child.locator(".ch-lang select").selectOption("en");
  await expect.poll(() => child.locator("main").getAttribute("dir")).toBe("ltr");
  await child.getByRole("button", { name: "8 to 12" }).click();
  const start = child.getByRole("button", { name: "I understand, let's start" });
  expect(await start.isDisabled()).toBe(true);
  await child.getByLabel(/I confirm that the guardians/).check();
  await start.click();
  await child.getByRole("heading", { name: "Do your teachers listen to you?" }).waitFor();
  await child.getByRole("button", { name: "Not sure" }).click();
  await pressNext();
  await child.getByRole("button", { name: "Very bad" }).click();
  await child.screenshot({ path: shots("child-smiley-390") });
  await pressNext();
  await child.getByRole("button", { name: /My family/ }).click();
  await child.getByRole("button", { name: /A teacher/ }).click();
  expect(await child.locator(".ch-choice[aria-pressed=true]").count()).toBe(2);
  await child.screenshot({ path: shots("child-pictures-390") });
  await pressNext();
  await child.getByText(/Thank you!/).waitFor();
  expect(await drafts()).toEqual([]);
  await child.getByRole("button", { name: "Next child" }).click();
  await child.getByRole("button", { name: "8 to 12" }).waitFor();
  // The next child starts from nothing: whatever the page keeps holds no answer and no age band.
  const kept = await child.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith("childmark.children"))
      .map(([, v]) => JSON.parse(v) as { answers?: object; ageBand?: string }),
  );
  expect(kept.every((d) => Object.keys(d.answers ?? {}).length === 0 && !d.ageBand)).toBe(true);
  await tablet.close();
  expect(await count("consultation_submissions")).toBe(submissionsBefore + 3);

  // Three children are fewer than the threshold: the coalition sees no result yet.
  await page.goto(consultationUrl);
  await page.getByRole("heading", { name: "Results (aggregate only)" }).waitFor();
  await expect.poll(() => page.locator("main").textContent()).toContain("Fewer than 10 children: not shown");

  // Seven more children answered on paper in Kobo; a personal column is dropped.
  const header = "_uuid;child_name;age_band;heard;safe;help";
  const rows = Array.from({ length: 7 }, (_, i) => `k-${i};Canary Name ${i};13-17;yes;${(i % 5) + 1};family`);
  await page.getByLabel("Kobo export (CSV or XLSX)").setInputFiles({
    name: "kobo.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([header, ...rows].join("\n")),
  });
  await page.getByRole("button", { name: "Read the file and check its columns" }).click();
  await page.getByText("7 rows ready to import").waitFor();
  await page.getByLabel("Country where the children answered").fill("MD");
  await page.getByRole("button", { name: "Import 7 children's answers" }).click();
  await page.getByText("7 children's answers imported; 0 already there.").waitFor();
  await page.getByText("child_name").waitFor();

  // Close; the aggregate shows the ten children, the three from the phone among them.
  await page.getByRole("button", { name: "Close and publish the aggregate results" }).click();
  await page.getByRole("button", { name: "Open to children" }).waitFor();
  const heard = page.locator(".ch-result").filter({ hasText: "Do adults at school listen to you?" });
  await heard.getByText("10 children").first().waitFor();
  // 7 from Kobo and 2 from the phone said yes; the third child was not sure.
  await expect.poll(() => heard.locator("tbody tr").first().textContent()).toContain("Yes 9");
  await expect.poll(() => heard.textContent()).toContain("Not sure 1");
  // Smileys: 4 or 5 agree (Kobo's 4 and 5, the first two children's 4 and 5): 4 of 10.
  const safe = page.locator(".ch-result").filter({ hasText: "How safe do you feel at school?" });
  await expect.poll(() => safe.locator("tbody tr").first().textContent()).toContain("40 %");
  await expect.poll(() => safe.locator("tbody tr").first().textContent()).toContain("😢 1 3");
  // The age band 8-12 has one child: hidden, with what protects it.
  await expect.poll(() => heard.textContent()).toContain("Other groups hidden");
  await page.screenshot({ path: shots("coalition-results-en"), fullPage: true });

  // The same page in Arabic, right to left.
  await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
  await page.reload();
  await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.getByRole("heading", { name: "النتائج (مجمّعة فقط)" }).waitFor();
  await page.screenshot({ path: shots("coalition-results-ar"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("coalition-results-ar-390"), fullPage: true });

  const dump = JSON.stringify(
    await queryRows(
      app.server.database.db,
      sql`select s.*, a.* from consultation_submissions s join consultation_answers a on a.submission_id = s.id
          where s.consultation_id = ${id}`,
    ),
  );
  expect(dump).not.toContain("Canary Name");
  const events = await queryRows<{ action: string }>(
    app.server.database.db,
    sql`select action from audit_events where target_id = ${id} order by id`,
  );
  expect(events.map((e) => e.action)).toEqual([
    "children.consultation-opened",
    "children.results-imported",
    "children.consultation-closed",
  ]);
  expect(problems).toEqual([]);
}, 300_000);

async function audioIdOf(consultationId: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    app.server.database.db,
    sql`select id from consultation_audio where consultation_id = ${consultationId}`,
  );
  return row!.id;
}
