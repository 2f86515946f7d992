import { describe, expect, it } from "vitest";
import { portalUiLanguages } from "../../portal/i18n/translate.ts";
import { checkCatalogue, pluralForms } from "./coverage.ts";
import { englishMessages, type Messages, translate } from "./messages.ts";

const files = import.meta.glob<Messages>("./languages/*.json", { import: "default", eager: true });
const fileCatalogues = Object.fromEntries(
  Object.entries(files).map(([path, messages]) => [path.replace(/^.*\/|\.json$/g, ""), messages]),
);
const all: Record<string, Messages> = { en: englishMessages, ...fileCatalogues };

describe("interface catalogues", () => {
  it("has every language but English as a file", () => {
    expect(Object.keys(fileCatalogues)).toEqual(expect.arrayContaining(["ar", "fr", "ro", "ru"]));
    expect(Object.keys(fileCatalogues)).not.toContain("en");
  });

  it.each(["fr", "ar"])("%s translates every English key (the app's languages in full)", (lang) => {
    expect(checkCatalogue(lang, englishMessages, all[lang]!).missing).toEqual([]);
  });

  it.each(Object.keys(all))(
    "%s: every key is an English key and every message parses with English's placeholders",
    (lang) => {
      const report = checkCatalogue(lang, englishMessages, all[lang]!);
      expect(report.errors).toEqual([]);
    },
  );

  it.each(Object.keys(all))("%s: every plural has the forms the language needs", (lang) => {
    expect(checkCatalogue(lang, englishMessages, all[lang]!).pluralGaps).toEqual([]);
  });

  it("ar: every plural of the interface and the portal has Arabic's six forms (zero, one, two, few, many, other)", () => {
    expect([...pluralForms("ar").keys()].sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
    expect(checkCatalogue("ar", englishMessages, all.ar!).pluralGaps).toEqual([]);
    expect(checkCatalogue("ar", portalUiLanguages.en!, portalUiLanguages.ar!).pluralGaps).toEqual([]);
    // A plural with only one and other is caught.
    expect(
      checkCatalogue(
        "ar",
        { a: "{n, plural, one {# x} other {# xs}}" },
        { a: "{n, plural, one {س} other {# س}}" },
      ).pluralGaps,
    ).toEqual(["a: plural {n} lacks zero, two, few, many"]);
  });

  it("finds the errors it is for", () => {
    const report = checkCatalogue(
      "ru",
      { a: "{count, plural, one {# file} other {# files}}", b: "Hi {name}" },
      {
        a: "{count, plural, one {# файл} other {# файлов}}",
        b: "Привет {nom",
        c: "extra",
      },
    );
    expect(report.errors).toEqual([
      expect.stringMatching(/^c: not an English key/),
      expect.stringMatching(/^b: does not parse/),
    ]);
    expect(report.pluralGaps).toEqual(["a: plural {count} lacks many, few"]);
    expect(checkCatalogue("fr", { a: "Hi {name}" }, { a: "Salut {nom}" }).errors).toEqual([
      "a: placeholder {nom} is not in English",
      "a: placeholder {name} of English is left out",
    ]);
    expect([...pluralForms("ro").keys()].sort()).toEqual(["few", "one", "other"]);
  });

  it("falls back to English for a language without a catalogue", () => {
    expect(translate("xx", "signIn")).toBe(englishMessages.signIn);
  });
});
