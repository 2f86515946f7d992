import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { CLI_ACTOR } from "../../server/audit/record-audit.ts";
import { UserError } from "../../server/errors.ts";
import { createBackup, restoreBackup } from "../../server/ops/backup.ts";
import { withDatabase } from "../with-database.ts";

export function registerBackup(program: Command): void {
  program
    .command("backup")
    .argument("<file>", "where to write the backup (gzipped JSON, e.g. childmark-2026-11-23.json.gz)")
    .description("Write every table to one file, consistent at one moment")
    .action(async (file: string) => {
      await withDatabase(async ({ db }) => {
        const { bytes, rows } = await createBackup(db, CLI_ACTOR);
        await writeFile(file, bytes);
        console.log(`Backed up ${rows} rows to ${file} (${(bytes.length / 1024).toFixed(0)} KB).`);
      });
    });
  program
    .command("restore")
    .argument("<file>", "a file written by `childmark backup`")
    .description("Replace the whole database with a backup (one transaction)")
    .action(async (file: string) => {
      const bytes = await readFile(file).catch(() => {
        throw new UserError(`cannot read ${file}`);
      });
      await withDatabase(async ({ db }) => {
        const { rows } = await restoreBackup(db, bytes, CLI_ACTOR);
        console.log(`Restored ${rows} rows from ${file}.`);
      });
    });
}
