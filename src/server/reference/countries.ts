import { createRequire } from "node:module";
import type { LocalText } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { countries, regions } from "../db/schema.ts";

const require = createRequire(import.meta.url);
const iso = require("i18n-iso-countries") as {
  getAlpha2Codes(): Record<string, string>;
  alpha2ToAlpha3(code: string): string | undefined;
};

const NAME_LANGUAGES = ["en", "fr", "ar", "es", "ru", "ro"] as const;

/** The region of the ChildPact demo: the Balkans, the Black Sea and the Caucasus. */
export const CHILDPACT_REGION = {
  code: "see-bsc",
  name: { en: "Balkans, Black Sea and Caucasus", fr: "Balkans, mer Noire et Caucase" },
};

/** Names a country in several languages; Kosovo (`XK`) included. */
export function countryName(code: string): LocalText {
  const name: LocalText = {};
  for (const lang of NAME_LANGUAGES) {
    const label = new Intl.DisplayNames([lang], { type: "region", fallback: "none" }).of(code);
    if (label) name[lang] = label;
  }
  return name;
}

/** Every ISO 3166-1 country (250, Kosovo as `XK`/`XKX`), with names from the runtime's CLDR data. */
export function listIsoCountries(): { code: string; iso3: string; name: LocalText }[] {
  return Object.keys(iso.getAlpha2Codes())
    .sort()
    .map((code) => ({
      code,
      iso3: code === "XK" ? "XKX" : (iso.alpha2ToAlpha3(code) ?? code),
      name: countryName(code),
    }));
}

/** Inserts the reference countries and regions that are missing. Idempotent. */
export async function seedReference(db: Db): Promise<void> {
  await db.insert(regions).values(CHILDPACT_REGION).onConflictDoNothing();
  const rows = listIsoCountries();
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(countries)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
}
