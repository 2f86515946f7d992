import { type Framework, type FrameworkIssue, formatIssue, validateFramework } from "../../core/index.ts";
import { UserError } from "../errors.ts";
import type { ImportNote } from "./xlsx/read-xlsform.ts";

/** What checking a framework file found: the framework when valid, every problem, and (XLSForm) the import report. */
export interface FrameworkFileCheck {
  framework?: Framework;
  issues: FrameworkIssue[];
  report: ImportNote[];
}

/**
 * Checks the bytes of a framework file of any format (.json, .xlsx template or XLSForm, told by
 * its bytes and name) and returns every problem at once. The one check behind
 * `childmark framework validate|import` and the web app's upload, so both say the same things.
 * An unreadable or unsafe file throws a UserError.
 */
export async function checkFrameworkBytes(bytes: Buffer, name: string): Promise<FrameworkFileCheck> {
  const ext = name.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? "";
  if (ext !== "" && ext !== ".json" && ext !== ".xlsx")
    throw new UserError(
      `${name}: unknown framework format (${ext}); only .json, an .xlsx template or an XLSForm (.xlsx) can be read`,
      ["save the spreadsheet from Excel or LibreOffice as .xlsx"],
    );
  if (bytes.subarray(0, 2).toString("latin1") === "PK") {
    const { checkFrameworkWorkbook } = await import("./xlsx/read-workbook.ts");
    return checkFrameworkWorkbook(bytes, name);
  }
  if (ext === ".xlsx")
    throw new UserError(`${name} is not an XLSX spreadsheet (its bytes are not a zip archive)`);
  if (ext !== ".json")
    throw new UserError(`${name}: unknown framework format; use .json, or an .xlsx template or XLSForm`);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new UserError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  const result = validateFramework(data);
  return result.ok
    ? { framework: result.framework, issues: [], report: [] }
    : { issues: result.issues, report: [] };
}

/** The check's problems as the lines the CLI prints and the web app lists. */
export function problemLines(check: FrameworkFileCheck): string[] {
  return check.issues.map(formatIssue);
}

/** One line: nodes, indicators by type, languages, bands and classifications. */
export function summariseFramework(fw: Framework): string {
  const byType = new Map<string, number>();
  for (const ind of fw.indicators) byType.set(ind.type, (byType.get(ind.type) ?? 0) + 1);
  const types = [...byType].map(([type, n]) => `${n} ${type}`).join(", ");
  return [
    `${fw.nodes.length} nodes`,
    `${fw.indicators.length} indicators${types ? ` (${types})` : ""}`,
    `${fw.languages.length} language(s) (${fw.languages.join(", ")})`,
    `${fw.bands.length} bands`,
    `${fw.classifications.length} classifications`,
  ].join(", ");
}

/** One line of the XLSForm import report, as the CLI prints it and the web app lists it. */
export function reportLine(n: ImportNote): string {
  return `${n.sheet} row ${n.row} ${n.type}${n.name ? ` ${n.name}` : ""}: ${n.action} — ${n.reason}`;
}

/** The heading of the XLSForm import report. */
export function reportHeading(report: ImportNote[]): string {
  const count = (action: ImportNote["action"]) => report.filter((n) => n.action === action).length;
  return `XLSForm import report: ${count("skipped")} row(s) not imported, ${count("ignored")} part(s) ignored, ${count("assumed")} assumption(s) to review`;
}
