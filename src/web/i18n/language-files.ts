/// <reference types="vite/client" />
import { addCatalogue, builtInLanguages, hasCatalogue, type Messages } from "./messages.ts";

/*
 * Every interface language but English is one file `./languages/{code}.json`
 * mapping message keys to ICU messages (French, Arabic, Romanian, Russian…).
 * Adding a language is adding its file: it appears in the language switch, is
 * loaded (as its own chunk) only when chosen, and shows any message it lacks in
 * English. English, the reference, is in the bundle (./catalogs). `npm run
 * i18n:report` lists what each language still lacks.
 */
const files = import.meta.glob<Messages>("./languages/*.json", { import: "default" });
const loaders = new Map(
  Object.entries(files).map(([path, load]) => [path.replace(/^.*\/|\.json$/g, ""), load]),
);

/** Every interface language: English, then one per language file, by code. */
export const uiLanguageCodes: readonly string[] = [
  ...builtInLanguages,
  ...[...loaders.keys()].filter((code) => !builtInLanguages.includes(code)).sort(),
];

/** Whether `code` is an interface language. */
export function isUiLanguage(code: string | null): code is string {
  return code !== null && uiLanguageCodes.includes(code);
}

/** Loads under way, so a language asked for twice at once is fetched once. */
const loading = new Map<string, Promise<void>>();

/**
 * Loads a language file's messages once (English needs nothing; an unknown code
 * resolves and shows in English). Rejects when the file cannot be fetched, and a
 * later call tries again.
 */
export function loadLanguage(code: string): Promise<void> {
  if (hasCatalogue(code)) return Promise.resolve();
  const load = loaders.get(code);
  if (!load) return Promise.resolve();
  let pending = loading.get(code);
  if (!pending) {
    pending = load().then(
      (messages) => {
        addCatalogue(code, messages);
        loading.delete(code);
      },
      (error: unknown) => {
        loading.delete(code);
        throw error;
      },
    );
    loading.set(code, pending);
  }
  return pending;
}
