/**
 * A catalogue of interface messages in ICU MessageFormat (`{count, plural,
 * one {# answer} other {# answers}}`), one object per language with the same
 * keys as English. Each feature keeps its own catalogue in ./catalogs.
 */
export type Catalog<English extends Record<string, string>> = {
  en: English;
  fr: Record<keyof English, string>;
  ar?: Record<keyof English, string>;
};
