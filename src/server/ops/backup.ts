import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { UserError } from "../errors.ts";
import { forgetReleases } from "../releases/read-release.ts";

/** Every table, parents before children, so a restore can insert in this order. */
export const BACKUP_TABLES = [
  "regions",
  "countries",
  "organisations",
  "users",
  "role_assignments",
  "auth_tokens",
  "outbox",
  "frameworks",
  "framework_versions",
  "framework_nodes",
  "indicators",
  "classifications",
  "classification_values",
  "indicator_classifications",
  "cycles",
  "assessments",
  "assignments",
  "answers",
  "answer_history",
  "evidence_sources",
  "comments",
  "assessment_events",
  "notifications",
  "score_snapshots",
  "score_values",
  "recommendation_imports",
  "import_mappings",
  "recommendations",
  "implementation_assessments",
  "recommendation_saved_searches",
  "recommendation_indicator_rejections",
  "releases",
  "tracking_publications",
  "result_plans",
  "result_nodes",
  "result_indicators",
  "result_values",
  "result_value_history",
] as const;

const FORMAT = "childmark-backup/1";

interface BackupFile {
  format: typeof FORMAT;
  createdAt: string;
  schema: string;
  tables: Record<string, Record<string, unknown>[]>;
}

/** The tag of the newest migration: a backup restores only into the same schema. */
export function schemaTag(): string {
  const journal = resolve(dirname(fileURLToPath(import.meta.url)), "../db/migrations/meta/_journal.json");
  const entries = (JSON.parse(readFileSync(journal, "utf8")) as { entries: { tag: string }[] }).entries;
  return entries[entries.length - 1]!.tag;
}

/** Writes every row of every table as gzipped JSON; works the same on PGlite and PostgreSQL. */
export async function createBackup(db: Db): Promise<{ bytes: Buffer; rows: number }> {
  const tables: BackupFile["tables"] = {};
  let rows = 0;
  await db.transaction(async (tx) => {
    for (const table of BACKUP_TABLES) {
      tables[table] = await queryRows(tx as unknown as Db, sql`select * from ${sql.identifier(table)}`);
      rows += tables[table].length;
    }
  });
  const file: BackupFile = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    schema: schemaTag(),
    tables,
  };
  return { bytes: gzipSync(JSON.stringify(file)), rows };
}

/**
 * Replaces the whole database with a backup, in one transaction: if any row
 * fails, the database is left exactly as it was.
 */
export async function restoreBackup(db: Db, bytes: Buffer): Promise<{ rows: number }> {
  let file: BackupFile;
  try {
    file = JSON.parse(gunzipSync(bytes).toString("utf8")) as BackupFile;
  } catch {
    throw new UserError("not a Childmark backup: the file is not gzipped JSON");
  }
  if (file.format !== FORMAT || typeof file.tables !== "object") {
    throw new UserError(`not a Childmark backup (format "${String(file.format)}", expected "${FORMAT}")`);
  }
  if (file.schema !== schemaTag()) {
    throw new UserError(
      `the backup has schema ${file.schema}, this version of Childmark ${schemaTag()}: use the matching version`,
    );
  }
  let rows = 0;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // Sessions are not backed up: restoring signs everybody out.
    await t.execute(sql.raw(`truncate sessions, ${BACKUP_TABLES.join(", ")} cascade`));
    for (const table of BACKUP_TABLES) {
      const list = file.tables[table] ?? [];
      for (let i = 0; i < list.length; i += 5000) {
        const chunk = JSON.stringify(list.slice(i, i + 5000));
        await t.execute(
          sql`insert into ${sql.identifier(table)} select * from jsonb_populate_recordset(null::${sql.identifier(table)}, ${chunk}::jsonb)`,
        );
      }
      rows += list.length;
    }
    for (const table of ["answer_history", "assessment_events"]) {
      await t.execute(
        sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.identifier(table)}), 0) + 1, false)`,
      );
    }
  });
  // Releases are cached by slug in this process; the restored ones may differ.
  forgetReleases(db);
  return { rows };
}
