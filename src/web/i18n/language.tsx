import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import type { LocalText } from "../../core/index.ts";
import { type MessageKey, translate, type UiLanguage, uiLanguages } from "./messages.ts";

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
const rtlLanguages = new Set(["ar", "he", "fa", "ur"]);

function isUiLanguage(value: string | null): value is UiLanguage {
  return value !== null && value in uiLanguages;
}

function readInitialLanguage(): UiLanguage {
  const stored = window.localStorage.getItem(storageKey);
  if (isUiLanguage(stored)) return stored;
  const browser = window.navigator.language.slice(0, 2);
  return isUiLanguage(browser) ? browser : "en";
}

/** Picks text in `lang`, then `fallback`, then English, then whatever exists. */
export function pickText(text: LocalText | undefined, lang: string, fallback = "en"): string {
  if (!text) return "";
  return text[lang] ?? text[fallback] ?? text.en ?? Object.values(text)[0] ?? "";
}

/** Holds the chosen language, remembers it, and keeps `<html lang dir>` in step for assistive tech. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage>(readInitialLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = rtlLanguages.has(lang) ? "rtl" : "ltr";
  }, [lang]);
  const value = useMemo<LanguageValue>(
    () => ({
      lang,
      setLang: (next) => {
        window.localStorage.setItem(storageKey, next);
        setLangState(next);
      },
      t: (key, vars) => translate(lang, key, vars),
      pick: (text, fallback) => pickText(text, lang, fallback),
    }),
    [lang],
  );
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** The chosen language with its translation helpers. */
export function useLanguage(): LanguageValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage must be used inside <LanguageProvider>");
  return value;
}
