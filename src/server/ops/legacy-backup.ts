import { UserError } from "../errors.ts";
import { schemaTag } from "./backup-tables.ts";

const LEGACY_FORMAT = "childmark-backup/1";

/**
 * Reads a backup of the first format (gzipped JSON of every table, no uploaded
 * files, no checksums) and gives each table's rows as JSON texts.
 */
export function readLegacyBackup(json: Buffer): (table: string) => string[] {
  let file: { format?: unknown; schema?: unknown; tables?: Record<string, unknown[]> };
  try {
    file = JSON.parse(json.toString("utf8"));
  } catch {
    throw new UserError("the backup is damaged: it is not valid JSON");
  }
  if (file?.format !== LEGACY_FORMAT || typeof file.tables !== "object" || file.tables === null) {
    throw new UserError(
      `not a Childmark backup (format "${String(file?.format)}", expected "${LEGACY_FORMAT}")`,
    );
  }
  if (file.schema !== schemaTag()) {
    throw new UserError(
      `the backup has schema ${String(file.schema)}, this version of Childmark ${schemaTag()}: use the matching version`,
    );
  }
  const tables = file.tables;
  return (table) => (tables[table] ?? []).map((row) => JSON.stringify(row));
}
