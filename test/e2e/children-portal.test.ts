import { mkdirSync } from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationDefinition } from "../../src/core/index.ts";
import { readResults } from "../../src/server/children/read-results.ts";
import { assessments, consultationSessions, consultations, cycles } from "../../src/server/db/schema.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The demo's published children's consultation beside the experts' assessment: on the portal's
 * indicator page and country profile (en and ar, axe, 390 px), in the workspace next to the
 * linked indicator, and the child-friendly results page the coalition shares with the children.
 * Figures are compared with the server's own aggregation of the demo's answers.
 */

const SHOTS = "/tmp/childmark-children-portal";
const SLUG = "cpi-demo-2025-v1";

describe("what children said, beside the index", () => {
  let demo: DemoAdminPage;
  const problems: string[] = [];
  let byCountry: Map<string, number>;
  let helplineTotal: number;
  let code: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    demo = await openDemoAdminPage("children-portal", problems, { timeout: 20_000 });
    const db = demo.server.database.db;
    const [row] = await db.select().from(consultations);
    const results = await readResults(db, {
      id: row!.id,
      definition: consultationDefinition.parse(row!.definition),
    });
    const helpline = results.questions.find((q) => q.code === "helpline")!;
    helplineTotal = helpline.total!.n;
    byCountry = new Map(
      helpline.breakdowns.find((b) => b.dimension === "country")!.groups.map((g) => [g.key, g.n]),
    );
    const [session] = await db
      .select({ code: consultationSessions.code })
      .from(consultationSessions)
      .where(eq(consultationSessions.consultationId, row!.id));
    code = session!.code;
  }, 240_000);
  afterAll(async () => {
    await demo?.close();
  });
  /** The demo's assessment of Moldova in 2025, whose workspace shows the children's panels. */
  const moldovaAssessment = async () => {
    const [row] = await demo.server.database.db
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(and(eq(assessments.countryCode, "MD"), eq(cycles.period, "2025"), isNull(assessments.areaCode)));
    return row!.id;
  };
  const demoConsultation = async () => {
    const [row] = await demo.server.database.db.select().from(consultations);
    return { id: row!.id, definition: consultationDefinition.parse(row!.definition) };
  };

  it("shows the children's answers on the indicator page, beside each country's expert answer", async () => {
    const { page, server } = demo;
    await page.goto(`${server.url}/portal/${SLUG}/en/indicators/a19.04/`);
    const said = page.locator("#children-said");
    await said.waitFor();
    await expect(said.locator("h2").textContent()).resolves.toBe("What children said");
    const text = (await said.textContent()) ?? "";
    expect(text).toContain(`${helplineTotal} children answered`);
    expect(text).toContain("Georgia");
    expect(text).toContain("Safe and heard");
    // The column beside the experts' answers: Georgia's own children.
    const georgia = page.locator("#answers tr", { hasText: "Georgia" });
    await expect(georgia.textContent()).resolves.toContain(`(${byCountry.get("GE")} children answered)`);
    await page.screenshot({ path: `${SHOTS}/indicator-en.png`, fullPage: true });
    await expectNoSeriousViolations(page, "indicator page (en)");
  });

  it("shows them on the country profile, the experts' answer beside the country's children", async () => {
    const { page, server } = demo;
    await page.goto(`${server.url}/portal/${SLUG}/en/countries/ge/`);
    const said = page.locator("#children-said");
    await said.waitFor();
    await expect(said.locator("h2").textContent()).resolves.toBe("What children in Georgia said");
    const helpline = said.locator("article", { hasText: "a19.04" });
    await expect(helpline.textContent()).resolves.toContain(`${byCountry.get("GE")} children answered`);
    await expect(helpline.textContent()).resolves.toContain("Experts' answer");
    await expectNoSeriousViolations(page, "country profile (en)");
  });

  it("shows a few of the children's own words, moderated, next to the share agreeing on the same indicator", async () => {
    const { page, server } = demo;
    const approved = (await readResults(demo.server.database.db, await demoConsultation())).quotes
      .filter((q) => q.question === "bullying_idea")
      .map((q) => q.text);
    await page.goto(`${server.url}/portal/${SLUG}/en/indicators/a19.09/`);
    const said = page.locator("#children-said");
    await said.waitFor();
    const cards = said.locator("article");
    await expect(cards.count()).resolves.toBe(2);
    // The smileys with their share agreeing, then the words: a few quotes, each one approved.
    await expect(cards.nth(0).locator(".said-share__pct").first().textContent()).resolves.toMatch(/%/);
    const words = cards.nth(1);
    await expect(words.textContent()).resolves.toMatch(/\d+ children wrote an answer/);
    const quotes = await words.locator(".said-quotes li").allTextContents();
    expect(quotes.length).toBe(3);
    for (const q of quotes) expect(approved).toContain(q);
    expect((await words.textContent()) ?? "").not.toMatch(/Green Gate|call me/);
    await page.screenshot({ path: `${SHOTS}/indicator-quotes-en.png`, fullPage: true });
    await expectNoSeriousViolations(page, "indicator page with quotes (en)");

    // The country profile: one card for the indicator, the experts' answer beside both questions.
    await page.goto(`${server.url}/portal/${SLUG}/ar/countries/ge/`);
    const card = page.locator("#children-said article", { hasText: "a19.09" });
    await card.waitFor();
    await expect(card.locator(".said-voice").count()).resolves.toBe(2);
    await expect(card.locator(".said-quotes li").count()).resolves.toBe(3);
    await card.screenshot({ path: `${SHOTS}/country-quotes-ar.png` });
    await expectNoSeriousViolations(page, "country profile with quotes (ar)");

    // The workspace: the same words on the card of the indicator being answered.
    await page.goto(`${server.url}/assessments/${await moldovaAssessment()}`);
    const panel = page.locator('article[data-indicator="a19.09"] .children-said');
    await panel.waitFor({ timeout: 30_000 });
    await expect(panel.textContent()).resolves.toMatch(/children wrote an answer \(all countries together\)/);
    const inWorkspace = await panel.locator(".children-said__list li").allTextContents();
    expect(inWorkspace).toEqual(quotes);
    await panel.screenshot({ path: `${SHOTS}/workspace-quotes.png` });
  });

  it("passes axe in Arabic and fits a 390 px phone", async () => {
    const { page, server } = demo;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ["ar/countries/ge/", "ar/indicators/a19.04/", "en/countries/ge/"]) {
        await page.goto(`${server.url}/portal/${SLUG}/${path}`);
        await page.locator("#children-said").waitFor();
        if (path.startsWith("ar")) {
          await expect(page.locator("html").getAttribute("dir")).resolves.toBe("rtl");
          await expectNoSeriousViolations(page, `${path} (ar)`);
        }
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        await page
          .locator("#children-said")
          .screenshot({ path: `${SHOTS}/${path.replaceAll("/", "-")}390.png` });
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("shows them in the workspace next to the linked indicator, as evidence of another kind", async () => {
    const { page, server } = demo;
    await page.goto(`${server.url}/assessments/${await moldovaAssessment()}`);
    const card = page.locator('article[data-indicator="a19.04"]');
    await card.waitFor({ timeout: 30_000 });
    const panel = card.locator(".children-said");
    await panel.waitFor();
    const text = (await panel.textContent()) ?? "";
    expect(text).toContain("not scored");
    expect(text).toContain(`of ${byCountry.get("MD")} children in this country agreed`);
    // An indicator no question speaks to has no panel.
    await expect(page.locator('article[data-indicator="a19.01"] .children-said').count()).resolves.toBe(0);
    await card.screenshot({ path: `${SHOTS}/workspace-card.png` });
  });

  it("gives the children their own results page, in simple words and in Arabic", async () => {
    const { page, server } = demo;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/c/${code}/results`);
    await page.locator(".ch-results__title").waitFor();
    await expect(page.locator(".ch-results__thanks").textContent()).resolves.toContain(
      `${helplineTotal} children answered`,
    );
    await expectNoSeriousViolations(page, "child-friendly results (en)");
    await page.screenshot({ path: `${SHOTS}/child-results-en.png`, fullPage: true });
    await page.selectOption(".ch-lang select", "ar");
    await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
    await expect(page.locator(".ch-results__title").textContent()).resolves.toBe("ما قلتموه لنا");
    await expectNoSeriousViolations(page, "child-friendly results (ar)");
    await page.screenshot({ path: `${SHOTS}/child-results-ar.png`, fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
