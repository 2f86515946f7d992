import type { Command } from "commander";
import { CLI_ACTOR } from "../../server/audit/record-audit.ts";
import { openDatabase } from "../../server/db/connect.ts";
import { UserError } from "../../server/errors.ts";
import { assertPgliteDatabaseExists } from "../../server/ops/backup-tables.ts";
import { createBackup } from "../../server/ops/create-backup.ts";
import { restoreBackup } from "../../server/ops/restore-backup.ts";
import { withDatabase } from "../with-database.ts";

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function registerBackup(program: Command): void {
  program
    .command("backup")
    .argument("<file>", "where to write the backup (a gzipped tar, e.g. childmark-2026-11-23.tar.gz)")
    .description(
      "Write every table, read at one moment, and every uploaded file, with a manifest of checksums",
    )
    .action(async (file: string) => {
      // The database is opened as it is: never created, migrated or seeded by a backup.
      assertPgliteDatabaseExists();
      const database = await openDatabase().catch((error: Error) => {
        throw new UserError(`cannot open the database: ${error.message}`);
      });
      try {
        const result = await createBackup(database, file, { audit: CLI_ACTOR });
        if (result.missingFiles.length) {
          console.error(
            `childmark: warning: ${result.missingFiles.length} evidence file(s) the database refers to were already missing from the uploads folder:\n${result.missingFiles.map((p) => `  - ${p}`).join("\n")}`,
          );
        }
        console.log(
          `Backed up ${result.rows} rows of ${result.tables} tables and ${result.files} uploaded file(s) to ${file} (${megabytes(result.bytes)}).`,
        );
      } finally {
        await database.close();
      }
    });
  program
    .command("restore")
    .argument("<file>", "a file written by `childmark backup`")
    .description(
      "Check a backup against its manifest, then replace the database and the uploads folder with it (one transaction)",
    )
    .action(async (file: string) => {
      await withDatabase(async (database) => {
        const result = await restoreBackup(database, file, { audit: CLI_ACTOR });
        console.log(`Restored ${result.rows} rows and ${result.files} uploaded file(s) from ${file}.`);
        if (result.format === 1) {
          console.log(
            "This backup is of the first format: it holds no uploaded files; the uploads folder is unchanged.",
          );
        }
        console.log(
          `Everybody signs in again; unused invitation and password-reset links no longer work (${result.expiredTokens} expired).`,
        );
        if (result.previousUploads) {
          console.log(
            `The uploads folder found before is kept in ${result.previousUploads}; delete it when done.`,
          );
        }
      });
    });
}
