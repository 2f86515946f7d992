import type { Command } from "commander";
import { formatIssue } from "../../core/index.ts";
import {
  checkFrameworkBytes,
  type FrameworkFileCheck,
  reportHeading,
  reportLine,
  summariseFramework,
} from "../../server/frameworks/check-framework-file.ts";
import { readLimitedFile } from "../../server/frameworks/read-framework-file.ts";
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
      console.log(`valid: ${summariseFramework(fw)}`);
    });
}

/** Reads and checks a framework file of any format, with the XLSForm import report. */
export async function checkFrameworkFile(file: string): Promise<FrameworkFileCheck> {
  return checkFrameworkBytes(await readLimitedFile(file), file);
}

export function printReport(report: ImportNote[]): void {
  console.log(reportHeading(report));
  for (const n of report) console.log(`  ${reportLine(n)}`);
}
