/*
 * Numbers typed in the workspace: people write "12,5" in French and Arabic and
 * may use Arabic-Indic digits, so both are read; the value sent is a JSON number.
 */

const arabicDigits = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** Reads a typed number: null when empty, NaN when it is not a number. */
export function parseNumberText(text: string): number | null {
  const plain = text
    .replace(arabicDigits, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/[\u066b,]/g, ".")
    .replace(/\u2212/g, "-");
  if (plain === "") return null;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(plain)) return Number.NaN;
  return Number(plain);
}

/** Whether a language writes decimals with a comma (French, Arabic, Romanian, Russian…). */
function usesDecimalComma(lang: string): boolean {
  if (lang === "ar") return true;
  try {
    return new Intl.NumberFormat(lang).format(1.5).includes(",");
  } catch {
    return false;
  }
}

/** Writes a number for an input: Latin digits, the decimal comma where the language writes one. */
export function formatNumberText(value: number | string | null, lang: string): string {
  if (value === null || value === "") return "";
  const text = String(value);
  return usesDecimalComma(lang) ? text.replace(".", ",") : text;
}
