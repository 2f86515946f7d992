import { afterAll, beforeAll, expect, it } from "vitest";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * Public investment in children, as a coalition uses it: import budget lines (a bad file first,
 * refused row by row), tag a line with a UNCRC article and an area of the index, publish, and see
 * the figures and the linked line on the portal's country profile. One server, one Chromium.
 */

const BAD = ["country,fiscal_year,name,sector,currency,allocated", "AM,2026/27,x,education,AMD,5"].join("\n");
const GOOD = [
  "Country,Fiscal year,Name,Name (English),Ministry,Sector,Currency,Approved,Executed,Source document,Page",
  "AM,2026,Երեխաների պաշտպանություն,Protection of children from violence,Ministry of Labour,child-protection,AMD,9000000000,,Budget law 2026,41",
  "AM,2026,Դպրոցներ,School meals,Ministry of Education,education,AMD,5000000000,5200000000,Budget law 2026,12",
].join("\n");

let app: DemoAdminPage;
const problems: string[] = [];

beforeAll(async () => {
  app = await openDemoAdminPage("budgets", problems, { timeout: 20_000 });
}, 240_000);
afterAll(async () => {
  await app?.close();
});

it("imports budget lines, tags one, publishes, and shows it on the country profile", async () => {
  const { page, server } = app;
  await page.goto(`${server.url}/budgets`);
  await page.getByRole("heading", { name: "Public investment in children" }).waitFor();
  for (const country of ["Armenia", "Georgia", "Moldova"]) {
    await page.getByRole("link", { name: country, exact: true }).first().waitFor();
  }

  // A file with a problem: named by row, nothing imported.
  const file = page.locator('input[name="file"]');
  await file.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(BAD) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByText("does not match the country's budget calendar: write it like 2024").waitFor();
  await expect(page.getByRole("button", { name: "Import", exact: true }).count()).resolves.toBe(0);

  await file.setInputFiles({ name: "armenia-2026.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByText("2 new, 0 changed, 0 unchanged.").waitFor();
  await page.getByText(/Executed \(5\D?200\D?000\D?000\) is above allocated/).waitFor();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByText("Imported: 2 new, 0 changed.").waitFor();

  // Tag the new line with article 19 and the index's area "art19".
  await page.goto(`${server.url}/budgets/countries/AM`);
  await page.getByRole("heading", { name: "Budget lines" }).waitFor();
  const row = page.getByRole("row", { name: /Protection of children from violence/ });
  await row.getByRole("button", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: "Edit" });
  await form.getByLabel("UNCRC articles (comma-separated)").fill("19");
  await form.getByLabel("Index sections or areas (codes, comma-separated)").fill("art19");
  await form.getByRole("button", { name: "Save" }).click();
  await page.getByRole("row", { name: /Protection of children from violence.*art\. 19, art19/ }).waitFor();
  await page.getByText("Executed above allocated").waitFor();

  // Charts over the years, each with its numbers as a table; the basis changes the amounts and shows its formula.
  const charts = page.locator(".bg-chart svg[role=img]");
  expect(await charts.count()).toBeGreaterThanOrEqual(4);
  await page.getByLabel("Amounts in").selectOption("usd");
  await page.getByTestId("basis-formula").getByText("amount ÷ exchange rate of the year").waitFor();
  await page.getByLabel("Amounts in").selectOption("constant");
  await page
    .getByTestId("basis-formula")
    .getByText(/Constant prices of 20\d\d: amount × \(price index/)
    .waitFor();
  await page.screenshot({ path: "/tmp/childmark-e2e-budgets-constant.png", fullPage: true });
  await page.getByLabel("Amounts in").selectOption("current");

  // Not validated, not publishable: 2026 is a draft; submitted, then validated, it is.
  const review = page.locator("section", { has: page.getByRole("heading", { name: "Review" }) });
  await review.getByRole("row", { name: /^2026 Draft/ }).waitFor();
  await review.getByRole("row", { name: /^2025 Submitted/ }).waitFor();
  await review.getByRole("button", { name: "Submit for review 2026" }).click();
  await review.getByRole("button", { name: "Validate 2026" }).click();
  await review.getByRole("row", { name: /^2026 Validated/ }).waitFor();

  // Publish, then the portal's country profile shows the figures and the linked line.
  await page.getByLabel("What this publication is").fill("State budget 2021–2026");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByText("Published as version 1.").waitFor();
  await page.screenshot({ path: "/tmp/childmark-e2e-budgets-country.png", fullPage: true });

  const releases = (await (await page.request.get(`${server.url}/api/public/releases`)).json()) as {
    slug: string;
    countries?: string[];
  }[];
  const slug = releases.map((r) => r.slug).find((s) => s.includes("2025")) ?? releases[0]!.slug;
  await page.goto(`${server.url}/portal/${slug}/en/countries/am/`);
  const section = page.locator("#public-investment");
  await section.getByRole("heading", { name: "Public investment in children in Armenia" }).waitFor();
  await expect(section.getByRole("row", { name: /^2026/ }).count()).resolves.toBe(1);
  await section.getByText(/Article 19.*score .*9,000,000,000 AMD allocated/).waitFor();
  // The submitted year (2025) is not published.
  await expect(section.getByRole("row", { name: /^2025/ }).count()).resolves.toBe(0);
  // The basis is chosen without a script; its formula and charts follow.
  await section.getByRole("radio", { name: /US dollars/ }).check();
  await section.getByText("US dollars: amount ÷ exchange rate of the year").waitFor();
  expect(await section.locator(".budget-basis--usd svg[role=img]:visible").count()).toBe(2);
  await section.getByRole("radio", { name: /local currency, current prices/ }).check();
  await section.screenshot({ path: "/tmp/childmark-e2e-budgets-portal.png" });

  // The indicator page shows the investment linked to its area beside the score.
  await page.goto(`${server.url}/portal/${slug}/en/indicators/a19.01/`);
  const linked = page.locator("#public-investment");
  await linked.getByRole("heading", { name: "Public investment linked to this indicator" }).waitFor();
  await linked
    .getByRole("row", { name: /Armenia.*2026.*9,000,000,000 AMD.*Protection of children from violence/ })
    .waitFor();
  await linked.screenshot({ path: "/tmp/childmark-e2e-budgets-indicator.png" });

  // Arabic at phone width: no sideways scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
  await page.goto(`${server.url}/budgets/countries/AM`);
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  await page.getByRole("heading", { name: "أرمينيا" }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "/tmp/childmark-e2e-budgets-ar-390.png", fullPage: true });
  expect(problems).toEqual([]);
}, 240_000);
