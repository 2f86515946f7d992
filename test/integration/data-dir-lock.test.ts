import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/connect.ts";
import { DatabaseInUseError, LOCK_FILE, type LockHolder } from "../../src/server/db/data-dir-lock.ts";
import { runCli } from "../support/run-cli.ts";

/*
 * PGlite is one PostgreSQL inside one process: a second process on the same
 * folder used to crash with a WASM abort. The folder is now locked (these
 * tests open PGlite on a folder whatever DATABASE_URL says).
 */
const folders: string[] = [];
function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "childmark-lock-"));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  const full = { host: hostname(), command: "childmark serve", since: "2026-12-03T07:00:00.000Z", ...holder };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

describe("the PGlite data folder is locked", () => {
  it("refuses a second open in the same process, and opens again once closed", {
    timeout: 120_000,
  }, async () => {
    const dir = freshFolder();
    const first = await openDatabase({ url: "", dataDir: dir });
    const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")) as LockHolder;
    expect(lock.pid).toBe(process.pid);
    await expect(openDatabase({ url: "", dataDir: dir })).rejects.toThrow(/already open in this process/);
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const again = await openDatabase({ url: "", dataDir: dir });
    await again.close();
  });

  it("names the live process that holds the folder and what to do", async () => {
    const dir = freshFolder();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeLock(dir, { pid: holder.pid! });
      const error = await openDatabase({ url: "", dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseInUseError);
      const message = (error as Error).message;
      expect(message).toContain(
        `is in use by another Childmark process (pid ${holder.pid}: \`childmark serve\``,
      );
      expect(message).toContain(`kill ${holder.pid}`);
      expect(message).toContain("DATABASE_URL");
      // The holder's lock is left alone.
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(holder.pid);
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that no longer runs", { timeout: 120_000 }, async () => {
    const dir = freshFolder();
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeLock(dir, { pid: Number(gone.stdout.trim()) });
    const database = await openDatabase({ url: "", dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    } finally {
      await database.close();
    }
  });

  it("makes a second `childmark` process say the database is in use, and how to go through the server", {
    timeout: 300_000,
  }, async () => {
    const dir = freshFolder();
    const database = await openDatabase({ url: "", dataDir: dir });
    try {
      const env = { CHILDMARK_DATA_DIR: dir, DATABASE_URL: "" };
      const list = runCli(["framework", "list"], env);
      expect(list.code).toBe(1);
      expect(list.stderr).toContain(
        `The database in ${dir} is in use by another Childmark process (pid ${process.pid}`,
      );
      expect(list.stderr).toContain("GET /api/frameworks");
      expect(list.stderr).not.toMatch(/Aborted|RuntimeError|at .*\.ts:\d+/);
      const serve = runCli(["serve", "--port", "0"], env);
      expect(serve.code).toBe(1);
      expect(serve.stderr).toContain("is in use by another Childmark process");
      expect(serve.stderr).toContain("already running on this data folder");
    } finally {
      await database.close();
    }
    // Once the holder closed, the command works.
    const after = runCli(["framework", "list"], { CHILDMARK_DATA_DIR: dir, DATABASE_URL: "" });
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
  });
});
