import { basename } from "node:path";
import { type Command, Option } from "commander";
import { CLI_ACTOR } from "../../server/audit/record-audit.ts";
import { UserError } from "../../server/errors.ts";
import { readLimitedFile } from "../../server/frameworks/read-framework-file.ts";
import { columnMapping, PRESETS, type PresetName } from "../../server/recommendations/fields.ts";
import { importRecommendations } from "../../server/recommendations/import-recommendations.ts";
import { saveMapping } from "../../server/recommendations/manage.ts";
import { startProgress } from "../progress.ts";
import { withDatabase } from "../with-database.ts";

/** `childmark recommendations import FILE --preset …` and `childmark recommendations mapping NAME FILE`. */
export function registerRecommendations(program: Command): void {
  const command = program.command("recommendations").description("UN recommendations to States");
  command
    .command("import")
    .argument("<file>", "CSV or XLSX file of recommendations")
    .addOption(
      new Option("--preset <preset>", "layout of the file").choices([...PRESETS]).makeOptionMandatory(),
    )
    .option(
      "--mapping <name>",
      "saved column mapping (generic preset; without it, columns are matched by name)",
    )
    .option("--mechanism <mechanism>", "mechanism of the rows when no column gives it (e.g. upr)")
    .option("--state <name>", "State under review, when the file has no such column (OHCHR thematic lists)")
    .description(
      "Import in one transaction; duplicates (same text, State and session) are merged and reported",
    )
    .action(
      async (
        file: string,
        opts: { preset: PresetName; mapping?: string; mechanism?: string; state?: string },
      ) => {
        const bytes = await readLimitedFile(file);
        await withDatabase(async ({ db }) => {
          const progress = startProgress("Importing recommendations");
          try {
            const r = await importRecommendations(db, {
              bytes,
              fileName: basename(file),
              preset: opts.preset,
              mappingName: opts.mapping,
              defaults: { mechanism: opts.mechanism },
              state: opts.state,
              audit: CLI_ACTOR,
              onProgress: progress.update,
            });
            progress.stop();
            console.log(
              `Imported ${file} (${r.encoding}): ${r.rowsRead} rows, ${r.added} new recommendations, ` +
                `${r.duplicatesInFile} duplicate rows merged, ${r.alreadyStored} already stored (${r.merged} gained details).`,
            );
            for (const d of r.duplicates.slice(0, 20)) {
              console.log(
                `  line ${d.line}: ${d.sameAsLine ? `same as line ${d.sameAsLine}` : "already stored"}`,
              );
            }
            if (r.duplicates.length > 20)
              console.log(`  … ${r.duplicatesInFile + r.alreadyStored - 20} more duplicates`);
          } finally {
            progress.stop();
          }
        });
      },
    );
  command
    .command("mapping")
    .argument("<name>", "name to save the mapping under")
    .argument(
      "<json-file>",
      'JSON object { "column in the file": "field" }, e.g. { "Pays": "state", "Texte": "text" }',
    )
    .description("Save a column mapping for the generic preset")
    .action(async (name: string, jsonFile: string) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse((await readLimitedFile(jsonFile)).toString("utf8"));
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`${jsonFile}: not valid JSON`);
      }
      const columns = columnMapping.safeParse(parsed);
      if (!columns.success) {
        throw new UserError(
          `${jsonFile}: not a column mapping`,
          columns.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`),
        );
      }
      await withDatabase(async ({ db }) => {
        await saveMapping(db, name, columns.data, null);
        console.log(`Saved mapping "${name}" (${Object.keys(columns.data).length} columns).`);
      });
    });
}
