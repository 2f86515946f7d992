import type ExcelJS from "exceljs";
import { cellText, readSheetTable } from "./cells.ts";
import { splitXlsFormHeader, toLanguageCode } from "./xlsform-languages.ts";

/** One line of the import report: a row of the XLSForm and what became of it. */
export interface ImportNote {
  sheet: string;
  row: number;
  type: string;
  name: string;
  /** `skipped`: not imported; `ignored`: imported without this part; `assumed`: imported with a guess to review. */
  action: "skipped" | "ignored" | "assumed";
  reason: string;
}

/** A survey or choices row with its translated texts keyed by raw language name ("" for untranslated columns). */
export interface XlsFormRow {
  row: number;
  fields: Map<string, string>;
  texts: Map<string, Map<string, string>>;
}

const TRANSLATED = new Set(["label", "hint", "guidance_hint"]);

/** Reads a sheet of an XLSForm, accepting both `label::fr` and the older `label:fr` headers. */
export function readXlsFormSheet(ws: ExcelJS.Worksheet | undefined): XlsFormRow[] {
  if (!ws) return [];
  const table = readSheetTable(ws);
  return table.rows.map(({ row, cells }) => {
    const fields = new Map<string, string>();
    const texts = new Map<string, Map<string, string>>();
    for (const [header, value] of cells) {
      const { field, language } = splitXlsFormHeader(header);
      const text = cellText(value).trim();
      if (TRANSLATED.has(field)) {
        const byLanguage = texts.get(field) ?? new Map<string, string>();
        byLanguage.set(language ?? "", text);
        texts.set(field, byLanguage);
      } else if (language === undefined) fields.set(field.replace(/\s+/g, "_"), text);
    }
    return { row, fields, texts };
  });
}

/** Maps the raw language names of an XLSForm to codes and picks its default language. */
export function resolveLanguages(
  rows: XlsFormRow[],
  defaultSetting: string | undefined,
  report: ImportNote[],
): { codeOf: (raw: string) => string; defaultLanguage: string; languages: string[] } {
  const codes = new Map<string, string>();
  for (const row of rows) {
    for (const byLanguage of row.texts.values()) {
      for (const raw of byLanguage.keys()) {
        if (raw === "" || codes.has(raw)) continue;
        const { code, known } = toLanguageCode(raw);
        codes.set(raw, code);
        if (!known) {
          report.push({
            sheet: "survey",
            row: 1,
            type: "language",
            name: raw,
            action: "assumed",
            reason: `no known language code for "${raw}"; used "${code}"`,
          });
        }
      }
    }
  }
  let defaultLanguage = defaultSetting ? toLanguageCode(defaultSetting).code : codes.values().next().value;
  if (!defaultLanguage) {
    defaultLanguage = "en";
    report.push({
      sheet: "survey",
      row: 1,
      type: "language",
      name: "label",
      action: "assumed",
      reason: 'labels name no language; assumed English ("en")',
    });
  }
  const languages = [...new Set([defaultLanguage, ...codes.values()])];
  const fallback = defaultLanguage;
  return {
    codeOf: (raw) => (raw === "" ? fallback : (codes.get(raw) ?? toLanguageCode(raw).code)),
    defaultLanguage,
    languages,
  };
}

/** The translations of a field as a code-keyed text; untranslated columns fill only the default language. */
export function toLocalText(
  row: XlsFormRow,
  field: string,
  codeOf: (raw: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const byLanguage = row.texts.get(field);
  if (!byLanguage) return out;
  for (const [raw, text] of byLanguage) if (raw !== "" && text) out[codeOf(raw)] = text;
  const bare = byLanguage.get("");
  if (bare && out[codeOf("")] === undefined) out[codeOf("")] = bare;
  return out;
}

/** Makes a Childmark code from an XLSForm name: letters, digits, `_ . : -`, starting with a letter or digit. */
export function toCode(name: string): string {
  return name
    .trim()
    .replace(/[^A-Za-z0-9_.:-]+/g, "_")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 100);
}
