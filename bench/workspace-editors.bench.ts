import { fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq, inArray, sql } from "drizzle-orm";
import { importAnswers } from "../src/server/data/import-answers.ts";
import { runAsBulkWork } from "../src/server/db/fair-queue.ts";
import { answerHistory, answers, frameworkVersions, indicators } from "../src/server/db/schema.ts";
import { listIsoCountries } from "../src/server/reference/countries.ts";
import { benchKinds } from "./databases.ts";
import { type ClientsResult, type Editor, edit, freshTally, type Tally } from "./editor-clients.ts";
import { buildSyntheticAnswers, buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";
import { timeSteps } from "./import-steps.ts";
import {
  type BenchServer,
  createSignedInUsers,
  type Kind,
  openAssessments,
  startBenchServer,
} from "./workspace-server.ts";

export const name = "workspace concurrent editors";

const COUNTRIES = ["MD", "GE", "RO", "AL", "UA"];
const EDITORS = 200;
/** Editors per answer: pairs, so concurrent edits of one answer (and their 409s) really happen. */
const PER_ANSWER = 2;
const SECONDS = Number(process.env.BENCH_EDITORS_SECONDS ?? 60);
/** Countries of answers imported (× 626 indicators) while the editors keep saving, after the main run; 0: no import phase. */
const IMPORT_COUNTRIES = Number(process.env.BENCH_EDITORS_IMPORT_COUNTRIES ?? 0);
/**
 * Where the editors run: `inline` (default: the bench's own process, sharing the server's event loop
 * and core, so "bench process CPU per request" counts server, database and clients) or `process` (a
 * process of their own, as browsers are: the server's CPU is then measured alone). See bench/README.md.
 */
const CLIENTS = process.env.BENCH_EDITORS_CLIENTS ?? "inline";
const POOL = process.env.CHILDMARK_DB_POOL ?? "40";

/** An editor served fewer times than this in the run counts as starved. */
const SERVED_ENOUGH = 5;

/**
 * (b) 200 editors, each with its own session (coordinators and contributors
 * of five countries), for 60 s against the real server, on PGlite and (with
 * `DATABASE_URL`) on PostgreSQL: each loops "read the answer's current
 * version, save a new value with it as expectedVersion". Two editors share
 * each answer, so some saves meet a legitimate 409 (someone else saved in
 * between). Afterwards every answer's version and history rows are counted
 * against the successful saves: a lost write would show as a difference.
 * Fairness: how many requests each editor got answered; every editor should
 * be served at least `SERVED_ENOUGH` times.
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const kind of benchKinds()) figures.push(...(await runOn(kind)));
  return figures;
}

async function runOn(kind: Kind): Promise<BenchFigure[]> {
  if (kind === "postgres") process.env.CHILDMARK_DB_POOL = POOL;
  const server = await startBenchServer(kind);
  try {
    const editors = await prepareEditors(server);
    console.log(
      `  ${kind}: ${EDITORS} editors signed in (${COUNTRIES.length} countries, ${EDITORS / PER_ANSWER} answers, ${PER_ANSWER} editors each)${kind === "postgres" ? `; server pool ${POOL} connections` : ""}; ${SECONDS} s`,
    );
    const { tally, elapsed, serverCpu, clientCpu } = await runEditors(server.url, editors);
    // CPU per request compares builds under any load (wall figures do not). The server's figure is
    // this process (server and, on PGlite, the database); the editors' is their own process's.
    const perRequest = (cpu: NodeJS.CpuUsage) => (cpu.user + cpu.system) / 1000 / tally.requests;
    const cpuPerRequest = perRequest(serverCpu);
    const clientCpuPerRequest = clientCpu ? perRequest(clientCpu) : null;
    const lost = await countLostWrites(server, editors, tally);
    const importFigures = IMPORT_COUNTRIES > 0 ? await importWhileEditing(server, kind, editors) : [];

    const sorted = tally.latencies.sort((a, b) => a - b);
    const puts = tally.putLatencies.sort((a, b) => a - b);
    const throughput = tally.requests / elapsed;
    const saves = [...tally.changes.values()].reduce((a, b) => a + b, 0);
    const served = [...tally.served].sort((a, b) => a - b);
    const servedEnough = (100 * served.filter((n) => n >= SERVED_ENOUGH).length) / served.length;
    const p = (q: number) => formatFigure(percentile(sorted, q));
    console.log(
      `  ${kind}: ${tally.requests} requests in ${elapsed.toFixed(1)} s (${formatFigure(throughput)}/s), ${saves} saves, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms (PUT p95 ${formatFigure(percentile(puts, 0.95))} ms); CPU per request: ${clientCpuPerRequest === null ? `bench process (server, database and editors) ${formatFigure(cpuPerRequest)} ms` : `server process ${formatFigure(cpuPerRequest)} ms, editors' process ${formatFigure(clientCpuPerRequest)} ms, both ${formatFigure(cpuPerRequest + clientCpuPerRequest)} ms`}`,
    );
    console.log(
      `  ${kind}: requests answered per editor: fewest ${served[0]}, median ${percentile(served, 0.5)}, most ${served[served.length - 1]}; ${formatFigure(servedEnough)}% of editors served ≥ ${SERVED_ENOUGH} times`,
    );
    console.log(
      `  ${kind}: errors ${tally.errors}, conflicts (409) ${tally.conflicts} of which not legitimate ${tally.illegitimateConflicts}, lost writes ${lost}`,
    );
    for (const e of tally.firstErrors) console.log(`    error: ${e}`);
    const of = `(200 editors, ${kind})`;
    return [
      ...importFigures,
      { metric: `requests per second ${of}`, value: throughput, unit: "req/s" },
      ...(clientCpuPerRequest === null
        ? [{ metric: `bench process CPU per request ${of}`, value: cpuPerRequest, unit: "ms" }]
        : [
            { metric: `server process CPU per request ${of}`, value: cpuPerRequest, unit: "ms" },
            {
              metric: `server + editors' processes CPU per request ${of}`,
              value: cpuPerRequest + clientCpuPerRequest,
              unit: "ms",
            },
          ]),
      { metric: `request p50 ${of}`, value: percentile(sorted, 0.5), unit: "ms" },
      { metric: `request p95 ${of}`, value: percentile(sorted, 0.95), unit: "ms", target: 2000 },
      { metric: `request p99 ${of}`, value: percentile(sorted, 0.99), unit: "ms" },
      {
        metric: `editors served < ${SERVED_ENOUGH} times ${of}`,
        value: 100 - servedEnough,
        unit: "%",
        target: 0.5,
      },
      { metric: `successful saves ${of}`, value: saves, unit: "saves" },
      { metric: `conflicts 409 ${of}`, value: tally.conflicts, unit: "responses" },
      { metric: `errors ${of}`, value: tally.errors, unit: "responses", target: 0.5 },
      {
        metric: `lost writes ${of}`,
        value: lost + tally.illegitimateConflicts,
        unit: "answers",
        target: 0.5,
      },
    ];
  } finally {
    await server.close();
  }
}

/**
 * Runs the editors for `SECONDS` s: in this process (default), or with
 * `BENCH_EDITORS_CLIENTS=process` in a process of their own, so that their
 * HTTP client does not compete with the server for its event loop and the
 * server's CPU is measured alone.
 */
async function runEditors(
  url: string,
  editors: Editor[],
): Promise<{ tally: Tally; elapsed: number; serverCpu: NodeJS.CpuUsage; clientCpu: NodeJS.CpuUsage | null }> {
  if (CLIENTS === "inline") {
    const tally = freshTally(editors.length);
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(editors.map((editor) => edit(url, editor, tally, deadline)));
    return {
      tally,
      elapsed: (performance.now() - started) / 1000,
      serverCpu: process.cpuUsage(cpuBefore),
      clientCpu: null,
    };
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const child = fork(join(here, "editor-clients-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const exited = new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`the editors' process exited with ${code}`))),
    );
    // It exits after sending its result: that rejection, later, is expected.
    exited.catch(() => {});
    const next = <T>() =>
      Promise.race([new Promise<T>((resolve) => child.once("message", (m) => resolve(m as T))), exited]);
    await next<{ ready: true }>();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    child.send({ url, editors, seconds: SECONDS });
    const result = await next<ClientsResult>();
    const serverCpu = process.cpuUsage(cpuBefore);
    return {
      tally: result.tally,
      elapsed: (performance.now() - started) / 1000,
      serverCpu,
      clientCpu: result.cpu,
    };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/**
 * The editors keep saving while an import of `IMPORT_COUNTRIES` countries × 626
 * answers (another cycle, the use case behind `childmark data import`, in the
 * bulk lane as over HTTP) runs from 3 s in; they stop 3 s after it ends. Reports
 * how long the import took, its swap step (the one transaction that holds
 * PGlite), and the editors' p95 and slowest request while it ran. Figures and
 * commands: bench/README.md, "Import while editing".
 */
async function importWhileEditing(
  server: BenchServer,
  kind: Kind,
  editors: Editor[],
): Promise<BenchFigure[]> {
  const { db } = server.database;
  const [version] = await db.select({ id: frameworkVersions.id }).from(frameworkVersions).limit(1);
  const codes = listIsoCountries().map((c) => c.code);
  const answers = buildSyntheticAnswers(buildSyntheticFramework({ indicators: 626 }), {
    countries: IMPORT_COUNTRIES,
    cycles: 1,
  }).map((a) => ({ ...a, period: "2024", entity: codes[Number(a.entity.slice(1))]! }));
  const tally = freshTally(editors.length);
  const during: number[] = [];
  let stopAt = Number.POSITIVE_INFINITY;
  let importStart = Number.POSITIVE_INFINITY;
  let importEnd = Number.POSITIVE_INFINITY;
  const timed = { ...tally, latencies: [] as number[] };
  // Requests that end while the import runs (or that it delayed past its end) are the ones it can block.
  timed.latencies.push = (...ms: number[]) => {
    const now = performance.now();
    for (const m of ms) if (now - m < importEnd && now > importStart) during.push(m);
    return Array.prototype.push.apply(tally.latencies, ms);
  };
  const editing = Promise.all(editors.map((editor) => edit(server.url, editor, timed, () => stopAt)));
  await new Promise((r) => setTimeout(r, 3000));
  importStart = performance.now();
  const steps = timeSteps();
  const result = await runAsBulkWork(() =>
    importAnswers(db, { framework: version!.id, answers, onStep: steps.end }),
  );
  importEnd = performance.now();
  stopAt = importEnd + 3000;
  await editing;
  const seconds = (importEnd - importStart) / 1000;
  const sorted = during.sort((a, b) => a - b);
  const worst = sorted[sorted.length - 1] ?? 0;
  console.log(
    `  ${kind}: import of ${result.inserted} answers while editing took ${formatFigure(seconds)} s; ${sorted.length} editor requests during it: p95 ${formatFigure(percentile(sorted, 0.95))} ms, slowest ${formatFigure(worst)} ms; errors ${timed.errors}`,
  );
  console.log(`  ${kind}: import steps ${steps.describe()}`);
  const of = `(import of ${result.inserted} answers, 200 editors, ${kind})`;
  return [
    { metric: `import duration ${of}`, value: seconds, unit: "s" },
    {
      metric: `import's swap step (holds the database) ${of}`,
      value: (steps.ms.swapped ?? 0) / 1000,
      unit: "s",
    },
    { metric: `editor request p95 during import ${of}`, value: percentile(sorted, 0.95), unit: "ms" },
    { metric: `slowest editor request during import ${of}`, value: worst, unit: "ms" },
  ];
}

/** Five assessments of a 626-indicator framework, 200 users and their sessions, two per answer. */
async function prepareEditors(server: BenchServer): Promise<Editor[]> {
  const framework = buildSyntheticFramework({ indicators: 626 });
  const ids = await openAssessments(server.database.db, framework, COUNTRIES);
  // Number indicators take any number, so every save can carry a value nobody saved before.
  const numbers = framework.indicators.filter((i) => i.type === "number").map((i) => i.code);
  const perCountry = EDITORS / COUNTRIES.length;
  const countryOf = (index: number) => COUNTRIES[Math.floor(index / perCountry)]!;
  const people = await createSignedInUsers(server.database.db, EDITORS, (index) => ({
    // One in five editors is a coordinator, the others contributors.
    role: index % 5 === 0 ? "coordinator" : "contributor",
    scopeType: "country",
    scopeCode: countryOf(index),
  }));
  const editors = people.map(({ session }, index): Editor => {
    const country = countryOf(index);
    const indicator = numbers[Math.floor((index % perCountry) / PER_ANSWER)]!;
    return { session, assessment: ids[country]!, indicator, key: `${ids[country]}/${indicator}`, index };
  });
  // The sessions are real: one is tried over HTTP before the clock starts (any refusal later counts as an error).
  const me = await fetch(new URL("/api/auth/me", server.url), {
    headers: { cookie: editors[0]!.session.cookie },
  });
  if (me.status !== 200) throw new Error(`a bench session is refused: ${me.status}`);
  return editors;
}

/**
 * Answers whose stored version or count of "entry" history rows differs from
 * the number of successful saves that changed them (every answer started at
 * version 0: it did not exist).
 */
async function countLostWrites(server: BenchServer, editors: Editor[], tally: Tally): Promise<number> {
  const { db } = server.database;
  const assessmentIds = [...new Set(editors.map((e) => e.assessment))];
  const rows = await db
    .select({
      assessmentId: answers.assessmentId,
      indicator: indicators.code,
      version: answers.version,
      entries: sql<number>`(select count(*) from ${answerHistory} where ${answerHistory.answerId} = ${answers.id} and ${answerHistory.source} = 'entry')`,
    })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(inArray(answers.assessmentId, assessmentIds));
  const stored = new Map(rows.map((r) => [`${r.assessmentId}/${r.indicator}`, r]));
  let lost = 0;
  const keys = new Set([...editors.map((e) => e.key), ...stored.keys()]);
  for (const key of keys) {
    const saves = tally.changes.get(key) ?? 0;
    const row = stored.get(key);
    const version = row?.version ?? 0;
    const entries = Number(row?.entries ?? 0);
    if (version !== saves || entries !== saves) {
      lost++;
      console.log(`    ${key}: ${saves} saves, version ${version}, ${entries} history rows`);
    }
  }
  return lost;
}
