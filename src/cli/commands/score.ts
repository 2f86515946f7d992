import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Command } from "commander";
import { compileFramework, scoreAnswers } from "../../core/index.ts";
import { readAnswersCsv } from "../../server/data/read-answers-csv.ts";
import { UserError } from "../../server/errors.ts";
import { readFrameworkFile, readLimitedFile } from "../../server/frameworks/read-framework-file.ts";
import { scoresToCsv, scoresToJson } from "../../server/scores/write-scores.ts";

export function registerScore(program: Command): void {
  program
    .command("score")
    .description("Score answers against a framework, from files, without a database")
    .requiredOption("--framework <file>", "framework file: .json, .xlsx template or XLSForm")
    .requiredOption("--data <file>", "answers as CSV with columns entity,period,indicator,value")
    .requiredOption("--out <file>", "where to write scores: .csv or .json")
    .action(async (opts: { framework: string; data: string; out: string }) => {
      const format = extname(opts.out).toLowerCase();
      if (format !== ".csv" && format !== ".json")
        throw new UserError(`--out must end in .csv or .json (got ${opts.out})`);
      const fw = await readFrameworkFile(opts.framework);
      const answers = readAnswersCsv((await readLimitedFile(opts.data)).toString("utf8"), opts.data);
      const table = scoreAnswers(compileFramework(fw), answers);
      const body =
        format === ".csv" ? scoresToCsv(table, fw) : `${JSON.stringify(scoresToJson(table, fw), null, 1)}\n`;
      await writeFile(opts.out, body);
      const skipped = table.skipped.length;
      console.log(
        `Scored ${table.entities.length} entities × ${table.periods.length} periods on ${fw.code} ${fw.version} → ${opts.out}`,
      );
      if (skipped) {
        console.warn(`${skipped} answer(s) were not used, for example:`);
        for (const s of table.skipped.slice(0, 5))
          console.warn(`  ${s.answer.entity} ${s.answer.period} ${s.answer.indicator}: ${s.reason}`);
      }
    });
}
