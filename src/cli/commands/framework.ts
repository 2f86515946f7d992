import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { formatIssue } from "../../core/index.ts";
import { CLI_ACTOR } from "../../server/audit/record-audit.ts";
import { UserError } from "../../server/errors.ts";
import { findFrameworkVersion, listFrameworkVersions } from "../../server/frameworks/find-framework.ts";
import { importFramework } from "../../server/frameworks/import-framework.ts";
import { withDatabase } from "../with-database.ts";
import { checkFrameworkFile, printReport } from "./framework-validate.ts";

export function registerFramework(program: Command): Command {
  const framework = program.command("framework").description("Validate, import, list and export frameworks");

  framework
    .command("import")
    .argument("<file>", "framework file: .json, .xlsx template or XLSForm")
    .description("Validate a framework file and store it as a new framework version")
    .action(async (file: string) => {
      const { framework: fw, issues, report } = await checkFrameworkFile(file);
      if (report.length) printReport(report);
      if (!fw)
        throw new UserError(
          `${file} is not a valid framework (${issues.length} problem(s))`,
          issues.map(formatIssue),
        );
      await withDatabase(async ({ db }) => {
        const imported = await importFramework(db, fw, undefined, CLI_ACTOR);
        console.log(
          `Imported ${fw.code} version ${fw.version}: ${fw.nodes.length} nodes, ${fw.indicators.length} indicators (id ${imported.versionId}).`,
        );
      });
    });

  framework
    .command("list")
    .description("List framework versions")
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const rows = await listFrameworkVersions(db);
        if (rows.length === 0)
          console.log("No frameworks yet: import one with `childmark framework import FILE`.");
        for (const r of rows) {
          console.log(
            `${r.id}  ${r.code}@${r.version}  ${r.indicatorCount} indicators  ${r.title[r.defaultLanguage] ?? ""}`,
          );
        }
      });
    });

  framework
    .command("export")
    .argument("<id>", "framework version id, code, or code@version")
    .requiredOption("--format <format>", "json or xlsx")
    .option("--out <file>", "output file (default: CODE-VERSION.FORMAT)")
    .description("Export a stored framework version as JSON or as the XLSX template")
    .action(async (id: string, opts: { format: string; out?: string }) => {
      if (opts.format !== "json" && opts.format !== "xlsx")
        throw new UserError(`--format must be json or xlsx (got ${opts.format})`);
      await withDatabase(async ({ db }) => {
        const { definition } = await findFrameworkVersion(db, id);
        const out =
          opts.out ?? `${definition.code}-${definition.version.replace(/[^\w.-]+/g, "_")}.${opts.format}`;
        if (opts.format === "json") {
          await writeFile(out, `${JSON.stringify(definition, null, 2)}\n`);
        } else {
          const { writeFrameworkWorkbook } = await import("../../server/frameworks/xlsx/write-workbook.ts");
          await writeFile(out, await writeFrameworkWorkbook(definition));
        }
        console.log(`Wrote ${out}`);
      });
    });
  return framework;
}
