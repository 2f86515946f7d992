/** Common language names in XLSForm column headers (`label::English`), mapped to BCP 47 codes. */
const NAMES: Record<string, string> = {
  english: "en",
  french: "fr",
  français: "fr",
  francais: "fr",
  spanish: "es",
  español: "es",
  espanol: "es",
  portuguese: "pt",
  arabic: "ar",
  chinese: "zh",
  russian: "ru",
  romanian: "ro",
  khmer: "km",
  swahili: "sw",
  hindi: "hi",
  bengali: "bn",
  urdu: "ur",
  german: "de",
  italian: "it",
  dutch: "nl",
  turkish: "tr",
  ukrainian: "uk",
  amharic: "am",
  hausa: "ha",
  somali: "so",
  nepali: "ne",
  burmese: "my",
  vietnamese: "vi",
  indonesian: "id",
  thai: "th",
  pashto: "ps",
  dari: "prs",
  persian: "fa",
  farsi: "fa",
  kinyarwanda: "rw",
};

const BCP47 = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Turns an XLSForm language name into a code: `English (en)` → `en`,
 * `fr` → `fr`, `chinese` → `zh`. Returns `known: false` when the code had
 * to be made up from the name, so the import report can say so.
 */
export function toLanguageCode(name: string): { code: string; known: boolean } {
  const trimmed = name.trim();
  const inBrackets = /\(([^()]+)\)\s*$/.exec(trimmed)?.[1]?.trim();
  if (inBrackets && BCP47.test(inBrackets)) return { code: inBrackets, known: true };
  if (BCP47.test(trimmed)) return { code: trimmed, known: true };
  const bare = trimmed.replace(/\s*\([^()]*\)\s*$/, "").toLowerCase();
  const mapped = NAMES[bare];
  if (mapped) return { code: mapped, known: true };
  const slug = bare
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 35);
  return { code: slug.length >= 2 ? slug : "und", known: false };
}

/**
 * Splits an XLSForm column header into its field and language:
 * `label::English (en)` and the older `label:English` both give
 * `{ field: "label", language: "English (en)" }`; `label` gives no language.
 */
export function splitXlsFormHeader(header: string): { field: string; language?: string } {
  const text = header.trim();
  const at = text.indexOf(":");
  if (at < 0) return { field: text.toLowerCase() };
  const field = text.slice(0, at).trim().toLowerCase();
  const language = text.slice(text[at + 1] === ":" ? at + 2 : at + 1).trim();
  // `media::audio::chinese` style headers keep the first part as the field.
  const lastPart = language.includes("::") ? language.slice(language.lastIndexOf("::") + 2) : language;
  return {
    field: language.includes("::") ? `${field}::${language.slice(0, language.indexOf("::"))}` : field,
    language: lastPart,
  };
}
