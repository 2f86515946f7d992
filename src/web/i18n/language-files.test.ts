import { describe, expect, it } from "vitest";
import { isUiLanguage, loadLanguage, uiLanguageCodes } from "./language-files.ts";
import { englishMessages, hasCatalogue, translate } from "./messages.ts";

/*
 * The loader of language files: English is in the bundle, every other language is a file of
 * ./languages loaded only when asked for, once.
 */
describe("interface language files", () => {
  it("lists English, then one language per file, by code", () => {
    const files = Object.keys(import.meta.glob("./languages/*.json"))
      .map((path) => path.replace(/^.*\/|\.json$/g, ""))
      .sort();
    expect(uiLanguageCodes).toEqual(["en", ...files]);
    expect(uiLanguageCodes).toEqual(expect.arrayContaining(["en", "fr", "ar", "ro", "ru"]));
    expect(isUiLanguage("ar")).toBe(true);
    expect(isUiLanguage("xx")).toBe(false);
    expect(isUiLanguage(null)).toBe(false);
  });

  it("has English's messages at once and no other language before it is loaded", () => {
    expect(hasCatalogue("en")).toBe(true);
    for (const code of uiLanguageCodes.filter((c) => c !== "en")) expect(hasCatalogue(code)).toBe(false);
    // Until its file is in, a language answers in English.
    expect(translate("fr", "signIn")).toBe(englishMessages.signIn);
  });

  it("loads a language once, even when asked for twice at once, and then translates in it", async () => {
    const first = loadLanguage("ar");
    expect(loadLanguage("ar")).toBe(first);
    await first;
    expect(hasCatalogue("ar")).toBe(true);
    expect(hasCatalogue("fr")).toBe(false);
    expect(translate("ar", "signIn")).toBe("تسجيل الدخول");
    // Arabic's plural forms from the file.
    expect(translate("ar", "fwInvalid", { file: "f.json", count: 2 })).not.toBe(
      translate("ar", "fwInvalid", { file: "f.json", count: 3 }),
    );
    await loadLanguage("ar");
    expect(hasCatalogue("ar")).toBe(true);
  });

  it("drops what an earlier language answered in English once the file is loaded", async () => {
    expect(translate("fr", "signOut")).toBe(englishMessages.signOut);
    await loadLanguage("fr");
    expect(translate("fr", "signOut")).toBe("Se déconnecter");
    expect(translate("fr", "fwInvalid", { file: "f.json", count: 2 })).toBe(
      "f.json n'est pas un cadre valide : 2 problèmes.",
    );
  });

  it("answers English and an unknown code at once, in English", async () => {
    await expect(loadLanguage("en")).resolves.toBeUndefined();
    await expect(loadLanguage("xx")).resolves.toBeUndefined();
    expect(hasCatalogue("xx")).toBe(false);
    expect(translate("xx", "signIn")).toBe(englishMessages.signIn);
  });
});
