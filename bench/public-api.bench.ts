import { Worker } from "node:worker_threads";
import { loadDemo } from "../src/server/app/load-demo.ts";
import { findRelease, listReleases } from "../src/server/releases/read-release.ts";
import { benchKinds } from "./databases.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";
import { type Kind, startBenchServer } from "./workspace-server.ts";

export const name = "public API";

const RATE = 200;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const TARGET_P95_MS = 20;

/**
 * The public country API as a news site or a dashboard would call it: the real server
 * (`startServer`) on a loopback port over a fresh database with the demo loaded and published
 * (`cpi-demo-2025-v1`), then GET /api/public/releases/:slug/countries/:code for its countries in
 * turn at a fixed rate of 200 requests per second for 10 s (open loop: a request is sent on
 * schedule whether or not earlier ones have answered), after 2 s of the same untimed. Latency is
 * timed from the scheduled send (so a stalled server cannot hide its queue) to the last byte. The
 * client runs in a worker thread; "CPU" is the whole process (server and client).
 */
export async function run(): Promise<BenchFigure[]> {
  const kinds: Kind[] = benchKinds();
  const figures: BenchFigure[] = [];
  for (const kind of kinds) {
    const server = await startBenchServer(kind);
    try {
      await loadDemo(server.database);
      const slug = (await listReleases(server.database.db))[0]!.slug;
      const countries = (await findRelease(server.database.db, slug))!.countries.map((c) =>
        c.code.toLowerCase(),
      );
      const urls = countries.map(
        (cc) => new URL(`/api/public/releases/${slug}/countries/${cc}`, server.url).href,
      );
      await fixedRate(urls, RATE, WARMUP_SECONDS);
      const cpuBefore = process.cpuUsage();
      const { samples, errors, bytes } = await fixedRate(urls, RATE, SECONDS);
      const cpu = process.cpuUsage(cpuBefore);
      const sorted = samples.sort((a, b) => a - b);
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => percentile(sorted, q)) as [number, number, number];
      console.log(
        `  ${kind}: ${slug}, ${countries.length} countries, ${samples.length} requests at ${RATE}/s for ${SECONDS} s, ${errors} errors, ` +
          `p50 ${formatFigure(p50)} ms, p95 ${formatFigure(p95)} ms, p99 ${formatFigure(p99)} ms, max ${formatFigure(sorted[sorted.length - 1]!)} ms, ` +
          `${formatFigure(bytes / samples.length / 1024)} KB/answer, CPU ${formatFigure((cpu.user + cpu.system) / 1000 / samples.length)} ms/request (client + server)`,
      );
      figures.push(
        { metric: `${kind}: country API p50`, value: p50, unit: "ms" },
        { metric: `${kind}: country API p95`, value: p95, unit: "ms", target: TARGET_P95_MS },
        { metric: `${kind}: country API p99`, value: p99, unit: "ms" },
        { metric: `${kind}: errors`, value: errors, unit: "requests", target: 0.5 },
      );
    } finally {
      await server.close();
    }
  }
  return figures;
}

/**
 * The load generator, in a worker thread: its own event loop, so the client's work (undici,
 * reading 35 KB answers) does not delay the server's. Sends GETs to `urls` in turn at `rate` per
 * second for `seconds`, each on its own schedule, and times each from its scheduled start.
 */
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const { setTimeout: sleep } = require("node:timers/promises");
(async () => {
  const { urls, rate, seconds } = workerData;
  const total = rate * seconds, interval = 1000 / rate, samples = [], pending = [];
  let errors = 0, bytes = 0;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push((async () => {
      try {
        const res = await fetch(urls[i % urls.length]);
        const body = await res.arrayBuffer();
        if (res.status !== 200) errors++;
        bytes += body.byteLength;
      } catch { errors++; }
      samples.push(performance.now() - due);
    })());
  }
  await Promise.all(pending);
  parentPort.postMessage({ samples, errors, bytes });
})();
`;

function fixedRate(
  urls: string[],
  rate: number,
  seconds: number,
): Promise<{ samples: number[]; errors: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { urls, rate, seconds } });
    worker.once("message", (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}
