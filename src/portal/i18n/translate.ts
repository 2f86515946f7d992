import { IntlMessageFormat } from "intl-messageformat";
import { ar } from "./catalog-ar.ts";
import { en, type PortalMessageKey } from "./catalog-en.ts";
import { fr } from "./catalog-fr.ts";

/** Languages the portal's own words are written in; other languages show them in English. */
export const portalUiLanguages = { en, fr, ar } as const;
export type PortalUiLanguage = keyof typeof portalUiLanguages;

/** Each language's name in itself, for the language switch. */
export const languageNames: Record<string, string> = {
  en: "English",
  fr: "Français",
  ar: "العربية",
  ru: "Русский",
  es: "Español",
  ro: "Română",
  sq: "Shqip",
  sr: "Српски",
  uk: "Українська",
  ka: "ქართული",
  hy: "Հայերեն",
  az: "Azərbaycan",
  bg: "Български",
  bs: "Bosanski",
};

const RTL = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ku"]);

/** `rtl` for right-to-left scripts (Arabic, Hebrew, Persian…), else `ltr`. */
export function directionOf(lang: string): "rtl" | "ltr" {
  return RTL.has(lang.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}

/** The interface language used for a page language (English when there is no catalogue for it). */
export function uiLanguageOf(lang: string): PortalUiLanguage {
  const base = lang.split("-")[0]!.toLowerCase();
  return base in portalUiLanguages ? (base as PortalUiLanguage) : "en";
}

/**
 * A framework or snapshot text in the first of `languages` that has it (not
 * empty), else in whatever language it has; with the language it is in.
 */
export function pickText(
  value: Readonly<Record<string, string>>,
  languages: readonly string[],
): [string, string] {
  for (const l of languages) if (value[l]) return [value[l], l];
  const first = Object.entries(value)[0];
  return first ? [first[1], first[0]] : ["", languages[0] ?? ""];
}

/**
 * The locale used for numbers and dates. Arabic pages write numbers with
 * Western digits, as the published data files and charts do, so a figure
 * reads the same on the page, in the chart and in the spreadsheet.
 */
export function numberLocaleOf(lang: string): string {
  return directionOf(lang) === "rtl" ? `${lang}-u-nu-latn` : lang;
}

/** How the portal writes a date (long form, in UTC) in a language: a function from an ISO date or timestamp. */
export function dateFormatter(lang: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(numberLocaleOf(lang), { dateStyle: "long", timeZone: "UTC" });
  return (iso) => format.format(new Date(iso));
}

/**
 * A message function over catalogues in the portal's languages: ICU
 * MessageFormat with placeholders, plurals and selects; English for a page
 * language without a catalogue. Compiled messages are kept.
 */
export function messageFormatter<K extends string>(
  catalogs: Record<PortalUiLanguage, Record<K, string>>,
): (lang: string, key: K, vars?: Record<string, string | number>) => string {
  const formatters = new Map<string, IntlMessageFormat>();
  return (lang, key, vars = {}) => {
    const ui = uiLanguageOf(lang);
    const id = `${ui}\u0000${key}`;
    let formatter = formatters.get(id);
    if (!formatter) {
      formatter = new IntlMessageFormat(catalogs[ui][key], numberLocaleOf(ui));
      formatters.set(id, formatter);
    }
    return String(formatter.format(vars));
  };
}

/** A portal message in ICU MessageFormat with its placeholders filled (plurals and selects included). */
export const translate: (
  lang: string,
  key: PortalMessageKey,
  vars?: Record<string, string | number>,
) => string = messageFormatter<PortalMessageKey>(portalUiLanguages);
