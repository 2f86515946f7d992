/**
 * Screening of a child's free text before it is stored: e-mail addresses, phone numbers and
 * social-media handles are removed outright (they are never stored); a name given after "my
 * name is" (in the languages of the platform) is removed too; any other word that looks like a
 * name (capitalised inside a sentence) is flagged, so a moderator reads the text before anyone
 * else does and can redact it.
 */

export const REMOVED = "[…]";

export type Finding = "email" | "phone" | "handle" | "name" | "possible-name";

export interface ScreenedText {
  /** The text with what must never be stored replaced by `REMOVED`. */
  text: string;
  findings: Finding[];
  /** Whether a moderator must read the text before it is shown anywhere. */
  needsModeration: boolean;
}

const EMAIL = /[^\s@]+@[^\s@]+/gu;
const HANDLE = /(^|[^\p{L}\p{N}])@[\p{L}\p{N}_.]{2,}/gu;
// Seven or more digits, possibly with +, spaces, dots, dashes or brackets between them.
const PHONE = /\+?\(?\d(?:[\s().-]{0,2}\d){6,}/g;
const NAME_INTRO =
  /(my name is|my name's|i am called|i'm called|je m'appelle|je m’appelle|mon nom est|me llamo|mi nombre es|mă numesc|ma numesc|numele meu (?:este|e)|меня зовут|მე მქვია|իմ անունն է|اسمي|انا اسمي)\s*[:,-]?\s*((?:[\p{L}'’-]+)(?:\s+[\p{Lu}][\p{L}'’-]*)?)/giu;
// A capitalised word after a lower-case word (so not the first word of a sentence).
const CAPITALISED = /(?<=[\p{Ll},]\s+)[\p{Lu}][\p{Ll}'’-]{1,}/gu;
/** Capitalised words that are not names children give: pronouns, days, common proper nouns. */
const NOT_NAMES = new Set([
  "I",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
]);

/** Screens one free-text answer; pure, so the browser could show the same result before sending. */
export function screenText(input: string): ScreenedText {
  const findings = new Set<Finding>();
  let text = input.normalize("NFC");
  text = text.replace(EMAIL, () => {
    findings.add("email");
    return REMOVED;
  });
  text = text.replace(HANDLE, (_m, before: string) => {
    findings.add("handle");
    return `${before}${REMOVED}`;
  });
  text = text.replace(PHONE, () => {
    findings.add("phone");
    return REMOVED;
  });
  text = text.replace(NAME_INTRO, (_m, intro: string) => {
    findings.add("name");
    return `${intro} ${REMOVED}`;
  });
  for (const word of text.match(CAPITALISED) ?? []) if (!NOT_NAMES.has(word)) findings.add("possible-name");
  return { text, findings: [...findings].sort(), needsModeration: findings.size > 0 };
}

/** A moderator's redaction: every occurrence of each part is replaced by `REMOVED`. */
export function redactParts(text: string, parts: readonly string[]): string {
  return parts.filter((p) => p.trim().length > 0).reduce((out, part) => out.split(part).join(REMOVED), text);
}
