import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ar from "../../src/web/i18n/languages/ar.json" with { type: "json" };
import fr from "../../src/web/i18n/languages/fr.json" with { type: "json" };
import { englishMessages } from "../../src/web/i18n/messages.ts";
import { type AppUnderTest, canRunBrowser, pageProblems, startAppUnderTest } from "./app-under-test.ts";

/*
 * Every interface language but English is a file loaded when chosen (src/web/i18n/language-files.ts).
 * A page downloads English and its own language only; the language's file is slowed down here so
 * that what the page shows while it loads is seen: a page in a saved language never shows English
 * first, and a switch shows the old language, whole, until the new one is in, then the new one
 * with its direction (never French or Arabic words with the other language's direction).
 */

/** Records, at every change of the page, `<html dir lang>`, the heading and the start of the text. */
const WATCH = `(() => {
  const seen = (window.__seen = []);
  const note = () => {
    const h1 = document.querySelector("h1");
    const text = (document.body ? document.body.innerText : "").replace(/\\s+/g, " ").trim().slice(0, 300);
    const entry = { dir: document.documentElement.dir, lang: document.documentElement.lang, h1: h1 ? h1.textContent : "", text };
    const last = seen[seen.length - 1];
    if (!last || JSON.stringify(last) !== JSON.stringify(entry)) seen.push(entry);
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;
interface Seen {
  dir: string;
  lang: string;
  h1: string;
  text: string;
}

/** The language files (`fr-….js`, `ar-….js`…) the page fetched. */
function languageChunks(page: Page): string[] {
  const fetched: string[] = [];
  page.on("request", (request) => {
    const file = new URL(request.url()).pathname.split("/").pop() ?? "";
    const code = /^(fr|ar|ro|ru)-[\w-]+\.js$/.exec(file)?.[1];
    if (code) fetched.push(code);
  });
  return fetched;
}

/** Holds back a language's file for `ms`, as a slow network would. */
async function slowDown(page: Page, code: string, ms: number): Promise<void> {
  await page.route(new RegExp(`/assets/${code}-[\\w-]+\\.js$`), async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);
/** The states in which the page showed some text. */
const shown = async (page: Page) => (await seen(page)).filter((e) => e.text !== "");
/** A state as `dir|lang|heading`. */
const headed = (entries: Seen[]) => [
  ...new Set(entries.filter((e) => e.h1 !== "").map((e) => `${e.dir}|${e.lang}|${e.h1}`)),
];

describe.skipIf(!canRunBrowser)("interface language files in Chromium", () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startAppUnderTest();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("an English page fetches no language file", async () => {
    const page = await app.newPage();
    const fetched = languageChunks(page);
    await page.goto(`${app.url}/sign-in`);
    await expect.poll(() => page.locator("h1").textContent()).toBe(englishMessages.signInTitle);
    await page.waitForLoadState("networkidle");
    expect(fetched).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it("a page in a saved language fetches that file only and shows no English before it", async () => {
    const page = await app.newPage();
    await page.addInitScript(() => window.localStorage.setItem("childmark.lang", "ar"));
    await page.addInitScript(WATCH);
    await slowDown(page, "ar", 600);
    const fetched = languageChunks(page);
    await page.goto(`${app.url}/sign-in`);
    await expect.poll(() => page.locator("h1").textContent(), { timeout: 10_000 }).toBe(ar.signInTitle);
    await page.waitForLoadState("networkidle");
    expect(fetched).toEqual(["ar"]);
    // Nothing in English was ever shown: every text was Arabic, right to left, from the start.
    const states = await shown(page);
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) {
      expect(state).toMatchObject({ dir: "rtl", lang: "ar" });
      for (const english of [englishMessages.signInTitle, englishMessages.loading, englishMessages.email])
        expect(state.text).not.toContain(english);
    }
    expect(headed(states)).toEqual([`rtl|ar|${ar.signInTitle}`]);
    expect(await page.locator("#language").inputValue()).toBe("ar");
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it("a switch shows the page in the new language only once its file is in, the last choice winning", async () => {
    const page = await app.newPage();
    await page.addInitScript(WATCH);
    await slowDown(page, "fr", 800);
    await slowDown(page, "ar", 300);
    const fetched = languageChunks(page);
    await page.goto(`${app.url}/sign-in`);
    await expect.poll(() => page.locator("h1").textContent()).toBe(englishMessages.signInTitle);

    await page.locator("#language").selectOption("fr");
    // While French loads, the page stays English, whole, and the switch shows French as chosen.
    await page.waitForTimeout(200);
    expect(await page.locator("h1").textContent()).toBe(englishMessages.signInTitle);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("#language").inputValue()).toBe("fr");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.locator("h1").textContent()).toBe(fr.signInTitle);
    expect(await page.evaluate(() => localStorage.getItem("childmark.lang"))).toBe("fr");

    // Arabic asked for, then French again before Arabic is in: French stays, Arabic never shows.
    await page.locator("#language").selectOption("ar");
    await page.locator("#language").selectOption("fr");
    await page.waitForTimeout(600);
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    expect(await page.locator("h1").textContent()).toBe(fr.signInTitle);

    await page.locator("#language").selectOption("ar");
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.locator("h1").textContent()).toBe(ar.signInTitle);
    expect(await page.evaluate(() => localStorage.getItem("childmark.lang"))).toBe("ar");
    // Each language's words were only ever shown with its own direction and language.
    expect(headed(await shown(page))).toEqual([
      `ltr|en|${englishMessages.signInTitle}`,
      `ltr|fr|${fr.signInTitle}`,
      `rtl|ar|${ar.signInTitle}`,
    ]);
    expect(fetched.sort()).toEqual(["ar", "fr"]);

    // Back to English: at once, nothing to fetch.
    await page.locator("#language").selectOption("en");
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("ltr");
    expect(await page.locator("h1").textContent()).toBe(englishMessages.signInTitle);
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
