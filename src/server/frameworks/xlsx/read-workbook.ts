import type ExcelJS from "exceljs";
import { type Framework, type FrameworkIssue, formatIssue, validateFramework } from "../../../core/index.ts";
import { UserError } from "../../errors.ts";
import { SHEETS } from "./layout.ts";
import { loadWorkbook } from "./load-workbook.ts";
import { readTemplate } from "./read-template.ts";
import { convertXlsForm, type ImportNote, isXlsForm } from "./read-xlsform.ts";

/** The outcome of reading a workbook: the framework if valid, every located issue, and (XLSForm) the import report. */
export interface WorkbookCheck {
  kind: "template" | "xlsform";
  framework?: Framework;
  issues: FrameworkIssue[];
  report: ImportNote[];
}

/**
 * Reads and validates a workbook without throwing on framework problems:
 * every issue comes back at once with its sheet, row and column. Unreadable
 * or unsafe files still throw a UserError.
 */
export async function checkFrameworkWorkbook(bytes: Uint8Array, name: string): Promise<WorkbookCheck> {
  const wb = await loadWorkbook(bytes, name);
  if (isXlsForm(wb)) {
    const { input, report, locator } = convertXlsForm(wb, name);
    const result = validateFramework(input);
    return result.ok
      ? { kind: "xlsform", framework: result.framework, issues: [], report }
      : { kind: "xlsform", issues: locator.locateAll(result.issues), report };
  }
  checkIsTemplate(wb, name);
  const { input, issues, locator } = readTemplate(wb);
  const result = validateFramework(input);
  const all = sortByCell([...issues, ...(result.ok ? [] : locator.locateAll(result.issues))]);
  return result.ok && issues.length === 0
    ? { kind: "template", framework: result.framework, issues: [], report: [] }
    : { kind: "template", issues: all, report: [] };
}

/** Reads a framework from an XLSX template or an XLSForm questionnaire. */
export async function readFrameworkWorkbook(bytes: Buffer, name: string): Promise<Framework> {
  const check = await checkFrameworkWorkbook(bytes, name);
  if (check.framework) return check.framework;
  throw new UserError(
    `${name} is not a valid framework (${check.issues.length} problem(s))`,
    check.issues.map(formatIssue),
  );
}

const SHEET_ORDER = Object.values(SHEETS) as string[];

/** Orders issues as a person reads the workbook: sheet by sheet, row by row. */
function sortByCell(issues: FrameworkIssue[]): FrameworkIssue[] {
  const rank = (i: FrameworkIssue) => [SHEET_ORDER.indexOf(i.location?.sheet ?? ""), i.location?.row ?? 0];
  return issues
    .map((issue, k) => ({ issue, k, r: rank(issue) }))
    .sort((a, b) => a.r[0]! - b.r[0]! || a.r[1]! - b.r[1]! || a.k - b.k)
    .map(({ issue }) => issue);
}

function checkIsTemplate(wb: ExcelJS.Workbook, name: string): void {
  const sheets = wb.worksheets.map((ws) => ws.name);
  if (!sheets.includes("framework") && !sheets.includes("nodes")) {
    throw new UserError(`${name} is neither a Childmark framework template nor an XLSForm`, [
      `a template has the sheets framework, nodes, indicators (an XLSForm has a survey sheet); found: ${sheets.join(", ")}`,
      "the sheets and columns are described in docs/framework-format.md",
    ]);
  }
}
