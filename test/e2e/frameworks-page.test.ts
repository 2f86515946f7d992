import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FRAMEWORK_PATH } from "../../src/server/demo/demo-framework.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/** Where the screenshots are left to be looked at (CHILDMARK_SCREENSHOTS to keep them elsewhere). */
const SHOTS = process.env.CHILDMARK_SCREENSHOTS ?? "/tmp";

describe("frameworks page", () => {
  const problems: string[] = [];
  let demo: DemoAdminPage;
  let framework: Record<string, unknown>;

  beforeAll(async () => {
    demo = await openDemoAdminPage("frameworks", problems, {
      timeout: 30_000,
      // The server's 400 to a refused import shows in the console; the page says why.
      expected: (text) => text.includes("400"),
    });
    framework = JSON.parse(await readFile(DEMO_FRAMEWORK_PATH, "utf8"));
  }, 240_000);
  afterAll(async () => demo?.close());

  const chooseFile = (name: string, content: unknown) =>
    demo.page.setInputFiles('input[type="file"]', {
      name,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(content)),
    });

  it("checks a broken file and lists its problems, then previews and imports a valid one", async () => {
    const { page, server } = demo;
    await page.goto(`${server.url}/admin/frameworks`);
    await page.getByRole("heading", { name: "Frameworks", level: 1 }).waitFor();
    // The demo's framework is listed with its XLSForm.
    const xlsform = page.getByRole("link", { name: "XLSForm for KoboToolbox / ODK" }).first();
    expect(await xlsform.getAttribute("href")).toMatch(/^\/api\/frameworks\/[0-9a-f-]{36}\/xlsform$/);

    const broken = structuredClone(framework) as { bands: { min: unknown }[] };
    broken.bands[0]!.min = "low";
    await chooseFile("broken.json", broken);
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByText("broken.json is not a valid framework").waitFor();
    expect(await page.locator("ul.problems li").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/frameworks-problems.png`, fullPage: false });

    await chooseFile("next.json", { ...framework, version: "e2e-2" });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByText("next.json is a valid framework").waitFor();
    await page.screenshot({ path: `${SHOTS}/frameworks-preview.png`, fullPage: false });
    await page.getByRole("button", { name: "Import this framework" }).click();
    await page.getByText(/Imported .* version e2e-2/).waitFor();
    // The list is read again after the import: wait for the new version's row, then count it.
    await page.getByRole("cell", { name: "e2e-2" }).first().waitFor();
    expect(await page.getByRole("cell", { name: "e2e-2" }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
