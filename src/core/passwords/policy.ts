import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/*
 * The password rule of Childmark, one pure function for the server (which
 * refuses) and the web pages (which show it while the person types).
 *
 * The dictionaries are those bundled with zxcvbn-ts: 49,233 common passwords
 * (language-common "passwords-common", from breach lists), 7,776 diceware
 * words, and the English lists (55,830 common words, 29,782 Wikipedia words,
 * 4,945 first names, 88,799 last names). A password that is one of them, or
 * one of them with a few digits or symbols around it, scores low and is refused.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's score (0–4) a password must reach: 3 means about 10^8 guesses or more. */
export const PASSWORD_MIN_SCORE = 3;

/** What to fix, most important first; the web and the server word each in their own way. */
export type PasswordProblem =
  | "tooShort"
  | "tooLong"
  | "common"
  | "personal"
  | "repeated"
  | "sequence"
  | "keyboard"
  | "date"
  | "guessable";

export interface PasswordCheck {
  /** Whether the password may be used. */
  ok: boolean;
  /** zxcvbn's strength estimate, 0 (trivial) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  problems: PasswordProblem[];
}

/** Who the password belongs to: words from these must not carry the password. */
export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
}

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Words of a text, 3 letters or more, lower case. */
function wordsOf(...texts: (string | null | undefined)[]): string[] {
  const words = texts.flatMap((text) => (text ?? "").toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/**
 * The owner's own words (the e-mail's local part and the name), which a
 * password must not contain, and with them the e-mail's domain, which only
 * lowers the strength estimate (an organisation's name is guessable, but
 * shared by everyone there).
 */
function ownerWords(owner: PasswordOwner): { own: string[]; all: string[] } {
  const [local, domain] = (owner.email ?? "").split("@");
  const own = wordsOf(local, owner.name);
  return { own, all: [...new Set([...own, ...wordsOf(domain)])] };
}

/** The pattern problems zxcvbn found, for the parts that make a password easy to guess. */
function patternProblems(result: ZxcvbnResult): PasswordProblem[] {
  const found = new Set<PasswordProblem>();
  for (const match of result.sequence) {
    if (match.pattern === "repeat") found.add("repeated");
    else if (match.pattern === "sequence") found.add("sequence");
    else if (match.pattern === "spatial") found.add("keyboard");
    else if (match.pattern === "date") found.add("date");
    else if (match.pattern === "dictionary" && match.dictionaryName === "passwords-common")
      found.add("common");
  }
  return [...found];
}

/**
 * Checks a new password: at least 12 characters, not a common or breached
 * password, not built on the owner's e-mail or name, and strong enough by
 * zxcvbn's estimate. Lists what to fix, most important first.
 */
export function checkPassword(password: string, owner: PasswordOwner = {}): PasswordCheck {
  if (password.length > PASSWORD_MAX_LENGTH) return { ok: false, score: 4, problems: ["tooLong"] };
  const words = ownerWords(owner);
  const result = zxcvbn().check(password, words.all);
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push("tooShort");
  const lower = password.toLowerCase();
  const personal = words.own.some((w) => w.length >= 4 && lower.includes(w));
  if (personal) problems.push("personal");
  const patterns = patternProblems(result);
  if (result.score < PASSWORD_MIN_SCORE) {
    problems.push(...patterns.filter((p) => p !== "common" || !personal));
    if (!problems.some((p) => p !== "tooShort")) problems.push("guessable");
  } else if (patterns.includes("common") && result.sequence.length === 1) {
    // The whole password is one entry of the common-password list.
    problems.push("common");
  }
  return { ok: problems.length === 0, score: result.score, problems };
}
