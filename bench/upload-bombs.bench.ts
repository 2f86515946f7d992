import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { maxUnpackedBytes } from "../src/server/files/limits.ts";
import {
  hugeSheetXlsx,
  truncatedXlsx,
  wrongExtensionFile,
  xlsxWithSheet,
  zipBombXlsx,
} from "../test/support/bad-uploads.ts";
import type { BenchFigure } from "./harness.ts";

export const name = "upload bombs";

/*
 * Starts the real server in its own process (bench/upload-bombs-server.ts),
 * sends the four bad files of test/integration/upload-bombs.test.ts to every
 * upload route, one at a time and then three per route at once, samples the
 * server's resident memory (VmRSS, and the kernel's own peak VmHWM), and
 * prints the peak against the 1 GiB target. Then the largest workbook the
 * default limits accept, twice at once, for the memory an honest import costs.
 */
const here = dirname(fileURLToPath(import.meta.url));
const GIB_MB = 1024;

interface Session {
  cookie: string;
  csrf: string;
}
interface Started {
  url: string;
  pid: number;
  coordinator: Session;
  admin: Session;
  assessment: string;
  indicator: string;
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const kind of ["pglite", ...(process.env.DATABASE_URL ? ["postgres"] : [])]) {
    console.log(`  ${kind}:`);
    figures.push(...(await runOn(kind)));
  }
  return figures;
}

async function runOn(kind: string): Promise<BenchFigure[]> {
  const files = [
    { label: "zip bomb (2 GB of zeros declared as 40 KB)", name: "bomb.xlsx", bytes: zipBombXlsx(2048) },
    { label: "XLSX, 500 MB sheet", name: "huge.xlsx", bytes: hugeSheetXlsx(500) },
    { label: "truncated zip", name: "cut.xlsx", bytes: truncatedXlsx() },
    { label: "wrong extension", ...wrongExtensionFile() },
  ];
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "upload-bombs-server.ts"), kind], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const server = await firstLine(child);
    const routes = [
      {
        name: "answers import",
        path: `/api/assessments/${server.assessment}/import`,
        who: server.coordinator,
      },
      {
        name: "evidence upload",
        path: `/api/assessments/${server.assessment}/answers/${server.indicator}/evidence`,
        who: server.coordinator,
      },
      {
        name: "recommendations import",
        path: "/api/recommendations/imports",
        who: server.admin,
        preset: "uhri",
      },
      { name: "recommendations preview", path: "/api/recommendations/imports/preview", who: server.admin },
    ];
    const send = (route: (typeof routes)[number], file: { name: string; bytes: Buffer }) =>
      upload(server.url, route, file);
    const memory = sampleMemory(server.pid);
    memory.reset();
    const baseline = memory.current();
    console.log(`  server pid ${server.pid}, resident at start: ${baseline.toFixed(0)} MB`);

    let slowest = 0;
    for (const file of files) {
      for (const route of routes) {
        const started = performance.now();
        const res = await send(route, file);
        slowest = Math.max(slowest, performance.now() - started);
        console.log(`  ${file.label} → ${route.name}: ${res.status} ${res.error}`);
      }
    }
    const bomb = files[0]!;
    for (const route of routes) {
      const all = await Promise.all([0, 1, 2].map(() => send(route, bomb)));
      console.log(`  3 bombs at once → ${route.name}: ${all.map((r) => r.status).join(", ")}`);
    }
    const burst = await Promise.all(routes.flatMap((route) => [0, 1, 2].map(() => send(route, bomb))));
    console.log(`  12 bombs at once (3 per route): ${statusCounts(burst.map((r) => r.status))}`);
    const bombPeak = Math.max(memory.peak(), memory.kernelPeak());
    console.log(`  peak resident memory under bombs: ${bombPeak.toFixed(0)} MB`);

    memory.reset();
    const largest = largestAcceptedWorkbook();
    const preview = routes[3]!;
    const honest = await Promise.all([0, 1].map(() => send(preview, largest)));
    const honestPeak = Math.max(memory.peak(), memory.kernelPeak());
    console.log(
      `  largest accepted XLSX (${(largest.sheetBytes / 1048576).toFixed(0)} MB sheet, ${(largest.bytes.length / 1048576).toFixed(1)} MB file) ×2 at once → preview: ${honest.map((r) => r.status).join(", ")}; peak ${honestPeak.toFixed(0)} MB`,
    );
    memory.stop();
    const of = (metric: string) => `${metric} (${kind})`;
    return [
      { metric: of("server resident memory at start"), value: baseline, unit: "MB" },
      {
        metric: of("peak resident memory, 4 bad files × 4 routes, bursts"),
        value: bombPeak,
        unit: "MB",
        target: GIB_MB,
      },
      { metric: of("slowest refusal of a bad file"), value: slowest, unit: "ms" },
      {
        metric: of("peak resident memory, largest accepted XLSX ×2"),
        value: honestPeak,
        unit: "MB",
        target: GIB_MB,
      },
    ];
  } finally {
    child.kill("SIGTERM");
  }
}

async function upload(
  baseUrl: string,
  route: { path: string; who: Session; preset?: string },
  file: { name: string; bytes: Buffer },
): Promise<{ status: number; error: string }> {
  const form = new FormData();
  if (route.preset) form.append("preset", route.preset);
  form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(new URL(route.path, baseUrl), {
    method: "POST",
    headers: { cookie: route.who.cookie, "x-csrf-token": route.who.csrf },
    body: form,
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  return { status: res.status, error: body.error ?? "" };
}

/** Sheet XML 1 MB under the unpacked limit (25 MB by default), with rows as varied as real ones. */
function largestAcceptedWorkbook(): { name: string; bytes: Buffer; sheetBytes: number } {
  const rows: string[] = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Recommendation</t></is></c></row>'];
  let size = 0;
  for (let i = 2; size < maxUnpackedBytes() - 1048576; i++) {
    const row = `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>Recommendation ${i * 7919} on the protection of children, paragraph ${i % 97}</t></is></c><c r="B${i}"><v>${i}</v></c></row>`;
    rows.push(row);
    size += row.length;
  }
  const sheet = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
  );
  return { name: "largest.xlsx", bytes: xlsxWithSheet({ data: sheet }), sheetBytes: sheet.length };
}

function statusCounts(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}× ${status}`).join(", ");
}

/** The first line the server prints: where it listens and who may call it. */
function firstLine(child: ChildProcess): Promise<Started> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(JSON.parse(line) as Started));
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
}

/** Samples a process's resident memory every 10 ms from /proc (Linux), in MB. */
function sampleMemory(pid: number) {
  const read = (field: string) => {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return Number(match?.[1] ?? 0) / 1024;
  };
  let peak = read("VmRSS");
  const timer = setInterval(() => {
    peak = Math.max(peak, read("VmRSS"));
  }, 10);
  return {
    current: () => read("VmRSS"),
    peak: () => Math.max(peak, read("VmRSS")),
    /** The kernel's own high-water mark, which catches a peak between two samples. */
    kernelPeak: () => read("VmHWM"),
    /** Starts a new peak, the kernel's too (writing 5 to clear_refs resets VmHWM). */
    reset: () => {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
      peak = read("VmRSS");
    },
    stop: () => clearInterval(timer),
  };
}
