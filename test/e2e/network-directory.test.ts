import { mkdirSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "../../src/server/db/schema.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * A coalition's member list imported in the workspace (a bad row named, then the fixed file
 * imported), and the portal's public member directory on the demo: the network's page and a country's, in
 * English and Arabic, from the navigation and the country profile. Exactly the organisations the
 * database says are listed and members now are shown, contacts only where published; the filters
 * narrow the list; axe finds nothing serious; a 390 px phone does not scroll sideways.
 */

const SHOTS = "/tmp/s12-network";
const SLUG = "cpi-demo-2025-v1";

describe("the member import and the portal's member directory", () => {
  let demo: DemoAdminPage;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    demo = await openDemoAdminPage("portal-directory", problems, { timeout: 20_000 });
  }, 600_000);
  afterAll(async () => {
    await demo?.close();
  });

  const cardNames = () =>
    demo.page.locator("[data-member]:visible h2, [data-member]:visible h3").allTextContents();

  it("imports a coalition's members from a CSV: a bad row named by row and column, then the fixed file", async () => {
    const { page, server } = demo;
    const [coalition] = await server.database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.kind, "coalition"), eq(organisations.countryCode, "MD")));
    await page.goto(`${server.url}/network/organisations/${coalition!.id}`);
    const form = page.locator("details.nw-import");
    await form.locator("summary").click();
    const header = "name,kind,themes,crc_articles,website,listed";
    const file = (rows: string[]) => ({
      name: "members.csv",
      mimeType: "text/csv",
      buffer: Buffer.from([header, ...rows].join("\n")),
    });
    await form
      .locator('input[type="file"]')
      .setInputFiles(
        file([
          "Imported Orhei Shelter (demo),member,shelter,19,https://orhei.example.org,yes",
          "Imported Cahul Help (demo),member,family,,www.cahul.example.org,yes",
        ]),
      );
    await form.getByRole("button", { name: "Check the file" }).click();
    const problem = form.locator("tbody tr").first();
    await expect(problem.textContent()).resolves.toContain("3website");
    await expect(form.locator("h3").textContent()).resolves.toBe("1 problem to fix");
    await expect(form.getByRole("button", { name: /^Import/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: `${SHOTS}-import-problem-en.png`, fullPage: false });
    await form
      .locator('input[type="file"]')
      .setInputFiles(
        file([
          "Imported Orhei Shelter (demo),member,shelter,19,https://orhei.example.org,yes",
          "Imported Cahul Help (demo),member,family,,https://cahul.example.org,yes",
        ]),
      );
    await form.getByRole("button", { name: "Check the file" }).click();
    await form.getByText("Ready: 2 organisations to add, 0 to update.").waitFor();
    await form.getByRole("button", { name: "Import 2 organisations" }).click();
    await page
      .locator('section[aria-labelledby="nw-members"]')
      .getByText("Imported: 2 organisations added, 0 updated.")
      .waitFor();
    await page
      .locator('section[aria-labelledby="nw-members"] tr', { hasText: "Imported Orhei Shelter (demo)" })
      .waitFor();
    await page.screenshot({ path: `${SHOTS}-import-done-en.png`, fullPage: false });
    await expectNoSeriousViolations(page, "organisation page after an import");
  });

  it("shows exactly the listed members, with contacts only where published, reached from the navigation", async () => {
    const { page, server } = demo;
    const db = server.database.db;
    await page.goto(`${server.url}/portal/${SLUG}/en/`);
    await page.locator(".site-nav a", { hasText: "Members" }).click();
    await page.locator("h1", { hasText: "Member directory" }).waitFor();
    const rows = await db.select().from(organisations);
    const listed = rows.filter((r) => r.listedInDirectory && r.status === "member");
    const hidden = rows.filter((r) => !r.listedInDirectory || r.status !== "member");
    expect(listed.length).toBeGreaterThan(10);
    expect(hidden.length).toBeGreaterThan(5);
    const shown = await cardNames();
    expect([...shown].sort()).toEqual(listed.map((r) => r.name).sort());
    const text = (await page.locator("main").textContent()) ?? "";
    for (const r of hidden) expect(text).not.toContain(r.name);
    for (const r of listed.filter((x) => x.contactEmail)) {
      if (r.publishesContacts) expect(text).toContain(r.contactEmail!);
      else expect(text).not.toContain(r.contactEmail!);
    }
    // Logos exactly where the organisation published one, each an image the portal serves.
    const withLogo = listed.filter((r) => r.publishesLogo && r.logoPath);
    expect(withLogo.length).toBeGreaterThan(5);
    const logos = page.locator("img.member-card__logo");
    await expect(logos.count()).resolves.toBe(withLogo.length);
    for (const src of await logos.evaluateAll((images) => images.map((i) => (i as HTMLImageElement).src))) {
      const res = await page.request.get(src);
      expect(res.status(), src).toBe(200);
      expect(res.headers()["content-type"], src).toBe("image/png");
    }
    const georgia = page.locator("#members-ge");
    await expect(georgia.locator("h2").textContent()).resolves.toBe("Georgia");
    await expect(georgia.textContent()).resolves.toContain("Member organisation");
    await expect(georgia.textContent()).resolves.toContain("Articles 19, 37, and 40");
    await page.screenshot({ path: `${SHOTS}-members-en.png`, fullPage: false });
    await expectNoSeriousViolations(page, "member directory (en)");
  });

  it("narrows the list by country, type, area of work and words", async () => {
    const { page } = demo;
    const all = (await cardNames()).length;
    await page.locator("#member-country").selectOption("ge");
    const georgian = await cardNames();
    expect(georgian.length).toBeGreaterThan(1);
    expect(georgian.length).toBeLessThan(all);
    await expect(page.locator("#members-md").isVisible()).resolves.toBe(false);
    await expect(page.locator(".search__count").textContent()).resolves.toBe(
      `${georgian.length} organisations shown`,
    );
    await page.locator("#member-kind").selectOption("member");
    expect(await cardNames()).toEqual(["Georgia Children's Rights Centre (demo)"]);
    await expect(page.locator(".search__count").textContent()).resolves.toBe("1 organisation shown");
    await page.locator("#member-country").selectOption("");
    await page.locator("#member-theme").selectOption("violence");
    const violence = await cardNames();
    expect(violence.length).toBeGreaterThan(1);
    expect(violence.every((n) => n.includes("Children's Rights Centre"))).toBe(true);
    await page.locator("#member-search").fill("no such organisation");
    await expect(page.locator(".search__count").textContent()).resolves.toBe("No organisation matches");
    expect(await cardNames()).toEqual([]);
  });

  it("leaves out a member once it is suspended", async () => {
    const { page, server } = demo;
    const db = server.database.db;
    const name = "Moldova Children's Rights Centre (demo)";
    await page.goto(`${server.url}/portal/${SLUG}/en/countries/md/members/`);
    expect(await cardNames()).toContain(name);
    await db
      .update(organisations)
      .set({ status: "suspended" })
      .where(and(eq(organisations.name, name), eq(organisations.kind, "member")));
    await page.reload();
    await page.locator("h1").waitFor();
    expect(await cardNames()).not.toContain(name);
    expect((await cardNames()).length).toBeGreaterThan(0);
  });

  it("links a country profile to its members; in Arabic, right to left, axe clean, fits a phone", async () => {
    const { page, server } = demo;
    await page.goto(`${server.url}/portal/${SLUG}/en/countries/ge/`);
    const block = page.locator("#members");
    await expect(block.locator("h2").textContent()).resolves.toBe("The network in Georgia");
    // Its coalition by name and logo, a link to the coalition's own page; then the whole list.
    await expect(block.locator("li a").first().getAttribute("href")).resolves.toMatch(
      /^\.\.\/\.\.\/members\/[0-9a-f-]{36}\/$/,
    );
    await expect(block.locator("img.member-coalitions__logo").count()).resolves.toBe(1);
    await block.getByRole("link", { name: "See the member organisations in Georgia" }).click();
    await page.locator("h1", { hasText: "Member organisations in Georgia" }).waitFor();
    await page.screenshot({ path: `${SHOTS}-country-members-en.png`, fullPage: true });
    await expectNoSeriousViolations(page, "country members (en)");
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ["ar/members/", "ar/countries/ge/members/", "en/members/", "ar/countries/ge/"]) {
        await page.goto(`${server.url}/portal/${SLUG}/${path}`);
        await page.locator("h1").waitFor();
        if (path.startsWith("ar")) {
          await expect(page.locator("html").getAttribute("dir")).resolves.toBe("rtl");
          await expectNoSeriousViolations(page, `${path} (390 px)`);
        }
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}-${path.replaceAll("/", "-")}390.png` });
      }
      await expect(page.locator("#members h2").textContent()).resolves.toContain("الشبكة في");
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(problems).toEqual([]);
  });
});
