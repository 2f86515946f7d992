import { IntlMessageFormat } from "intl-messageformat";
import { account } from "./catalogs/account.ts";
import { accountsAdmin } from "./catalogs/accounts-admin.ts";
import { evaluations } from "./catalogs/evaluations.ts";
import { frameworks } from "./catalogs/frameworks.ts";
import { recommendations } from "./catalogs/recommendations.ts";
import { releases } from "./catalogs/releases.ts";
import { results } from "./catalogs/results.ts";
import { review } from "./catalogs/review.ts";
import { security } from "./catalogs/security.ts";
import { shell } from "./catalogs/shell.ts";
import { workspace } from "./catalogs/workspace.ts";

/*
 * The app's own words in each interface language, gathered from the feature
 * catalogues in ./catalogs. Framework texts (titles, labels, guidance) come
 * from the framework itself, in its own languages.
 */
const en = {
  ...shell.en,
  ...review.en,
  ...account.en,
  ...workspace.en,
  ...recommendations.en,
  ...releases.en,
  ...security.en,
  ...accountsAdmin.en,
  ...results.en,
  ...evaluations.en,
  ...frameworks.en,
};
const fr = {
  ...shell.fr,
  ...review.fr,
  ...account.fr,
  ...workspace.fr,
  ...recommendations.fr,
  ...releases.fr,
  ...security.fr,
  ...accountsAdmin.fr,
  ...results.fr,
  ...evaluations.fr,
  ...frameworks.fr,
};
/** Arabic: messages not yet translated fall back to English. */
const ar: Partial<Record<MessageKey, string>> = {
  ...shell.ar,
  ...review.ar,
  ...account.ar,
  ...workspace.ar,
  ...recommendations.ar,
  ...releases.ar,
  ...security.ar,
  ...accountsAdmin.ar,
  ...results.ar,
  ...evaluations.ar,
  ...frameworks.ar,
};

export type MessageKey = keyof typeof en;

/** Interface languages; framework content may offer more and falls back to its default. */
export const uiLanguages = { en, fr, ar } as const;
export type UiLanguage = keyof typeof uiLanguages;
export const uiLanguageNames: Record<UiLanguage, string> = { en: "English", fr: "Français", ar: "العربية" };

const formatters = new Map<string, IntlMessageFormat>();

/** Looks up a message in ICU MessageFormat and fills its placeholders (plurals and selects included). */
export function translate(
  lang: UiLanguage,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const template = uiLanguages[lang][key] ?? en[key];
  const id = `${lang}\u0000${key}`;
  let formatter = formatters.get(id);
  if (!formatter) {
    formatter = new IntlMessageFormat(template, lang);
    formatters.set(id, formatter);
  }
  return String(formatter.format(vars));
}
