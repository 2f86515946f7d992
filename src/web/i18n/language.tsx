import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { LocalText } from "../../core/index.ts";
import { isUiLanguage, loadLanguage } from "./language-files.ts";
import { directionOf, hasCatalogue, type MessageKey, translate, type UiLanguage } from "./messages.ts";

interface LanguageValue {
  lang: UiLanguage;
  /** The language being loaded after a switch, shown in the switch until the page changes to it. */
  pending: UiLanguage | null;
  /** Switches to `lang` once its messages are loaded (at once for English or a loaded language). */
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
 * Every language but English is a file loaded when chosen: the page first renders once the saved
 * language's messages are in, and a switch renders (and sets `<html dir>`) only once the new
 * language's messages are in, so no page shows English first or a mix of two languages.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [wanted] = useState<UiLanguage>(readInitialLanguage);
  const [lang, setLangState] = useState<UiLanguage | null>(() => (hasCatalogue(wanted) ? wanted : null));
  /** The language asked for last while its file loads (the switch shows it meanwhile). */
  const [pending, setPending] = useState<UiLanguage | null>(null);
  const latest = useRef<UiLanguage>(wanted);
  useEffect(() => {
    if (lang !== null) return;
    loadLanguage(wanted).then(
      () => {
        if (latest.current === wanted) setLangState(wanted);
      },
      () => {
        if (latest.current === wanted) setLangState("en");
      },
    );
  }, [lang, wanted]);
  // In the same commit as the words, before the browser paints: never Arabic words laid out left to right.
  useLayoutEffect(() => {
    if (lang === null) return;
    document.documentElement.lang = lang;
    document.documentElement.dir = directionOf(lang);
  }, [lang]);
  const value = useMemo<LanguageValue>(() => {
    const shown = lang ?? "en";
    return {
      lang: shown,
      pending,
      setLang: (next) => {
        latest.current = next;
        if (hasCatalogue(next)) {
          window.localStorage.setItem(storageKey, next);
          setPending(null);
          setLangState(next);
          return;
        }
        setPending(next);
        loadLanguage(next).then(
          () => {
            if (latest.current !== next) return;
            window.localStorage.setItem(storageKey, next);
            setPending(null);
            setLangState(next);
          },
          () => {
            // The file could not be fetched (offline): the page stays in its language.
            if (latest.current !== next) return;
            latest.current = shown;
            setPending(null);
          },
        );
      },
      t: (key, vars) => translate(shown, key, vars),
      pick: (text, fallback) => pickText(text, shown, fallback),
    };
  }, [lang, pending]);
  if (lang === null) return null;
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** The chosen language with its translation helpers. */
export function useLanguage(): LanguageValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage must be used inside <LanguageProvider>");
  return value;
}
