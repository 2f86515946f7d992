import { extname } from "node:path";
import type { Command } from "commander";
import { type Framework, type FrameworkIssue, formatIssue, validateFramework } from "../../core/index.ts";
import { UserError } from "../../server/errors.ts";
import { readLimitedFile } from "../../server/frameworks/read-framework-file.ts";
import { checkFrameworkWorkbook } from "../../server/frameworks/xlsx/read-workbook.ts";
import type { ImportNote } from "../../server/frameworks/xlsx/read-xlsform.ts";

/** Registers `childmark framework validate FILE`. */
export function registerFrameworkValidate(framework: Command): void {
  framework
    .command("validate")
    .description("Check a framework file (.json, .xlsx template or XLSForm) and list every problem at once")
    .argument("<file>", "framework file")
    .action(async (file: string) => {
      const { framework: fw, issues, report } = await checkFrameworkFile(file);
      if (report.length) printReport(report);
      if (!fw) {
        console.error(`${file}: ${issues.length} problem(s)`);
        for (const issue of issues) console.error(`  ${formatIssue(issue)}`);
        process.exitCode = 1;
        return;
      }
      console.log(`valid: ${summarise(fw)}`);
    });
}

/** Reads and checks a framework file of any format, with the XLSForm import report. */
export async function checkFrameworkFile(
  file: string,
): Promise<{ framework?: Framework; issues: FrameworkIssue[]; report: ImportNote[] }> {
  const bytes = await readLimitedFile(file);
  if (bytes.subarray(0, 2).toString("latin1") === "PK") return checkFrameworkWorkbook(bytes, file);
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx")
    throw new UserError(`${file} is not an XLSX spreadsheet (its bytes are not a zip archive)`);
  if (ext !== ".json")
    throw new UserError(`${file}: unknown framework format; use .json, or an .xlsx template or XLSForm`);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new UserError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = validateFramework(data);
  return result.ok
    ? { framework: result.framework, issues: [], report: [] }
    : { issues: result.issues, report: [] };
}

/** One line: nodes, indicators by type, languages, bands and classifications. */
export function summarise(fw: Framework): string {
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

export function printReport(report: ImportNote[]): void {
  const count = (action: ImportNote["action"]) => report.filter((n) => n.action === action).length;
  console.log(
    `XLSForm import report: ${count("skipped")} row(s) not imported, ${count("ignored")} part(s) ignored, ${count("assumed")} assumption(s) to review`,
  );
  for (const n of report) {
    console.log(
      `  ${n.sheet} row ${n.row} ${n.type}${n.name ? ` ${n.name}` : ""}: ${n.action} — ${n.reason}`,
    );
  }
}
