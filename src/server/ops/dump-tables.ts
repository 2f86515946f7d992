import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { BACKUP_TABLES, referencedFilePaths } from "./backup-tables.ts";
import { Digest } from "./digest.ts";

export interface DumpedTable {
  name: string;
  /** The spooled NDJSON file (one `row_to_json` per line). */
  path: string;
  rows: number;
  size: number;
  sha256: string;
}

/**
 * Rows as they go into a backup. A token's link must not work from a backup:
 * an unused invitation or password reset is written already expired, and the
 * token in a queued e-mail's link is withheld (the database keeps only hashes,
 * the outbox the link itself).
 */
function forBackup(table: string, line: string, now: Date): string {
  if (table === "auth_tokens") {
    const row = JSON.parse(line) as { expires_at: string; used_at: string | null };
    if (row.used_at === null && new Date(row.expires_at) > now) row.expires_at = now.toISOString();
    return JSON.stringify(row);
  }
  if (table === "outbox") {
    const row = JSON.parse(line) as { body_text: string };
    row.body_text = row.body_text.replace(/#token=[A-Za-z0-9_-]+/g, "#token=withheld-from-backup");
    return JSON.stringify(row);
  }
  return line;
}

/**
 * Writes every table to `<dir>/<table>.ndjson` through a cursor, all read in
 * one repeatable-read transaction (one consistent moment, even while the
 * server keeps writing), and returns the upload paths the rows refer to (evidence, result files, consultation audio, working-group documents).
 */
export async function dumpTables(
  db: Db,
  dir: string,
  now: Date,
): Promise<{ tables: DumpedTable[]; referencedFiles: string[] }> {
  return db.transaction(
    async (tx) => {
      const t = tx as unknown as Db;
      const tables: DumpedTable[] = [];
      for (const name of BACKUP_TABLES)
        tables.push(await dumpTable(t, name, join(dir, `${name}.ndjson`), now));
      return { tables, referencedFiles: await referencedFilePaths(t) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

async function dumpTable(t: Db, name: string, path: string, now: Date): Promise<DumpedTable> {
  const out = createWriteStream(path);
  const digest = new Digest();
  let rows = 0;
  await t.execute(
    sql`declare backup_rows no scroll cursor for select row_to_json(r)::text as line from ${sql.identifier(name)} r`,
  );
  for (;;) {
    const batch = await queryRows<{ line: string }>(t, sql`fetch forward 1000 from backup_rows`);
    if (batch.length === 0) break;
    const chunk = Buffer.from(batch.map((r) => `${forBackup(name, r.line, now)}\n`).join(""));
    digest.add(chunk);
    rows += batch.length;
    if (!out.write(chunk)) await once(out, "drain");
  }
  await t.execute(sql`close backup_rows`);
  out.end();
  await once(out, "finish");
  return { name, path, rows, size: digest.size, sha256: digest.sha256() };
}
