import { IntlMessageFormat } from "intl-messageformat";
import { account } from "./catalogs/account.ts";
import { accountsAdmin } from "./catalogs/accounts-admin.ts";
import { analysis } from "./catalogs/analysis.ts";
import { areas } from "./catalogs/areas.ts";
import { budgets } from "./catalogs/budgets.ts";
import { children } from "./catalogs/children.ts";
import { childrenChild } from "./catalogs/children-child.ts";
import { childrenDesign } from "./catalogs/children-design.ts";
import { childrenModeration } from "./catalogs/children-moderation.ts";
import { childrenVoice } from "./catalogs/children-voice.ts";
import { evaluations } from "./catalogs/evaluations.ts";
import { frameworks } from "./catalogs/frameworks.ts";
import { network } from "./catalogs/network.ts";
import { networkAreas } from "./catalogs/network-areas.ts";
import { recommendations } from "./catalogs/recommendations.ts";
import { releases } from "./catalogs/releases.ts";
import { reporting } from "./catalogs/reporting.ts";
import { reportingEdit } from "./catalogs/reporting-edit.ts";
import { results } from "./catalogs/results.ts";
import { resultsImports } from "./catalogs/results-imports.ts";
import { resultsRecords } from "./catalogs/results-records.ts";
import { review } from "./catalogs/review.ts";
import { security } from "./catalogs/security.ts";
import { shell } from "./catalogs/shell.ts";
import { workspace } from "./catalogs/workspace.ts";

/*
 * The app's own words in English, gathered from the feature catalogues in
 * ./catalogs: the reference every other language is checked against, and what
 * a message a language lacks shows in. Every other interface language is a
 * file ./languages/{code}.json (key → message), loaded when it is chosen
 * (language-files.ts), so a page downloads English and its own language only.
 * Framework texts (titles, labels, guidance) come from the framework itself,
 * in its own languages.
 */
const en = {
  ...shell,
  ...review,
  ...account,
  ...workspace,
  ...recommendations,
  ...releases,
  ...analysis,
  ...security,
  ...accountsAdmin,
  ...results,
  ...evaluations,
  ...resultsRecords,
  ...resultsImports,
  ...children,
  ...childrenVoice,
  ...childrenChild,
  ...childrenDesign,
  ...childrenModeration,
  ...budgets,
  ...frameworks,
  ...reporting,
  ...reportingEdit,
  ...network,
  ...areas,
  ...networkAreas,
};

export type MessageKey = keyof typeof en;
/** A language's messages: any subset of the English keys (the rest shows in English). */
export type Messages = Partial<Record<MessageKey, string>>;

/**
 * An interface language code (`en`, `fr`, `ar`, `ro`…). English is built in; every
 * other language is a file `./languages/{code}.json` (key → ICU message), found by
 * `language-files.ts` and loaded when chosen.
 */
export type UiLanguage = string;

/** The catalogues known now: English and the language files loaded so far. */
const catalogues = new Map<string, Messages>([["en", en]]);
/** The languages whose messages are in the bundle: English only. */
export const builtInLanguages: readonly string[] = ["en"];

/** Makes a language file's messages available to `translate`. */
export function addCatalogue(lang: string, messages: Messages): void {
  catalogues.set(lang, messages);
  for (const id of formatters.keys()) if (id.startsWith(`${lang}\u0000`)) formatters.delete(id);
}

/** Whether `translate` has `lang`'s own messages (else it answers in English). */
export function hasCatalogue(lang: string): boolean {
  return catalogues.has(lang);
}

/** The English messages, the reference every language is checked against. */
export const englishMessages: Readonly<Record<MessageKey, string>> = en;

const rtlLanguages = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ku"]);
/** `rtl` for right-to-left scripts, else `ltr`. */
export function directionOf(lang: string): "rtl" | "ltr" {
  return rtlLanguages.has(lang.split("-")[0]!) ? "rtl" : "ltr";
}

/** A language's name in itself ("Română", "Русский"), for the language switch. */
export function languageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: "language" }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

const formatters = new Map<string, IntlMessageFormat>();

function compile(lang: string, key: MessageKey): IntlMessageFormat {
  const own = catalogues.get(lang)?.[key];
  if (own !== undefined) {
    try {
      return new IntlMessageFormat(own, lang);
    } catch {
      // A message that does not parse shows in English (the catalogue test names it).
    }
  }
  return new IntlMessageFormat(en[key], own === undefined ? "en" : lang);
}

/** Looks up a message in ICU MessageFormat and fills its placeholders (plurals and selects included). */
export function translate(
  lang: UiLanguage,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const id = `${lang}\u0000${key}`;
  let formatter = formatters.get(id);
  if (!formatter) {
    formatter = compile(lang, key);
    formatters.set(id, formatter);
  }
  return String(formatter.format(vars));
}
