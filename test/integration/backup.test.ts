import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { count, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { validateFramework } from "../../src/core/index.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import { answerHistory, answers, frameworks } from "../../src/server/db/schema.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { BACKUP_TABLES, createBackup, restoreBackup } from "../../src/server/ops/backup.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";

describeEachDatabase("backup and restore", (database) => {
  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    const result = validateFramework(JSON.parse(readFileSync("examples/hdi/framework.json", "utf8")));
    if (!result.ok) throw new Error("invalid example");
    await importFramework(db, result.framework);
    await importAnswers(db, {
      framework: "hdi",
      answers: [
        { entity: "AL", period: "2022", indicator: "le", value: "76.8" },
        { entity: "AL", period: "2022", indicator: "eys", value: "14.5" },
      ],
    });
  });

  it("restores exactly what was backed up, and history stays append-only afterwards", async () => {
    const { db } = database();
    const { bytes, rows } = await createBackup(db);
    expect(rows).toBeGreaterThan(250);
    await importAnswers(db, {
      framework: "hdi",
      answers: [{ entity: "AL", period: "2022", indicator: "mys", value: "10.1" }],
    });
    expect((await db.select({ n: count() }).from(answers))[0]!.n).toBe(3);
    const restored = await restoreBackup(db, bytes);
    expect(restored.rows).toBe(rows);
    expect((await db.select({ n: count() }).from(answers))[0]!.n).toBe(2);
    expect((await db.select({ n: count() }).from(answerHistory))[0]!.n).toBe(2);
    // New history rows get fresh ids after a restore.
    await importAnswers(db, {
      framework: "hdi",
      answers: [{ entity: "AL", period: "2022", indicator: "mys", value: "10.1" }],
    });
    expect((await db.select({ n: count() }).from(answerHistory))[0]!.n).toBe(3);
  });

  it("covers every table of the schema (sessions excepted)", async () => {
    const rows = await queryRows<{ table_name: string }>(
      database().db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name).filter((t) => t !== "sessions");
    expect([...tables].sort()).toEqual([...BACKUP_TABLES].sort());
  });

  it("refuses a file that is not a backup and leaves the database as it was", async () => {
    const { db } = database();
    await expect(restoreBackup(db, Buffer.from("hello"))).rejects.toThrow(/not gzipped JSON/);
    await expect(restoreBackup(db, gzipSync('{"format":"other"}'))).rejects.toThrow(/not a Childmark backup/);
    const broken = gzipSync(
      JSON.stringify({
        format: "childmark-backup/1",
        schema: (await import("../../src/server/ops/backup.ts")).schemaTag(),
        tables: { frameworks: [{ id: "not-a-uuid" }] },
      }),
    );
    await expect(restoreBackup(db, broken)).rejects.toThrow();
    expect((await db.select({ n: count() }).from(frameworks))[0]!.n).toBe(1);
  });
});
