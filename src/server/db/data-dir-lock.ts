import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { UserError } from "../errors.ts";

/** The lock file's name inside a PGlite data folder. */
export const LOCK_FILE = "childmark.lock";

/** Who holds a data folder: written as JSON into the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command line that opened the folder, e.g. `childmark serve --demo`. */
  command: string;
  /** ISO time the folder was opened. */
  since: string;
}

/**
 * Another live process holds the data folder. PGlite is one PostgreSQL
 * instance inside one process: a second process writing the same files
 * corrupts them (it used to crash with a WASM abort), so it is refused.
 */
export class DatabaseInUseError extends UserError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
    /** Where the holder is this very process (the folder was opened twice without closing). */
    readonly sameProcess = false,
  ) {
    super(describeInUse(dataDir, holder, sameProcess), [], 503);
    this.name = "DatabaseInUseError";
  }
}

export interface DataDirLock {
  /** Removes the lock file; safe to call more than once. */
  release(): void;
}

/** Folders locked by this process, so a second open here is named as such and `exit` can clean up. */
const heldHere = new Set<string>();
let exitHookInstalled = false;

/**
 * Takes the data folder for this process: creates `childmark.lock` with
 * O_EXCL, naming this pid. A lock file left by a process that no longer runs
 * (killed, crashed, power cut) is taken over; one held by a live process
 * throws `DatabaseInUseError` naming it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  if (heldHere.has(file)) throw new DatabaseInUseError(dataDir, readHolder(file), true);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: commandLine(),
    since: new Date().toISOString(),
  };
  // A few tries: a stale lock file is removed and the creation tried again.
  for (let attempt = 0; !createLockFile(file, me); attempt++) {
    const holder = readHolder(file);
    const stale = holder ? !isAlive(holder) : isOldFile(file);
    if (!stale || attempt >= 2) throw new DatabaseInUseError(dataDir, holder);
    // Read again just before removing, so a lock another process has just taken is not removed.
    if (JSON.stringify(readHolder(file)) === JSON.stringify(holder)) removeQuietly(file);
  }
  heldHere.add(file);
  installExitHook();
  return {
    release() {
      if (!heldHere.delete(file)) return;
      // Only our own file: never remove a lock another process took after ours was removed by hand.
      if (readHolder(file)?.pid === process.pid) removeQuietly(file);
    },
  };
}

/** Creates the lock file with O_EXCL; false when it already exists. */
function createLockFile(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** An unreadable lock file is being written right now, unless it is older than a few seconds. */
function isOldFile(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > 5_000;
  } catch {
    return true;
  }
}

/** The holder named in a lock file, or undefined when it is absent or unreadable (half-written). */
export function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number") return undefined;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ""),
      command: String(parsed.command ?? ""),
      since: String(parsed.since ?? ""),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the process named by a lock file still runs. A lock from another
 * machine (a shared folder) cannot be checked and counts as held. A pid now
 * used by a program that is not Node.js (the pid was reused) counts as gone.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.host && holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false; // not in heldHere: left by an earlier process with our pid
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const cmdline = readFileSync(`/proc/${holder.pid}/cmdline`, "utf8");
    return /node|childmark|tsx/i.test(cmdline);
  } catch {
    return true; // no /proc (macOS): the pid is alive, trust it
  }
}

function describeInUse(dataDir: string, holder: LockHolder | undefined, sameProcess: boolean): string {
  if (sameProcess)
    return `The database in ${dataDir} is already open in this process: close it before opening it again.`;
  const who = holder
    ? `another Childmark process (pid ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ""}: \`${holder.command}\`, since ${holder.since.slice(0, 16).replace("T", " ")} UTC)`
    : "another Childmark process";
  return [
    `The database in ${dataDir} is in use by ${who}.`,
    "The embedded database (PGlite) can be open in one process at a time.",
    holder
      ? `Stop that process first (Ctrl+C where it runs, or \`kill ${holder.pid}\`), or do this through the running server.`
      : "Stop that process first, or do this through the running server.",
    `If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    "To run commands while the server runs, use PostgreSQL (set DATABASE_URL; see docs/operations.md).",
  ].join("\n");
}

function commandLine(): string {
  const args = process.argv.slice(2).join(" ");
  const script = process.argv[1] ?? "";
  return /childmark/.test(script) ? `childmark ${args}`.trim() : `${script} ${args}`.trim();
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Removes this process's lock files when it exits without closing the database (process.exit, Ctrl+C). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const file of heldHere) if (readHolder(file)?.pid === process.pid) removeQuietly(file);
    heldHere.clear();
  });
}
