/// <reference types="vite/client" />
import { addCatalogue, builtInLanguages, hasCatalogue, type Messages } from "./messages.ts";

/*
 * Interface languages beyond the built-in ones: each is one file
 * `./languages/{code}.json` mapping message keys to ICU messages. Adding a
 * language is adding its file: it appears in the language switch, is loaded
 * (as its own small chunk) when chosen, and shows any message it lacks in
 * English. `npm run i18n:report` lists what each language still lacks.
 */
const files = import.meta.glob<Messages>("./languages/*.json", { import: "default" });
const loaders = new Map(
  Object.entries(files).map(([path, load]) => [path.replace(/^.*\/|\.json$/g, ""), load]),
);

/** Every interface language: the built-in ones, then one per language file. */
export const uiLanguageCodes: readonly string[] = [
  ...builtInLanguages,
  ...[...loaders.keys()].filter((code) => !builtInLanguages.includes(code)).sort(),
];

/** Whether `code` is an interface language. */
export function isUiLanguage(code: string | null): code is string {
  return code !== null && uiLanguageCodes.includes(code);
}

/** Loads a language file's messages once; built-in languages need nothing. */
export async function loadLanguage(code: string): Promise<void> {
  if (hasCatalogue(code)) return;
  const load = loaders.get(code);
  if (load) addCatalogue(code, await load());
}
