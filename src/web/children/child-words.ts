import { useEffect, useMemo, useState } from "react";
import { CHILD_REFUSALS, type ChildRefusal } from "../../core/index.ts";
import { isUiLanguage, loadLanguage } from "../i18n/language-files.ts";
import { directionOf, hasCatalogue, type MessageKey, translate } from "../i18n/messages.ts";

/*
 * The words of the child's pages, from the interface catalogues (`kid…` keys) in the child's
 * language. These pages stand outside the app's language provider: the language is the one the
 * child picks among the consultation's own, and every language but English is a file,
 * loaded before its words are shown.
 */

export type ChildWords = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * The catalogue language for a child's language: `lang` itself when it is an interface language,
 * else English.
 */
function catalogueLanguage(lang: string): string {
  const base = lang.split("-")[0]!;
  return isUiLanguage(base) ? base : "en";
}

/** The child's words and the page's direction in `lang`; English until a language file is loaded. */
export function useChildWords(lang: string): {
  t: ChildWords;
  dir: "rtl" | "ltr";
  ready: boolean;
  /** The language the words are in (English for a language without a catalogue). */
  wordsLang: string;
} {
  const wanted = catalogueLanguage(lang);
  /** The language file whose loading ended (loaded, or failed: its words then show in English). */
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    if (hasCatalogue(wanted)) return;
    let live = true;
    const done = () => {
      if (live) setSettled(wanted);
    };
    loadLanguage(wanted).then(done, done);
    return () => {
      live = false;
    };
  }, [wanted]);
  const ready = hasCatalogue(wanted) || settled === wanted;
  const shown = hasCatalogue(wanted) ? wanted : "en";
  const t = useMemo<ChildWords>(() => (key, vars) => translate(shown, key, vars), [shown]);
  return { t, dir: directionOf(lang), ready, wordsLang: shown };
}

/** The language a child's page starts in before it knows the consultation: `?lang=`, else the browser's. */
export function firstLanguage(): string {
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (asked) return asked;
  return navigator.language.split("-")[0] ?? "en";
}

/** A fixed answer as children see it: its value, its picture and the key of its words. */
export type FixedAnswer = readonly [value: string, picture: string, words: MessageKey];

/** The answers of the yes / no and smiley questions in the order children meet them (saddest face first). */
export const FIXED_ANSWERS: Readonly<Record<string, readonly FixedAnswer[]>> = {
  "yes-no": [
    ["yes", "👍", "kidYes"],
    ["no", "👎", "kidNo"],
    ["not-sure", "🤷", "kidNotSure"],
  ],
  "smiley-5": [
    ["1", "😢", "kidFace1"],
    ["2", "🙁", "kidFace2"],
    ["3", "😐", "kidFace3"],
    ["4", "🙂", "kidFace4"],
    ["5", "😄", "kidFace5"],
  ],
  "smiley-3": [
    ["1", "🙁", "kidFace2"],
    ["2", "😐", "kidFace3"],
    ["3", "🙂", "kidFace4"],
  ],
};

/** What can go wrong on the child's pages: a refusal of the server, or no answer from it. */
export type ChildProblem = ChildRefusal | "busy" | "offline" | "server";

const PROBLEM_WORDS: Record<ChildProblem, MessageKey> = {
  "unknown-code": "kidErrUnknownCode",
  "not-started": "kidErrNotStarted",
  ended: "kidErrEnded",
  "not-shared": "kidErrNotShared",
  "consent-needed": "kidErrConsent",
  "answers-invalid": "kidErrInvalid",
  busy: "kidErrBusy",
  offline: "kidErrOffline",
  server: "kidErrServer",
};

/** The catalogue message that tells a child (or the facilitator) about `problem`. */
export function problemWords(problem: ChildProblem): MessageKey {
  return PROBLEM_WORDS[problem];
}

/** Whether trying again later may work (no connection, the server busy or failing). */
export function isPassing(problem: ChildProblem): boolean {
  return problem === "busy" || problem === "offline" || problem === "server";
}

/**
 * The problem a failed response stands for: the server's `reason` when it gave a known one, else
 * what its status means for a child's request (`notFound` for a 404 without a reason).
 */
export async function problemOf(
  response: Response,
  notFound: ChildRefusal = "unknown-code",
): Promise<ChildProblem> {
  if (response.status === 429) return "busy";
  if (response.status >= 500) return "server";
  const body = (await response.json().catch(() => null)) as { reason?: unknown } | null;
  const reason = body?.reason;
  if (typeof reason === "string" && (CHILD_REFUSALS as readonly string[]).includes(reason))
    return reason as ChildRefusal;
  return response.status === 404 ? notFound : response.status === 409 ? "ended" : "answers-invalid";
}
