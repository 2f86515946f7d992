import type ExcelJS from "exceljs";
import { FRAMEWORK_FORMAT, type Framework, formatIssue, validateFramework } from "../../../core/index.ts";
import { UserError } from "../../errors.ts";
import { loadWorkbook } from "./load-workbook.ts";
import { IssueLocator } from "./locate-issues.ts";
import { groupChoices, toIndicator } from "./xlsform-indicators.ts";
import { ignoredParts, normaliseType, whyNotScored } from "./xlsform-questions.ts";
import {
  type ImportNote,
  readXlsFormSheet,
  resolveLanguages,
  toCode,
  toLocalText,
  type XlsFormRow,
} from "./xlsform-sheets.ts";

export type { ImportNote } from "./xlsform-sheets.ts";

/** A framework imported from an XLSForm, with everything that could not be mapped. */
export interface XlsFormImport {
  framework: Framework;
  report: ImportNote[];
}

/**
 * Imports an XLSForm questionnaire (KoboToolbox, ODK): groups become nodes,
 * yes/no `select_one` questions checklists, other `select_one` questions
 * scales with evenly spaced scores, `integer`/`decimal` numbers. Every row
 * that is not imported, and every expression that is dropped, is in the report.
 */
export async function readXlsForm(bytes: Uint8Array, name = "XLSForm"): Promise<XlsFormImport> {
  const { input, report, locator } = convertXlsForm(await loadWorkbook(bytes, name), name);
  const result = validateFramework(input);
  if (!result.ok) {
    throw new UserError(
      `${name} does not make a valid framework (${result.issues.length} problem(s))`,
      locator.locateAll(result.issues).map(formatIssue),
    );
  }
  return { framework: result.framework, report };
}

/** True when a workbook is an XLSForm (it has a `survey` sheet). */
export function isXlsForm(wb: ExcelJS.Workbook): boolean {
  return wb.worksheets.some((ws) => ws.name.trim().toLowerCase() === "survey");
}

const sheet = (wb: ExcelJS.Workbook, name: string) =>
  wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);

/** Converts an XLSForm workbook into a framework object (before validation) and its import report. */
export function convertXlsForm(
  wb: ExcelJS.Workbook,
  fileName: string,
): { input: Record<string, unknown>; report: ImportNote[]; locator: IssueLocator } {
  const report: ImportNote[] = [];
  const locator = new IssueLocator(() => "en");
  locator.remember([], { sheet: "settings", row: 2 });
  const survey = readXlsFormSheet(sheet(wb, "survey"));
  const choices = readXlsFormSheet(sheet(wb, "choices"));
  const settings = readXlsFormSheet(sheet(wb, "settings"))[0]?.fields ?? new Map<string, string>();
  const langs = resolveLanguages(
    [...survey, ...choices],
    settings.get("default_language") || undefined,
    report,
  );
  const lists = groupChoices(choices, report);
  const baseName = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const rootCode = toCode(settings.get("form_id") || baseName) || "xlsform";
  const title = settings.get("form_title") || settings.get("form_id") || baseName || rootCode;
  const used = new Set<string>([rootCode]);
  const nodes: Record<string, unknown>[] = [
    { code: rootCode, parent: null, label: { [langs.defaultLanguage]: title } },
  ];
  const indicators: Record<string, unknown>[] = [];
  const stack: { kind: "group" | "repeat"; code: string; name: string }[] = [];
  const note = (row: XlsFormRow, type: string, action: ImportNote["action"], reason: string) =>
    report.push({ sheet: "survey", row: row.row, type, name: row.fields.get("name") ?? "", action, reason });

  for (const row of survey) {
    const type = normaliseType(row.fields.get("type") ?? "");
    const name = row.fields.get("name") ?? "";
    const repeat = stack.find((f) => f.kind === "repeat");
    if (type === "") {
      note(row, "", "skipped", "row has no type");
      continue;
    }
    if (type === "end group" || type === "end repeat") {
      const kind = type === "end group" ? "group" : "repeat";
      if (stack[stack.length - 1]?.kind === kind) stack.pop();
      else note(row, type, "skipped", `"${type}" without a matching "begin ${kind}"`);
      continue;
    }
    if (repeat) {
      note(row, type, "skipped", `inside repeat "${repeat.name}": repeated answers cannot be scored`);
      if (type === "begin group" || type === "begin repeat")
        stack.push({ kind: type === "begin group" ? "group" : "repeat", code: "", name });
      continue;
    }
    if (type === "begin repeat") {
      note(row, type, "skipped", "a repeat asks its questions several times; such answers cannot be scored");
      stack.push({ kind: "repeat", code: "", name });
      continue;
    }
    if (type !== "begin group" && !isScorable(type)) {
      note(row, type, "skipped", whyNotScored(type));
      continue;
    }
    const parent = stack[stack.length - 1]?.code ?? rootCode;
    const code = uniqueCode(name, used, (reason) => note(row, type, "assumed", reason));
    if (!code) {
      note(row, type, "skipped", `name "${name}" cannot be made into a code`);
      if (type === "begin group") stack.push({ kind: "group", code: parent, name });
      continue;
    }
    const text = toLocalText(row, "label", langs.codeOf);
    if (!text[langs.defaultLanguage]) {
      text[langs.defaultLanguage] = name;
      note(row, type, "assumed", `no label in "${langs.defaultLanguage}"; used the name`);
    }
    if (type === "begin group") {
      for (const reason of ignoredParts(row)) note(row, type, "ignored", reason);
      locator.remember(["nodes", nodes.length], { sheet: "survey", row: row.row, column: "name" });
      nodes.push({ code, parent, label: text });
      stack.push({ kind: "group", code, name });
      continue;
    }
    const base = { code, node: parent, text, ...guidanceOf(row, langs.codeOf) };
    const indicator = toIndicator(
      type,
      base,
      lists,
      langs,
      (action, reason) => note(row, type, action, reason),
      row.fields.get("parameters"),
    );
    if (!indicator) {
      used.delete(code);
      continue;
    }
    for (const reason of ignoredParts(row)) note(row, type, "ignored", reason);
    locator.remember(["indicators", indicators.length], { sheet: "survey", row: row.row, column: "name" });
    indicators.push(indicator);
  }
  for (const open of stack.reverse()) {
    report.push({
      sheet: "survey",
      row: 0,
      type: `begin ${open.kind}`,
      name: open.name,
      action: "assumed",
      reason: "never closed; closed at the end of the survey",
    });
  }
  return {
    input: {
      format: FRAMEWORK_FORMAT,
      code: rootCode,
      version: settings.get("version") || "1",
      title: { [langs.defaultLanguage]: title },
      defaultLanguage: langs.defaultLanguage,
      languages: langs.languages,
      nodes,
      indicators,
    },
    report,
    locator,
  };
}

function isScorable(type: string): boolean {
  return /^(select_one \S+( or_other)?|integer|decimal|range)$/.test(type);
}

function guidanceOf(row: XlsFormRow, codeOf: (raw: string) => string): { guidance?: Record<string, string> } {
  const hint = toLocalText(row, "hint", codeOf);
  return Object.keys(hint).length ? { guidance: hint } : {};
}

function uniqueCode(name: string, used: Set<string>, assumed: (reason: string) => void): string | undefined {
  const base = toCode(name);
  if (!base) return undefined;
  let code = base;
  for (let k = 2; used.has(code); k++) code = `${base}_${k}`;
  if (code !== name) assumed(`name "${name}" imported as code "${code}"; answers must use "${code}"`);
  used.add(code);
  return code;
}
