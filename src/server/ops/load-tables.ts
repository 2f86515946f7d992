import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { BACKUP_TABLES } from "./backup-tables.ts";

const CHUNK_ROWS = 2000;
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Empties every table (and `sessions`, so everybody signs in again) and loads
 * each table's rows, given as JSON texts, in bounded chunks. Then moves every
 * sequence past the restored ids and expires every unused invitation and
 * password-reset token, so no link from before the backup works. Call inside
 * one transaction. Returns the number of rows loaded.
 */
export async function replaceTables(
  t: Db,
  rowsOf: (table: string) => AsyncIterable<string> | Iterable<string>,
): Promise<{ rows: number; expiredTokens: number }> {
  await t.execute(sql.raw(`truncate sessions, ${BACKUP_TABLES.join(", ")} cascade`));
  let rows = 0;
  for (const table of BACKUP_TABLES) {
    let chunk: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await t.execute(
        sql`insert into ${sql.identifier(table)} select * from jsonb_populate_recordset(null::${sql.identifier(table)}, ${`[${chunk.join(",")}]`}::jsonb)`,
      );
      rows += chunk.length;
      chunk = [];
      bytes = 0;
    };
    for await (const line of rowsOf(table)) {
      chunk.push(line);
      bytes += line.length;
      if (chunk.length >= CHUNK_ROWS || bytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  }
  await advanceSequences(t);
  const expired = await queryRows<{ id: string }>(
    t,
    sql`update auth_tokens set expires_at = now() where used_at is null and expires_at > now() returning id`,
  );
  return { rows, expiredTokens: expired.length };
}

/** Every serial or identity column's sequence continues after the highest restored value. */
async function advanceSequences(t: Db): Promise<void> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    t,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
  for (const { table_name: table, column_name: column } of columns) {
    await t.execute(
      sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table)}), 0) + 1, false)`,
    );
  }
}
