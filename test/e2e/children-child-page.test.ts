import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
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
const problems: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "childmark-e2e-children-"));
  server = await startServer({ port: 0, dataDir });
  const { db } = server.database;
  const organisationId = await buildOrganisation(db, { country: "MD" });
  const author = await buildUser(db);
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

it("lets a child answer in Arabic on a phone, right to left, and sends the answers once", async () => {
  await page.goto(`${server.url}/c/${code.toLowerCase()}`);
  await page.getByLabel(/Language/).selectOption("ar");
  await expect.poll(() => page.locator("main").getAttribute("dir")).toBe("rtl");
  await page.getByRole("button", { name: "13 to 17" }).click();
  await expectNoSeriousViolations(page, "the child page");
  await page.screenshot({ path: join(tmpdir(), "children-consent-ar.png") });
  await page.getByRole("button", { name: "فهمت، لنبدأ" }).click();
  await page.getByRole("button", { name: /نعم/ }).click();
  await page.screenshot({ path: join(tmpdir(), "children-question-ar.png") });
  await expectNoSeriousViolations(page, "the child page");
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
