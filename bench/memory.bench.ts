import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchFigure } from "./harness.ts";

export const name = "memory of childmark processes (PGlite)";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/childmark.js");
/** How long the server stays idle after start before its resident memory is read. */
const IDLE_MS = Number(process.env.BENCH_MEMORY_IDLE_MS ?? 10_000);

/**
 * Resident memory of real `childmark` processes on a fresh PGlite folder
 * (Linux: read from /proc): `serve --demo` after start and 10 s idle, on the
 * first start (which creates the database and loads the demo) and on a
 * restart; and `framework list`, an idle CLI command, at its peak. Targets:
 * under 400 MB for `serve --demo`, under 250 MB for a CLI command.
 */
export async function run(): Promise<BenchFigure[]> {
  if (process.platform !== "linux") {
    console.log("  reads /proc: Linux only, skipped");
    return [];
  }
  const dataDir = mkdtempSync(join(tmpdir(), "childmark-memory-"));
  const env = { ...process.env, CHILDMARK_DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    const first = await measureServe(env);
    console.log(
      `  serve --demo, first start: ${first.rss} MB resident after ${IDLE_MS / 1000} s idle (peak ${first.peak} MB)`,
    );
    const again = await measureServe(env);
    console.log(
      `  serve --demo, restart: ${again.rss} MB resident after ${IDLE_MS / 1000} s idle (peak ${again.peak} MB)`,
    );
    const cli = await measureCommand(["framework", "list"], env);
    console.log(`  framework list: peak ${cli.peak} MB`);
    return [
      { metric: "serve --demo first start, resident after idle", value: first.rss, unit: "MB", target: 400 },
      { metric: "serve --demo first start, peak", value: first.peak, unit: "MB" },
      { metric: "serve --demo restart, resident after idle", value: again.rss, unit: "MB", target: 400 },
      { metric: "serve --demo restart, peak", value: again.peak, unit: "MB" },
      { metric: "framework list (idle CLI command), peak", value: cli.peak, unit: "MB", target: 250 },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Memory {
  /** VmRSS in MB. */
  rss: number;
  /** VmHWM (the peak resident size so far) in MB. */
  peak: number;
}

function readMemory(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    // An exited process (a zombie until reaped) has no memory lines left.
    if (!kb("VmHWM")) return undefined;
    return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
  } catch {
    return undefined;
  }
}

/** Starts `serve --demo` on a free port, waits until it listens and then `IDLE_MS`, reads its memory, stops it. */
async function measureServe(env: NodeJS.ProcessEnv): Promise<Memory> {
  const child = spawn(process.execPath, [BIN, "serve", "--demo", "--port", "0"], { env, stdio: "pipe" });
  try {
    await new Promise<void>((resolvePromise, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`serve did not start in 5 min:\n${output}`)), 300_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk;
        if (output.includes("Childmark is running")) {
          clearTimeout(timer);
          resolvePromise();
        }
      });
      child.stderr!.on("data", (chunk: Buffer) => {
        output += chunk;
      });
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const memory = readMemory(child.pid!);
    if (!memory) throw new Error("cannot read the server's memory");
    return memory;
  } finally {
    await stop(child);
  }
}

/** Runs a CLI command to its end, sampling its peak resident size every 50 ms. */
async function measureCommand(args: string[], env: NodeJS.ProcessEnv): Promise<Memory> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: "ignore" });
  let last: Memory = { rss: 0, peak: 0 };
  const sampler = setInterval(() => {
    last = readMemory(child.pid!) ?? last;
  }, 50);
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`childmark ${args.join(" ")} exited with ${code}`);
  return last;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGINT");
  await exited;
}
