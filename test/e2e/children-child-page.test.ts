import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { loadConsultation } from "../../src/server/children/load-consultation.ts";
import { setConsultationStatus } from "../../src/server/children/save-consultation.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { buildConsultation } from "../support/children-factories.ts";
import { buildUser } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";
import { CHROMIUM } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
let code: string;
let organisationId: string;
let authorId: string;
const problems: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-children-"));
  server = await startServer({ port: 0, dataDir });
  const { db } = server.database;
  organisationId = await buildOrganisation(db, { country: "MD" });
  const author = await buildUser(db);
  authorId = author.id;
  code = (await buildConsultation(db, organisationId, author.id)).code;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu"],
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ar" });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const submissions = async () =>
  (
    await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from consultation_submissions`,
    )
  )[0]!.n;

/** Every button and field of the page at least `min` CSS pixels high (a child's finger). */
async function smallTargets(p: Page, min = 48): Promise<string[]> {
  return p.evaluate(
    (least) =>
      [...document.querySelectorAll("main button, main select, main input, main textarea")]
        // A checkbox is reached by its whole label.
        .map((e) => (e instanceof HTMLInputElement && e.type === "checkbox" ? (e.closest("label") ?? e) : e))
        .filter((e) => {
          const box = e.getBoundingClientRect();
          return box.height > 0 && box.height < least;
        })
        .map(
          (e) =>
            `${e.tagName} "${e.textContent?.trim() ?? ""}" ${Math.round(e.getBoundingClientRect().height)}px`,
        ),
    min,
  );
}

/** The English words of the server's refusals: a child never reads them. */
const SERVER_ENGLISH = /consultation|facilitator|not open|not valid|code;/i;

it("lets a child answer in Arabic on a phone, right to left, and sends the answers once", async () => {
  await page.goto(`${server.url}/c/${code.toLowerCase()}`);
  // The phone speaks Arabic and the consultation has Arabic: the page opens in it.
  await expect.poll(() => page.locator("main").getAttribute("dir")).toBe("rtl");
  await expect.poll(() => page.locator("main").getAttribute("lang")).toBe("ar");
  await page.getByRole("button", { name: "13 to 17" }).click();
  await expectNoSeriousViolations(page, "the child page");
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: join(tmpdir(), "children-consent-ar.png") });
  await page.getByRole("button", { name: "فهمت، لنبدأ" }).click();
  await page.getByRole("button", { name: /نعم/ }).click();
  await page.screenshot({ path: join(tmpdir(), "children-question-ar.png") });
  await expectNoSeriousViolations(page, "the child page");
  expect(await smallTargets(page)).toEqual([]);
  // Nothing runs past the phone's width, right to left.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (let i = 0; i < 5; i++) await page.locator(".ch-nav .ch-primary").click();
  await page.getByText("شكرًا!").waitFor();
  const [row] = await queryRows<{ n: number }>(
    server.database.db,
    sql`select count(*)::int as n from consultation_submissions`,
  );
  expect(row!.n).toBe(1);
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("childmark.children"))),
  ).toEqual([]);
  expect(problems).toEqual([]);
});

it("keeps a child's answers on the phone while offline and sends them when the connection is back", async () => {
  const before = await submissions();
  await page.goto(`${server.url}/c/${code}`);
  await page.getByRole("button", { name: "13 to 17" }).click();
  await page.getByRole("button", { name: "فهمت، لنبدأ" }).click();
  await page.getByRole("button", { name: /لا/ }).first().click();
  await page.context().setOffline(true);
  for (let i = 0; i < 5; i++) await page.locator(".ch-nav .ch-primary").click();
  await page.getByText("إجاباتك محفوظة على هذا الجهاز").waitFor();
  await page.screenshot({ path: join(tmpdir(), "children-offline-ar.png") });
  expect(await page.evaluate(() => localStorage.getItem("childmark.children.outbox"))).toContain(
    '"heard":"no"',
  );
  expect(await submissions()).toBe(before);
  await page.context().setOffline(false);
  // Back online: the page sends what waited, without the child doing anything.
  await page.getByText("شكرًا!").waitFor();
  expect(await submissions()).toBe(before + 1);
  expect(await page.evaluate(() => localStorage.getItem("childmark.children.outbox"))).toBeNull();
});

it("tells the child in Arabic, not in the server's English, when the consultation ended before the answers arrived", async () => {
  const { db } = server.database;
  const built = await buildConsultation(db, organisationId, authorId);
  await page.goto(`${server.url}/c/${built.code}`);
  await page.getByRole("button", { name: "13 to 17" }).click();
  await page.getByRole("button", { name: "فهمت، لنبدأ" }).click();
  await page.getByRole("button", { name: /نعم/ }).click();
  await setConsultationStatus(db, await loadConsultation(db, built.id), "closed", true);
  for (let i = 0; i < 5; i++) await page.locator(".ch-nav .ch-primary").click();
  await page.getByText("لم تُرسل إجاباتك.").waitFor();
  const main = (await page.locator("main").textContent())!;
  expect(main).toContain("انتهت هذه الاستشارة");
  expect(main).not.toMatch(SERVER_ENGLISH);
  await page.screenshot({ path: join(tmpdir(), "children-refused-ar.png") });
  // The refused answers left the device: nothing is retried for ever.
  expect(await page.evaluate(() => localStorage.getItem("childmark.children.outbox"))).toBeNull();
  await expectNoSeriousViolations(page, "the child page's refusal");

  // Coming back with the code of the ended consultation: the same words, in Arabic.
  await page.goto(`${server.url}/c/${built.code}`);
  await page.getByRole("heading", { name: "انتهت هذه الاستشارة. شكرًا لرغبتك في المشاركة!" }).waitFor();
});

it("speaks the child's language for a code that does not exist: Arabic, Romanian from its file, Russian", async () => {
  await page.goto(`${server.url}/c/ZZZZZZ`);
  await page.getByRole("heading", { name: "لم نجد هذا الرمز. اسأل الميسّر." }).waitFor();
  expect(await page.locator("main").getAttribute("dir")).toBe("rtl");
  await page.goto(`${server.url}/c/ZZZZZZ?lang=ro`);
  await page.getByRole("heading", { name: "Nu am găsit acest cod. Întreabă-l pe facilitator." }).waitFor();
  expect(await page.locator("main").getAttribute("lang")).toBe("ro");
  await page.goto(`${server.url}/c/ZZZZZZ?lang=ru`);
  await page.getByRole("heading", { name: "Мы не нашли этот код. Спроси ведущего." }).waitFor();
  // The server itself says why, as a word the page turns into the child's language.
  const refusal = await page.request.get(`${server.url}/api/children/join/ZZZZZZ`);
  expect(refusal.status()).toBe(404);
  expect(await refusal.json()).toMatchObject({ reason: "unknown-code" });
  expect(problems).toEqual([]);
});
