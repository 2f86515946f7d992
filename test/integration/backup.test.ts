import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { count, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateFramework } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import {
  acceptInvitation,
  confirmPasswordReset,
  inviteUser,
  requestPasswordReset,
} from "../../src/server/auth/email-tokens.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { queryRows } from "../../src/server/db/query-rows.ts";
import {
  answerHistory,
  answers,
  authTokens,
  frameworks,
  outbox,
  workingGroupDocuments,
  workingGroups,
} from "../../src/server/db/schema.ts";
import { storeFile } from "../../src/server/evidence/store-file.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { BACKUP_TABLES, schemaTag } from "../../src/server/ops/backup-tables.ts";
import { createBackup } from "../../src/server/ops/create-backup.ts";
import { restoreBackup } from "../../src/server/ops/restore-backup.ts";
import { tarFileHeader } from "../../src/server/ops/tar.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase, openTestDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, signInAs, type TestUser } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";
import { runCli } from "../support/run-cli.ts";
import { multipartBody, PDF } from "./evidence-files.ts";

/** Every file under a folder, relative path → bytes. */
async function filesUnder(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files: Record<string, string> = {};
  for (const e of entries.filter((e) => e.isFile())) {
    const full = join(e.parentPath, e.name);
    files[full.slice(root.length + 1)] = (await readFile(full)).toString("base64");
  }
  return files;
}

let tamperings = 0;

/** The backup with the first occurrence of `from` in its (uncompressed) tar replaced by `to`, same length. */
function tampered(file: string, from: string | Buffer, to: string | Buffer): string {
  const tar = gunzipSync(readFileSync(file));
  const at = tar.indexOf(from);
  if (at < 0) throw new Error("nothing to tamper with");
  Buffer.from(to).copy(tar, at);
  const out = `${file}.tampered-${++tamperings}.tar.gz`;
  writeFileSync(out, gzipSync(tar));
  return out;
}

describeEachDatabase("backup and restore", (database) => {
  let dir: string;
  let uploads: string;
  let previousDataDir: string | undefined;
  let app: FastifyInstance;
  let coordinator: TestUser;
  let assessment: string;
  const count$ = async (table: typeof answers | typeof frameworks | typeof answerHistory) =>
    (await database().db.select({ n: count() }).from(table))[0]!.n;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "childmark-backup-"));
    previousDataDir = process.env.CHILDMARK_DATA_DIR;
    process.env.CHILDMARK_DATA_DIR = join(dir, "data");
    uploads = join(dir, "data", "uploads");
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
    assessment = (await buildAssessments(db, { countries: ["MD"] })).assessments.MD!;
    coordinator = await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
    });
    app = await buildApp({ database: database() });
  });
  afterAll(async () => {
    await app?.close();
    if (previousDataDir === undefined) delete process.env.CHILDMARK_DATA_DIR;
    else process.env.CHILDMARK_DATA_DIR = previousDataDir;
    await rm(dir, { recursive: true, force: true });
  });

  it("restores exactly what was backed up, and history stays append-only afterwards", async () => {
    const file = join(dir, "rows.tar.gz");
    const { rows } = await createBackup(database(), file);
    expect(rows).toBeGreaterThan(250);
    await importAnswers(database().db, {
      framework: "hdi",
      answers: [{ entity: "AL", period: "2022", indicator: "mys", value: "10.1" }],
    });
    const answersBefore = await count$(answers);
    const restored = await restoreBackup(database(), file);
    expect(restored).toMatchObject({ format: 2, rows });
    expect(await count$(answers)).toBe(answersBefore - 1);
    const history = await count$(answerHistory);
    // New history rows get fresh ids after a restore.
    await importAnswers(database().db, {
      framework: "hdi",
      answers: [{ entity: "AL", period: "2022", indicator: "mys", value: "10.1" }],
    });
    expect(await count$(answerHistory)).toBe(history + 1);
  });

  it("covers every table of the schema (sessions excepted)", async () => {
    const rows = await queryRows<{ table_name: string }>(
      database().db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name).filter((t) => t !== "sessions");
    expect([...tables].sort()).toEqual([...BACKUP_TABLES].sort());
  });

  it("backs up an uploaded evidence file; restored into a fresh database and data folder, the app serves the same bytes", async () => {
    const session = await signInAs(app, coordinator);
    const upload = multipartBody({ filename: "report.pdf", content: PDF }, { citation: "Annual report" });
    const added = await app.inject({
      method: "POST",
      url: `/api/assessments/${assessment}/answers/cv.01/evidence`,
      headers: { ...session.headers, ...upload.headers },
      payload: upload.payload,
    });
    expect(added.statusCode, added.body).toBe(201);
    const downloadUrl = added.json().file.downloadUrl as string;
    const file = join(dir, "with-files.tar.gz");
    const backup = await createBackup(database(), file);
    expect(backup).toMatchObject({ files: 1, missingFiles: [] });

    const fresh = await openTestDatabase(database().kind);
    const freshUploads = join(dir, "fresh", "uploads");
    const freshApp = await buildApp({ database: fresh });
    try {
      const restored = await restoreBackup(fresh, file, { uploads: freshUploads });
      expect(restored).toMatchObject({ format: 2, rows: backup.rows, files: 1, previousUploads: undefined });
      // The evidence download reads the uploads folder of the data folder in use.
      process.env.CHILDMARK_DATA_DIR = join(dir, "fresh");
      const freshSession = await signInAs(freshApp, coordinator);
      const download = await freshApp.inject({ url: downloadUrl, headers: freshSession.headers });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect(readdirNames(join(dir, "fresh"))).toEqual(["uploads"]);
    } finally {
      process.env.CHILDMARK_DATA_DIR = join(dir, "data");
      await freshApp.close();
      await fresh.close();
    }
    // Restoring over a server that has uploads keeps the previous folder aside; sessions end.
    const restored = await restoreBackup(database(), file);
    expect(restored.previousUploads).toMatch(/uploads\.before-restore-/);
    expect(await filesUnder(restored.previousUploads!)).toEqual(await filesUnder(uploads));
    expect((await app.inject({ url: downloadUrl, headers: session.headers })).statusCode).toBe(401);
  });

  it("refuses a damaged or changed backup and changes nothing", async () => {
    const file = join(dir, "to-tamper.tar.gz");
    await createBackup(database(), file);
    await importAnswers(database().db, {
      framework: "hdi",
      answers: [{ entity: "AL", period: "2023", indicator: "le", value: "77.1" }],
    });
    const answersBefore = await count$(answers);
    const filesBefore = await filesUnder(uploads);
    expect(Object.keys(filesBefore).length).toBeGreaterThan(0);
    const attempts: [string, RegExp][] = [
      [tampered(file, PDF.subarray(0, 20), "%PDF-1.4\n9 0 obj <</"), /uploads\/\d{4}\/[0-9a-f-]+: checksum/],
      [tampered(file, '"value_number":76.8', '"value_number":99.9'), /database\/answers.ndjson: checksum/],
      [tampered(file, '"rows":', '"rowz":'), /manifest.json is incomplete/],
    ];
    const whole = gunzipSync(readFileSync(file));
    const cut = join(dir, "cut.tar.gz");
    writeFileSync(cut, gzipSync(whole.subarray(0, whole.length - 4096)));
    attempts.push([cut, /damaged/]);
    const truncatedGzip = join(dir, "truncated.tar.gz");
    const gz = readFileSync(file);
    writeFileSync(truncatedGzip, gz.subarray(0, gz.length - 100));
    attempts.push([truncatedGzip, /damaged/]);
    for (const [bad, message] of attempts) {
      const error = await restoreBackup(database(), bad).then(
        () => undefined,
        (e: Error & { problems?: string[] }) => `${e.message}\n${(e.problems ?? []).join("\n")}`,
      );
      expect(error).toMatch(message);
      expect(await count$(answers)).toBe(answersBefore);
      expect(await filesUnder(uploads)).toEqual(filesBefore);
    }
    expect((await readdir(join(dir, "data"))).filter((n) => n.startsWith(".childmark-restore-"))).toEqual([]);
  });

  it("refuses a gzip bomb once it unpacks past the configured limit, before anything changes", async () => {
    const limits = {
      total: process.env.CHILDMARK_MAX_RESTORE_MB,
      legacy: process.env.CHILDMARK_MAX_LEGACY_RESTORE_MB,
    };
    process.env.CHILDMARK_MAX_RESTORE_MB = "2";
    process.env.CHILDMARK_MAX_LEGACY_RESTORE_MB = "1";
    try {
      // A tar entry announcing 64 MB of zeros: about 64 KB once gzipped.
      const huge = 64 * 1048576;
      const bomb = join(dir, "bomb.tar.gz");
      writeFileSync(
        bomb,
        gzipSync(Buffer.concat([tarFileHeader("database/answers.ndjson", huge), Buffer.alloc(huge)]), {
          level: 9,
        }),
      );
      expect(readFileSync(bomb).length).toBeLessThan(256 * 1024);
      // The first format is read whole into memory: its own, smaller limit.
      const legacyBomb = join(dir, "bomb.json.gz");
      writeFileSync(legacyBomb, gzipSync(`{"tables":"${" ".repeat(8 * 1048576)}"}`, { level: 9 }));
      const answersBefore = await count$(answers);
      const filesBefore = await filesUnder(uploads);
      await expect(restoreBackup(database(), bomb)).rejects.toThrow(
        "the backup unpacks to more than 2 MB (the limit set by CHILDMARK_MAX_RESTORE_MB): refused, nothing was restored",
      );
      await expect(restoreBackup(database(), legacyBomb)).rejects.toThrow(
        /more than 1 MB \(the limit set by CHILDMARK_MAX_LEGACY_RESTORE_MB\)/,
      );
      expect(await count$(answers)).toBe(answersBefore);
      expect(await filesUnder(uploads)).toEqual(filesBefore);
      expect((await readdir(join(dir, "data"))).filter((n) => n.startsWith(".childmark-restore-"))).toEqual(
        [],
      );
    } finally {
      for (const [variable, value] of [
        ["CHILDMARK_MAX_RESTORE_MB", limits.total],
        ["CHILDMARK_MAX_LEGACY_RESTORE_MB", limits.legacy],
      ] as const) {
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
      }
    }
  });

  it("refuses a file that is not a backup; still reads a backup of the first format", async () => {
    const notGzip = join(dir, "hello.txt");
    writeFileSync(notGzip, "hello");
    const frameworksBefore = await count$(frameworks);
    await expect(restoreBackup(database(), notGzip)).rejects.toThrow(/not gzip-compressed/);
    const other = join(dir, "other.json.gz");
    writeFileSync(other, gzipSync('{"format":"other"}'));
    await expect(restoreBackup(database(), other)).rejects.toThrow(/not a Childmark backup/);
    await expect(restoreBackup(database(), join(dir, "absent.tar.gz"))).rejects.toThrow(/cannot read/);
    const broken = join(dir, "broken.json.gz");
    writeFileSync(
      broken,
      gzipSync(
        JSON.stringify({
          format: "childmark-backup/1",
          schema: schemaTag(),
          tables: { frameworks: [{ id: "x" }] },
        }),
      ),
    );
    await expect(restoreBackup(database(), broken)).rejects.toThrow();
    expect(await count$(frameworks)).toBe(frameworksBefore);

    const legacy = join(dir, "legacy.json.gz");
    await writeLegacyBackup(database().db, legacy);
    const filesBefore = await filesUnder(uploads);
    const answersBefore = await count$(answers);
    await importAnswers(database().db, {
      framework: "hdi",
      answers: [{ entity: "AL", period: "2024", indicator: "le", value: "77.3" }],
    });
    const restored = await restoreBackup(database(), legacy);
    expect(restored).toMatchObject({ format: 1, files: 0 });
    expect(await count$(answers)).toBe(answersBefore);
    expect(await filesUnder(uploads)).toEqual(filesBefore);
  });

  it("refuses to back up a database without schema or without rows, and writes no file", async () => {
    const file = join(dir, "empty.tar.gz");
    const noSchema = await openTestDatabase(database().kind, { migrate: false });
    try {
      await expect(createBackup(noSchema, file)).rejects.toThrow(/no Childmark schema/);
    } finally {
      await noSchema.close();
    }
    const noRows = await openTestDatabase(database().kind);
    try {
      await expect(createBackup(noRows, file)).rejects.toThrow(/is empty/);
    } finally {
      await noRows.close();
    }
    expect(existsSync(file)).toBe(false);
    expect((await readdir(dir)).filter((n) => n.startsWith(".childmark-backup-"))).toEqual([]);
  });

  it("carries no live invitation or password-reset link", async () => {
    const { db } = database();
    const invited = await inviteUser(db, {
      email: "new-person@example.org",
      grant: { role: "contributor", scopeType: "country", scopeCode: "MD" },
      invitedBy: coordinator.id,
      inviterName: "Maria",
    });
    const reset = await requestPasswordReset(db, coordinator.email);
    const tokenOf = async (id: string) => {
      const [mail] = await db.select().from(outbox).where(eq(outbox.id, id));
      return /#token=([A-Za-z0-9_-]+)/.exec(mail!.bodyText)![1]!;
    };
    const inviteToken = await tokenOf(invited);
    const resetToken = await tokenOf(reset!);
    // The current format never carries them live: written expired, and the links withheld.
    const file = join(dir, "tokens.tar.gz");
    await createBackup(database(), file);
    const tar = gunzipSync(readFileSync(file)).toString("latin1");
    expect(tar).not.toContain(inviteToken);
    expect(tar).not.toContain(resetToken);
    expect(tar).toContain("#token=withheld-from-backup");
    // A backup of the first format carried live tokens: they expire on restore.
    const legacy = join(dir, "tokens.json.gz");
    await writeLegacyBackup(db, legacy);
    expect((await restoreBackup(database(), legacy)).expiredTokens).toBe(2);
    await expect(acceptInvitation(db, inviteToken, "New Person", "a long enough password 1")).rejects.toThrow(
      /invalid, expired/,
    );

    const restored = await restoreBackup(database(), file);
    expect(restored.expiredTokens).toBe(0);
    const live = await db.select().from(authTokens);
    expect(live.filter((t) => t.usedAt === null && t.expiresAt > new Date())).toEqual([]);
    await expect(acceptInvitation(db, inviteToken, "New Person", "a long enough password 1")).rejects.toThrow(
      /invalid, expired/,
    );
    await expect(confirmPasswordReset(db, resetToken, "another long password 2")).rejects.toThrow(
      /invalid, expired/,
    );
  });

  it("holds a working group's documents and lists those missing from the uploads folder", async () => {
    const { db } = database();
    const organisationId = await buildOrganisation(db, { country: "MD" }, "Coalition with a group");
    const [group] = await db
      .insert(workingGroups)
      .values({ organisationId, name: "Backed-up group", kind: "thematic" })
      .returning({ id: workingGroups.id });
    const bytes = Buffer.from(`%PDF-1.4\n% terms of reference ${randomBytes(8).toString("hex")}\n%%EOF\n`);
    const stored = await storeFile(bytes);
    await db.insert(workingGroupDocuments).values({
      groupId: group!.id,
      documentId: randomUUID(),
      version: 1,
      title: "Terms of reference",
      filePath: stored.path,
      fileName: "terms.pdf",
      mediaType: "application/pdf",
      fileSize: stored.size,
      sha256: stored.sha256,
    });
    const whole = join(dir, "with-group-document.tar.gz");
    expect(await createBackup(database(), whole)).toMatchObject({ missingFiles: [] });
    expect(gunzipSync(readFileSync(whole)).includes(bytes)).toBe(true);

    // The document's file lost from the uploads folder: the backup says so instead of passing in silence.
    await rm(join(uploads, ...stored.path.split("/")));
    const lacking = join(dir, "without-group-document.tar.gz");
    expect(await createBackup(database(), lacking)).toMatchObject({ missingFiles: [stored.path] });

    // The whole backup restored elsewhere brings the document's bytes back at the same path.
    const fresh = await openTestDatabase(database().kind);
    const freshUploads = join(dir, "fresh-group", "uploads");
    try {
      await restoreBackup(fresh, whole, { uploads: freshUploads });
      expect(readFileSync(join(freshUploads, ...stored.path.split("/"))).equals(bytes)).toBe(true);
      const [row] = await fresh.db
        .select()
        .from(workingGroupDocuments)
        .where(eq(workingGroupDocuments.groupId, group!.id));
      expect(row?.filePath).toBe(stored.path);
    } finally {
      await fresh.close();
    }
  });
});

/** Visible entries of a folder. */
function readdirNames(path: string): string[] {
  return readdirSync(path)
    .filter((n) => !n.startsWith("."))
    .sort();
}

/** A backup of the first format (gzipped JSON of every table), as older versions wrote it. */
async function writeLegacyBackup(db: Db, file: string): Promise<void> {
  const tables: Record<string, unknown[]> = {};
  for (const table of BACKUP_TABLES) {
    tables[table] = await queryRows(db, sql`select * from ${sql.identifier(table)}`);
  }
  writeFileSync(
    file,
    gzipSync(JSON.stringify({ format: "childmark-backup/1", schema: schemaTag(), tables })),
  );
}

describe("the backup and restore commands", () => {
  it("refuse to back up a data folder without a database, creating nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-backup-cli-"));
    const run = runCli(["backup", join(dir, "b.tar.gz")], {
      CHILDMARK_DATA_DIR: join(dir, "none"),
      DATABASE_URL: "",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`nothing to back up: there is no database in ${join(dir, "none")}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(process.env.DATABASE_URL)("refuse to back up a PostgreSQL database without schema", async () => {
    const name = `childmark_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const file = join(mkdtempSync(join(tmpdir(), "childmark-backup-cli-")), "b.tar.gz");
      const run = runCli(["backup", file], { DATABASE_URL: url.toString() });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/nothing to back up: the database at .* has no Childmark schema/);
      expect(existsSync(file)).toBe(false);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it("move a database and its uploads to a new data folder, and refuse a changed backup", {
    timeout: 240_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-backup-cli-"));
    const from = { CHILDMARK_DATA_DIR: join(dir, "from"), DATABASE_URL: "" };
    const to = { CHILDMARK_DATA_DIR: join(dir, "to"), DATABASE_URL: "" };
    expect(runCli(["framework", "import", "examples/hdi/framework.json"], from).code).toBe(0);
    const evidence = randomBytes(200_000);
    mkdirSync(join(dir, "from", "uploads", "2026"), { recursive: true });
    writeFileSync(join(dir, "from", "uploads", "2026", "a-file"), evidence);
    const file = join(dir, "b.tar.gz");
    const backup = runCli(["backup", file], from);
    expect(backup.stdout).toMatch(/Backed up \d+ rows of \d+ tables and 1 uploaded file\(s\)/);
    const restore = runCli(["restore", file], to);
    expect(restore.stdout).toMatch(/Restored \d+ rows and 1 uploaded file\(s\)/);
    expect(readFileSync(join(dir, "to", "uploads", "2026", "a-file")).equals(evidence)).toBe(true);

    const bad = tampered(file, evidence.subarray(1000, 1010), Buffer.alloc(10));
    const refused = runCli(["restore", bad], to);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "the backup is damaged or was changed (1 problem(s)): nothing was restored",
    );
    expect(refused.stderr).toContain("uploads/2026/a-file: checksum does not match the manifest");
    expect(readFileSync(join(dir, "to", "uploads", "2026", "a-file")).equals(evidence)).toBe(true);
  });
});
