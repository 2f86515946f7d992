import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import type { LocalText } from "../../core/index.ts";
import { isUiLanguage, loadLanguage } from "./language-files.ts";
import { directionOf, hasCatalogue, type MessageKey, translate, type UiLanguage } from "./messages.ts";

interface LanguageValue {
  lang: UiLanguage;
  setLang: (lang: UiLanguage) => void;
  /** The interface's own words. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Framework or API text in the chosen language, else `fallback`'s, else any. */
  pick: (text: LocalText | undefined, fallback?: string) => string;
}

const LanguageContext = createContext<LanguageValue | null>(null);
const storageKey = "childmark.lang";
function readInitialLanguage(): UiLanguage {
  const stored = window.localStorage.getItem(storageKey);
  if (isUiLanguage(stored)) return stored;
  const browser = window.navigator.language.split("-")[0]!;
  return isUiLanguage(browser) ? browser : "en";
}

/** Picks text in `lang`, then `fallback`, then English, then whatever exists. */
export function pickText(text: LocalText | undefined, lang: string, fallback = "en"): string {
  if (!text) return "";
  return text[lang] ?? text[fallback] ?? text.en ?? Object.values(text)[0] ?? "";
}

/**
 * Holds the chosen language, remembers it, and keeps `<html lang dir>` in step for assistive tech.
 * A language kept in a file is loaded before it is shown, so no page flashes in English.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [wanted] = useState<UiLanguage>(readInitialLanguage);
  const [lang, setLangState] = useState<UiLanguage | null>(() => (hasCatalogue(wanted) ? wanted : null));
  useEffect(() => {
    if (lang !== null) return;
    loadLanguage(wanted).then(
      () => setLangState(wanted),
      () => setLangState("en"),
    );
  }, [lang, wanted]);
  useEffect(() => {
    if (lang === null) return;
    document.documentElement.lang = lang;
    document.documentElement.dir = directionOf(lang);
  }, [lang]);
  const value = useMemo<LanguageValue>(() => {
    const shown = lang ?? "en";
    return {
      lang: shown,
      setLang: (next) => {
        window.localStorage.setItem(storageKey, next);
        loadLanguage(next).then(
          () => setLangState(next),
          () => undefined,
        );
      },
      t: (key, vars) => translate(shown, key, vars),
      pick: (text, fallback) => pickText(text, shown, fallback),
    };
  }, [lang]);
  if (lang === null) return null;
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** The chosen language with its translation helpers. */
export function useLanguage(): LanguageValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage must be used inside <LanguageProvider>");
  return value;
}
