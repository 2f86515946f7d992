import { benchKinds } from "./databases.ts";
import { buildSyntheticFramework } from "./fixtures/synthetic.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";
import {
  createBenchUser,
  type Kind,
  nextValue,
  openAssessments,
  signInOverHttp,
  startBenchServer,
} from "./workspace-server.ts";

export const name = "workspace autosave";

const INDICATORS = 626;
const WARMUP = 50;
const SAVES = 1000;
const TARGET_P95_MS = 50;

/**
 * (a) The autosave round trip as the browser makes it: a signed-in
 * coordinator's PUT /api/assessments/:id/answers/:code over HTTP on loopback
 * (keep-alive), to the real server, with the answer's current version as
 * `expectedVersion`. 1000 sequential saves after 50 untimed ones, walking the
 * 626 indicators of one assessment so first saves (version 0 → 1) and later
 * edits are both timed.
 */
export async function run(): Promise<BenchFigure[]> {
  const kinds: Kind[] = benchKinds();
  const figures: BenchFigure[] = [];
  for (const kind of kinds) {
    const server = await startBenchServer(kind);
    try {
      const framework = buildSyntheticFramework({ indicators: INDICATORS });
      const { MD: assessment } = await openAssessments(server.database.db, framework, ["MD"]);
      const coordinator = await createBenchUser(
        server.database.db,
        { role: "coordinator", scopeType: "country", scopeCode: "MD" },
        "coordinator",
      );
      const session = await signInOverHttp(server.url, coordinator);
      const versions = new Map<string, number>();
      const save = async (step: number) => {
        const indicator = framework.indicators[step % framework.indicators.length]!;
        const expectedVersion = versions.get(indicator.code) ?? 0;
        const res = await fetch(
          new URL(`/api/assessments/${assessment}/answers/${indicator.code}`, server.url),
          {
            method: "PUT",
            headers: {
              "content-type": "application/json",
              cookie: session.cookie,
              "x-csrf-token": session.csrf,
            },
            body: JSON.stringify({ value: nextValue(indicator.type, step), expectedVersion }),
          },
        );
        const body = (await res.json()) as { version: number };
        if (res.status !== 200) throw new Error(`save ${step}: ${res.status} ${JSON.stringify(body)}`);
        versions.set(indicator.code, body.version);
      };
      for (let i = 0; i < WARMUP; i++) await save(i);
      const samples: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = WARMUP; i < WARMUP + SAVES; i++) {
        const start = performance.now();
        await save(i);
        samples.push(performance.now() - start);
      }
      // Client and server share this process: CPU per save covers both and depends less on the VM's load.
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerSave = (cpu.user + cpu.system) / 1000 / SAVES;
      const sorted = samples.sort((a, b) => a - b);
      const p50 = percentile(sorted, 0.5);
      const p95 = percentile(sorted, 0.95);
      const p99 = percentile(sorted, 0.99);
      console.log(
        `  ${kind}: ${SAVES} saves, fastest ${formatFigure(sorted[0]!)} ms, p50 ${formatFigure(p50)} ms, p95 ${formatFigure(p95)} ms, p99 ${formatFigure(p99)} ms, max ${formatFigure(sorted[sorted.length - 1]!)} ms, CPU ${formatFigure(cpuPerSave)} ms/save (client + server)`,
      );
      figures.push(
        { metric: `autosave round trip p50 (${kind})`, value: p50, unit: "ms" },
        { metric: `autosave round trip p95 (${kind})`, value: p95, unit: "ms", target: TARGET_P95_MS },
        { metric: `autosave CPU per save, client + server (${kind})`, value: cpuPerSave, unit: "ms" },
      );
    } finally {
      await server.close();
    }
  }
  return figures;
}
