import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser } from "./app-under-test.ts";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * The workspace page of a country's areas on the demo (Moldova has ten): the tree, a list with a
 * bad line refused before anything is sent, a shapes file with problems (every one shown, nothing
 * stored), then the hand-made shapes stored and drawn; reached from the Network menu; axe finds
 * nothing serious; a 390 px phone does not scroll sideways in English or Arabic.
 */

const SHOTS = "/tmp/s15-areas";

describe.runIf(canRunBrowser)("the workspace page of a country's areas", () => {
  let demo: DemoAdminPage;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The shapes the page asks for before any are stored (404) and the refused file (400) are expected.
    demo = await openDemoAdminPage("network-areas", problems, {
      timeout: 20_000,
      expected: (text) => /status of (404|400)/.test(text),
    });
  }, 600_000);
  afterAll(async () => {
    await demo?.close();
  });

  it("shows the tree, names the problems of a list and of a shapes file, then stores and draws the shapes", async () => {
    const { page, server } = demo;
    await page.goto(`${server.url}/network`);
    await page.getByRole("link", { name: "Areas below the country" }).click();
    // The administrator has no country of their own: the page asks for one.
    await page.getByRole("heading", { name: "Areas below the country" }).waitFor();
    await page.getByLabel("Country").selectOption("MD");
    await page.getByRole("heading", { name: "Areas of Moldova" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/network/areas/MD");
    const tree = page.locator(".na-tree li");
    await expect(tree.count()).resolves.toBe(10);
    await expect
      .poll(() => page.getByText("No shapes: the portal lists this country's areas without a map.").count())
      .toBe(1);

    const edit = page.locator('section[aria-labelledby="na-edit"]');
    await edit.locator("textarea").fill("code,parent,name\nMD-N,,North\n,MD-N,Soroca");
    await edit.getByRole("button", { name: "Replace the areas" }).click();
    await expect(edit.getByRole("alert").textContent()).resolves.toContain("line 3: give the area a code");
    await expect(tree.count()).resolves.toBe(10);

    const shapes = page.locator('section[aria-labelledby="na-shapes"]');
    const bad = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { name: "Cahul" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [28, 46],
                [29, 46],
                [29, 47],
                [28, 46],
              ],
            ],
          },
        },
        {
          type: "Feature",
          properties: { code: "MD-XX" },
          geometry: { type: "Point", coordinates: [28, 46] },
        },
      ],
    };
    await shapes.locator('input[name="file"]').setInputFiles({
      name: "bad.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await shapes.getByRole("button", { name: "Upload the shapes" }).click();
    await expect(shapes.locator(".na-problems li").allTextContents()).resolves.toEqual([
      'features[0]: no property "code" naming the area (or say which property holds the code)',
      'features[1]: "MD-XX" is not one of this country\'s areas (add it to the areas first)',
      "features[1].geometry: a Polygon or MultiPolygon is needed, not Point",
    ]);
    await expect(shapes.locator(".na-map").count()).resolves.toBe(0);

    await shapes.locator('input[name="file"]').setInputFiles("test/fixtures/md-areas.geojson");
    await shapes.getByRole("button", { name: "Upload the shapes" }).click();
    await expect(shapes.locator(".nw-ok").textContent()).resolves.toBe("Shapes of 10 areas saved.");
    await shapes.locator(".na-map").waitFor();
    await expect(shapes.locator(".na-map path").count()).resolves.toBe(4);
    await expect(shapes.getByText("10 of 10 areas have a shape.").count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/e2e-web-en.png`, fullPage: true });
    await expectNoSeriousViolations(page, "the areas page");
    expect(problems).toEqual([]);
  });

  it("fits a 390 px phone in English and Arabic", async () => {
    const { page } = demo;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ["en", "ar"]) {
      await page.evaluate((l) => localStorage.setItem("childmark.lang", l), lang);
      await page.reload();
      await page.locator(".na-map").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, lang).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/e2e-web-${lang}-390.png`, fullPage: true });
    }
    await expectNoSeriousViolations(page, "the areas page in Arabic");
    await page.evaluate(() => localStorage.setItem("childmark.lang", "en"));
  });
});
