import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CountryOut, FrameworkSummaryOut, ScoreRowOut } from "../../src/server/api-schemas/index.ts";
import {
  type AppUnderTest,
  canRunBrowser,
  pageProblems,
  startAppUnderTest,
  waitUntilLoaded,
} from "./app-under-test.ts";

/*
 * The journey a newcomer makes after `npm start`: the overview, a framework's
 * ranking, a country, the framework's structure, and the switch to French.
 * Numbers on screen are checked against the API, which the browser also uses.
 */
describe.skipIf(!canRunBrowser)("web app journey (Chromium)", () => {
  let app: AppUnderTest;
  let cpi: FrameworkSummaryOut;
  let countries: Map<string, CountryOut>;

  beforeAll(async () => {
    app = await startAppUnderTest();
    const frameworks = await app.getJson<FrameworkSummaryOut[]>("/api/frameworks");
    const found = frameworks.find((f) => f.code === "cpi-demo");
    if (!found) throw new Error("the demo did not load the cpi-demo framework");
    cpi = found;
    const list = await app.getJson<CountryOut[]>("/api/countries");
    countries = new Map(list.map((c) => [c.code, c]));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("goes from the overview to the ranking, a country, the structure and French", async () => {
    const page = await app.newPage();

    await page.goto(app.url);
    await waitUntilLoaded(page);
    expect(await page.locator("main h1").textContent()).toBe("Frameworks and scores");
    expect(await page.locator(".demo-banner").textContent()).toContain("Illustrative values, not findings");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.screenshot({ path: "/tmp/childmark-e2e-overview.png", fullPage: true });

    // Overview → scores of the latest cycle.
    await page
      .locator(".framework-card", { hasText: cpi.title.en! })
      .getByRole("link", { name: "View scores" })
      .click();
    await waitUntilLoaded(page);
    const period = new URL(page.url()).searchParams.get("cycle");
    expect(period).toBe("2025");
    const ranking = page.getByRole("table", { name: /Overall score by country/ });
    const rows = ranking.locator("tbody tr");
    // A visitor sees the published 2025 release: nine countries, Moldova's draft is not among them.
    expect(await rows.count()).toBe(9);
    expect(await page.locator(".score-source").textContent()).toContain("Published figures only");

    const api = await app.getJson<ScoreRowOut[]>(
      `/api/frameworks/${cpi.id}/scores?period=${period}&node=cpi`,
    );
    const expected = api
      .filter((r) => r.kind === "node")
      .sort((a, b) => a.rank! - b.rank!)
      .map((r) => [String(r.rank), countries.get(r.country)!.name.en, r.score!.toFixed(1)]);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector("td")!.textContent!.trim(),
        tr.querySelector("th a")!.textContent!.trim(),
        tr.querySelector(".score-cell__value")!.textContent!.trim(),
      ]),
    );
    expect(shown).toEqual(expected);
    expect(await page.locator(".demo-banner").count()).toBe(1);

    // Sorting by country puts the names in alphabetical order; aria-sort says so.
    await ranking.getByRole("button", { name: "Country" }).click();
    const names = await rows.locator("th a").allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(await ranking.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");

    // The section and dimension tables write every score in the cell.
    const sections = page.getByRole("table", { name: /Score by country and section/ });
    expect(await sections.locator("tbody tr").count()).toBe(9);
    const dimensions = page.getByRole("table", { name: /dimension of government action/ });
    expect(await dimensions.locator("thead th").count()).toBe(1 + 5);
    expect(await dimensions.locator("td.heat").first().textContent()).toMatch(/^\d+\.\d$/);
    await page.screenshot({ path: "/tmp/childmark-e2e-scores.png", fullPage: true });

    // Ranking → the first country's page; its headline score is the API's.
    const top = api.find((r) => r.rank === 1)!;
    await page
      .getByRole("link", { name: countries.get(top.country)!.name.en, exact: true })
      .first()
      .click();
    await waitUntilLoaded(page);
    expect(new URL(page.url()).pathname).toBe(`/frameworks/${cpi.id}/countries/${top.country}`);
    expect(await page.locator("main h1").textContent()).toBe(countries.get(top.country)!.name.en);
    expect(await page.locator(".summary__score").textContent()).toContain(top.score!.toFixed(1));
    const byCycle = page.getByRole("table", { name: /Score of each part of the framework/ });
    expect(await byCycle.locator("thead th").allTextContents()).toEqual(
      expect.arrayContaining(["2023 (demo data)", "2025 (demo data)"]),
    );
    await page.screenshot({ path: "/tmp/childmark-e2e-country.png", fullPage: true });

    // Switch to French: interface words, framework labels and the lang attribute follow.
    await page.getByLabel("Language").selectOption("fr");
    await page.waitForFunction(() => document.documentElement.lang === "fr");
    expect(await page.locator("#cycles-heading").textContent()).toBe("Scores par cycle");
    const parTableau = page.getByRole("table", { name: /Score de chaque partie du cadre/ });
    expect(await parTableau.locator("tbody th").allTextContents()).toContain("Vulnérabilité des enfants");
    expect(await page.locator(".summary__score").textContent()).toContain(
      top.score!.toFixed(1).replace(".", ","),
    );

    // Structure, still in French, with guidance folded away until asked for.
    await page
      .getByRole("navigation", { name: "Fil d'Ariane" })
      .getByRole("link", { name: cpi.title.fr! })
      .click();
    await waitUntilLoaded(page);
    await page.getByRole("link", { name: "Structure" }).click();
    await waitUntilLoaded(page);
    expect(await page.locator("main h2").first().textContent()).toContain("Vulnérabilité des enfants");
    await page.getByRole("button", { name: "Tout déplier" }).click();
    expect(await page.locator("details.node:not([open])").count()).toBe(0);
    await page.screenshot({ path: "/tmp/childmark-e2e-structure-fr.png" });

    expect(pageProblems(page)).toEqual([]);
  });

  it("is built to be read with assistive technology", async () => {
    const page = await app.newPage();
    await page.goto(new URL(`/frameworks/${cpi.id}`, app.url).href);
    await waitUntilLoaded(page);
    // Skip link first in tab order, pointing at the main landmark.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#main");
    expect(await page.locator("main#main").count()).toBe(1);
    // Every data table has a caption and scoped headers.
    const tables = await page.locator("table").evaluateAll((all) =>
      all.map((t) => ({
        caption: t.querySelector("caption")?.textContent?.trim() ?? "",
        unscoped: t.querySelectorAll("th:not([scope])").length,
      })),
    );
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      expect(table.caption).not.toBe("");
      expect(table.unscoped).toBe(0);
    }
  });

  it("shows a page, not a blank screen, for an unknown address or framework", async () => {
    const page = await app.newPage();
    await page.goto(new URL("/no/such/page", app.url).href);
    await waitUntilLoaded(page);
    expect(await page.locator("main h1").textContent()).toBe("Page not found");
    await page.goto(new URL("/frameworks/00000000-0000-4000-8000-000000000000", app.url).href);
    await page.waitForSelector("[role=alert]");
    expect(await page.locator("[role=alert]").textContent()).toContain("404");
  });
});
