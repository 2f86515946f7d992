import { IntlMessageFormat } from "intl-messageformat";

/*
 * How complete and how sound a catalogue is against English: what it lacks,
 * what it leaves in English, and the errors that would show a wrong text
 * (a message that does not parse, a key English does not have, a placeholder
 * English does not fill, a plural without a form the language needs).
 */

export interface CatalogueReport {
  lang: string;
  /** Keys of English. */
  total: number;
  /** English keys the catalogue has no message for (they show in English). */
  missing: string[];
  /** Messages equal to English that contain words (often a slip; sometimes the same word). */
  sameAsEnglish: string[];
  /** Problems that show a wrong or broken text: each names the key. */
  errors: string[];
  /** Plurals without a form the language gives to some whole number (`few` in Russian): wrong grammar. */
  pluralGaps: string[];
}

interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  pluralType?: string;
  children?: Element[];
}
/** AST element types of @formatjs/icu-messageformat-parser. */
const ARGUMENT = new Set([1, 2, 3, 4, 5, 6]);
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

function walk(elements: Element[], visit: (element: Element) => void): void {
  for (const element of elements) {
    visit(element);
    for (const option of Object.values(element.options ?? {})) walk(option.value, visit);
    if (element.type === TAG && element.children) walk(element.children, visit);
  }
}

function parse(message: string, lang: string): Element[] {
  return new IntlMessageFormat(message, lang).getAst() as unknown as Element[];
}

function argumentsOf(ast: Element[]): Set<string> {
  const names = new Set<string>();
  walk(ast, (e) => {
    if (ARGUMENT.has(e.type) && typeof e.value === "string") names.add(e.value);
  });
  return names;
}

/**
 * The plural forms (`one`, `few`, `many`…) a language gives to whole numbers
 * up to 10,000, each with those numbers: French's `many` (millions) is left
 * out, Russian's `one`, `few` and `many` are in, and so are all six of Arabic's.
 */
export function pluralForms(lang: string): Map<string, number[]> {
  const rules = new Intl.PluralRules(lang);
  const forms = new Map<string, number[]>();
  for (let n = 0; n <= 10_000; n++) {
    const form = rules.select(n);
    forms.set(form, [...(forms.get(form) ?? []), n]);
  }
  return forms;
}

/** Checks `messages` (one language) against `english`. */
export function checkCatalogue(
  lang: string,
  english: Readonly<Record<string, string>>,
  messages: Readonly<Record<string, string | undefined>>,
): CatalogueReport {
  const errors: string[] = [];
  const pluralGaps: string[] = [];
  const missing: string[] = [];
  const sameAsEnglish: string[] = [];
  const forms = pluralForms(lang);
  for (const key of Object.keys(messages)) {
    if (!(key in english)) errors.push(`${key}: not an English key`);
  }
  for (const [key, source] of Object.entries(english)) {
    const message = messages[key];
    if (message === undefined) {
      missing.push(key);
      continue;
    }
    if (lang !== "en" && message === source && /\p{L}{2,}/u.test(source.replace(/\{[^{}]*\}/g, ""))) {
      sameAsEnglish.push(key);
    }
    let ast: Element[];
    let sourceAst: Element[];
    try {
      ast = parse(message, lang);
    } catch (error) {
      errors.push(`${key}: does not parse (${(error as Error).message})`);
      continue;
    }
    try {
      sourceAst = parse(source, "en");
    } catch {
      continue; // English's own parse error is reported under "en".
    }
    const own = argumentsOf(ast);
    const wanted = argumentsOf(sourceAst);
    for (const name of own)
      if (!wanted.has(name)) errors.push(`${key}: placeholder {${name}} is not in English`);
    for (const name of wanted)
      if (!own.has(name)) errors.push(`${key}: placeholder {${name}} of English is left out`);
    walk(ast, (e) => {
      if (e.type === PLURAL && e.pluralType !== "ordinal") {
        const have = new Set(Object.keys(e.options ?? {}));
        // A form is covered by its keyword or by exact cases (`=0`) for each of its numbers.
        const lacking = [...forms].filter(
          ([form, ns]) => !have.has(form) && !ns.every((n) => have.has(`=${n}`)),
        );
        if (lacking.length) {
          pluralGaps.push(
            `${key}: plural {${String(e.value)}} lacks ${lacking.map(([form]) => form).join(", ")}`,
          );
        }
      }
      if (e.type === SELECT && !("other" in (e.options ?? {}))) {
        errors.push(`${key}: select {${String(e.value)}} lacks other`);
      }
    });
  }
  return { lang, total: Object.keys(english).length, missing, sameAsEnglish, errors, pluralGaps };
}
