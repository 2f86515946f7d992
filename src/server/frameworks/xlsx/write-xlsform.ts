import type { Framework, FrameworkNode, Indicator, LocalText } from "../../../core/index.ts";
import { loadExcelJs } from "../../exceljs.ts";
import { writeWorkbook } from "./neutralise-workbook.ts";

/*
 * A framework as an XLSForm (the survey/choices/settings workbook of ODK and KoboToolbox), so a
 * coalition can collect answers offline: each node becomes a group, each indicator a question,
 * each with a text question for its source. Reading the form back with `readXlsForm` gives the
 * same tree and indicator types (scoring rules beyond the types are not part of an XLSForm).
 */

const CHECKLIST_LIST = "yes_partially_no";

/** An XLSForm name: letters, digits, `_`, `.`, `-`, starting with a letter or `_`. */
export function xlsFormName(code: string): string {
  const name = code.replace(/[^A-Za-z0-9_.-]/g, "_");
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/** `English (en)`: the column language ODK shows, with the code that readers map back. */
export function languageColumn(lang: string): string {
  const name = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" }).of(lang) ?? lang;
  return `${name} (${lang})`;
}

function texts(field: string, text: LocalText | undefined, languages: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of languages) {
    const value = text?.[lang];
    if (value) out[`${field}::${languageColumn(lang)}`] = value;
  }
  return out;
}

const SOURCE_LABEL: LocalText = {
  en: "Source of this answer (law, report, link)",
  fr: "Source de cette réponse (loi, rapport, lien)",
  ar: "مصدر هذه الإجابة (قانون، تقرير، رابط)",
  ru: "Источник ответа (закон, доклад, ссылка)",
  ro: "Sursa acestui răspuns (lege, raport, link)",
};

/** The question of an indicator: its type, constraint and the choice list it uses. */
function question(ind: Indicator): { type: string; constraint?: string; list?: string } {
  switch (ind.type) {
    case "checklist":
      return { type: `select_one ${CHECKLIST_LIST}`, list: CHECKLIST_LIST };
    case "scale":
      return {
        type: `select_one ${xlsFormName(ind.code)}_choices`,
        list: `${xlsFormName(ind.code)}_choices`,
      };
    case "percentage":
      return { type: "decimal", constraint: ". >= 0 and . <= 100" };
    case "number":
      return { type: "decimal" };
  }
}

/** The framework as an XLSForm workbook (XLSX bytes, text cells neutralised). */
export async function writeFrameworkXlsForm(fw: Framework): Promise<Buffer> {
  const languages = [fw.defaultLanguage, ...fw.languages.filter((l) => l !== fw.defaultLanguage)];
  const survey: Record<string, string>[] = [];
  const choices: Record<string, string>[] = [];
  const children = new Map<string | null, FrameworkNode[]>();
  for (const node of fw.nodes) children.set(node.parent, [...(children.get(node.parent) ?? []), node]);
  const indicatorsOf = new Map<string, Indicator[]>();
  for (const ind of fw.indicators) indicatorsOf.set(ind.node, [...(indicatorsOf.get(ind.node) ?? []), ind]);

  for (const [code, label] of [
    ["yes", { en: "Yes", fr: "Oui", ar: "نعم", ru: "Да", ro: "Da" }],
    ["partially", { en: "Partially", fr: "Partiellement", ar: "جزئيًا", ru: "Частично", ro: "Parțial" }],
    ["no", { en: "No", fr: "Non", ar: "لا", ru: "Нет", ro: "Nu" }],
  ] as const)
    if (fw.indicators.some((i) => i.type === "checklist"))
      choices.push({ list_name: CHECKLIST_LIST, name: code, ...texts("label", label, languages) });

  const addIndicators = (node: string) => {
    for (const ind of indicatorsOf.get(node) ?? []) {
      const q = question(ind);
      const name = xlsFormName(ind.code);
      const unit = "unit" in ind && ind.unit ? ` (${ind.unit})` : "";
      const label: LocalText = Object.fromEntries(
        Object.entries(ind.text).map(([l, t]) => [l, `${t}${unit}`]),
      );
      survey.push({
        type: q.type,
        name,
        ...texts("label", label, languages),
        ...texts("hint", ind.guidance, languages),
        ...(q.constraint ? { constraint: q.constraint } : {}),
      });
      survey.push({
        type: "text",
        name: `${name}_source`,
        ...texts("label", SOURCE_LABEL, languages),
        required: ind.evidence.required ? "yes" : "",
        relevant: `\${${name}} != ''`,
      });
      if (ind.type === "scale" && q.list)
        for (const choice of ind.scoring.choices)
          choices.push({ list_name: q.list, name: choice.code, ...texts("label", choice.label, languages) });
    }
  };
  const addNode = (node: FrameworkNode) => {
    survey.push({
      type: "begin group",
      name: xlsFormName(node.code),
      ...texts("label", node.label, languages),
    });
    addIndicators(node.code);
    for (const child of children.get(node.code) ?? []) addNode(child);
    survey.push({ type: "end group", name: "" });
  };
  for (const root of children.get(null) ?? []) {
    addIndicators(root.code);
    for (const section of children.get(root.code) ?? []) addNode(section);
  }

  return writeXlsFormBook(survey, choices, {
    form_title: fw.title[fw.defaultLanguage] ?? fw.code,
    form_id: xlsFormName(fw.code),
    version: fw.version,
    default_language: languageColumn(fw.defaultLanguage),
  });
}

/**
 * An XLSForm workbook from its rows: survey and choices (columns in order of first use, `type,
 * name` and `list_name, name` first) and one settings row; XLSX bytes, text cells neutralised.
 */
export async function writeXlsFormBook(
  survey: Record<string, string>[],
  choices: Record<string, string>[],
  settings: Record<string, string>,
): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  const sheet = (name: string, rows: Record<string, string>[], first: string[]) => {
    const headers = [...new Set([...first, ...rows.flatMap((r) => Object.keys(r))])];
    const ws = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = headers.map((h) => ({ header: h, key: h, width: h.startsWith("label") ? 60 : 22 }));
    for (const row of rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
  };
  sheet("survey", survey, ["type", "name"]);
  sheet("choices", choices, ["list_name", "name"]);
  sheet("settings", [settings], Object.keys(settings));
  return writeWorkbook(book);
}
