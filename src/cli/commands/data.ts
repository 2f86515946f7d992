import type { Command } from "commander";
import { CLI_ACTOR } from "../../server/audit/record-audit.ts";
import { importAnswers } from "../../server/data/import-answers.ts";
import { readAnswersCsv } from "../../server/data/read-answers-csv.ts";
import { readLimitedFile } from "../../server/frameworks/read-framework-file.ts";
import { startProgress } from "../progress.ts";
import { withDatabase } from "../with-database.ts";

export function registerData(program: Command): void {
  const data = program.command("data").description("Import country data");
  data
    .command("import")
    .argument(
      "<file>",
      "CSV with columns entity,period,indicator,value (entity = ISO country code, period = cycle)",
    )
    .requiredOption("--framework <id>", "framework version id, code, or code@version")
    .description("Import answers in one transaction and recompute the scores")
    .action(async (file: string, opts: { framework: string }) => {
      const answers = readAnswersCsv((await readLimitedFile(file)).toString("utf8"), file);
      await withDatabase(async ({ db }) => {
        const progress = startProgress("Importing answers");
        try {
          const r = await importAnswers(db, {
            framework: opts.framework,
            answers,
            fileName: file,
            audit: CLI_ACTOR,
            onProgress: progress.update,
          });
          progress.stop();
          console.log(
            `Imported ${file}: ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged answers in ${r.assessments} assessments of ${r.cycles} cycle(s).`,
          );
        } finally {
          progress.stop();
        }
      });
    });
}
