import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { count, eq } from "drizzle-orm";
import { SAMPLE_DEFINITION } from "../src/core/children/fixtures.ts";
import { loadConsultation } from "../src/server/children/load-consultation.ts";
import {
  addSession,
  createConsultation,
  setConsultationStatus,
} from "../src/server/children/save-consultation.ts";
import {
  consultationAnswers,
  consultationSubmissions,
  organisations,
  users,
} from "../src/server/db/schema.ts";
import { benchKinds } from "./databases.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";
import { startBenchServer } from "./workspace-server.ts";

export const name = "children";

const CHILDREN = 1000;
/** Children arrive evenly over this window (a school day's sessions squeezed into a minute). */
const ARRIVALS_MS = 50_000;
const TARGET_WALL_MS = 60_000;
const TARGET_P95_MS = 500;
/** One child in twenty taps "send" twice (or the connection drops and the outbox retries). */
const RETRY_EVERY = 20;

/**
 * 1,000 children answering one consultation over HTTP on loopback, as the child's page does:
 * each loads the questions by the session code (GET /api/children/join/:code), then sends all
 * answers in one POST with its own submission id; every 20th sends the same submission twice.
 * Arrivals are spread evenly over 50 s (about 20 a second, many overlapping), so the whole run
 * must end within 60 s. Timed: each submission's round trip. Counted afterwards in the database:
 * submissions and answers stored (0 lost, none twice). The per-address rate limits are lifted:
 * the bench comes from one address, real children from many.
 */
export async function run(): Promise<BenchFigure[]> {
  process.env.CHILDMARK_CHILD_SUBMIT_LIMIT = "1000000";
  process.env.CHILDMARK_CHILD_JOIN_LIMIT = "1000000";
  const figures: BenchFigure[] = [];
  for (const kind of benchKinds()) {
    const server = await startBenchServer(kind);
    try {
      const db = server.database.db;
      const [org] = await db
        .insert(organisations)
        .values({ name: "Bench coalition", kind: "coalition", countryCode: "MD" })
        .returning();
      const [user] = await db.insert(users).values({ email: "bench@example.org", name: "Bench" }).returning();
      const id = await createConsultation(
        db,
        { organisationId: org!.id, definition: SAMPLE_DEFINITION },
        user!.id,
      );
      await setConsultationStatus(db, await loadConsultation(db, id), "open");
      const { code } = await addSession(db, await loadConsultation(db, id), {
        label: "Bench schools",
        country: "MD",
        sharedDevice: false,
      });
      const url = (path: string) => new URL(path, server.url).toString();
      const sent = new Map<string, number>();
      const latencies: number[] = [];
      const failures: string[] = [];
      const child = async (i: number) => {
        const join = await fetch(url(`/api/children/join/${code}`));
        if (join.status !== 200) throw new Error(`join ${i}: ${join.status}`);
        await join.json();
        const older = i % 2 === 0;
        const answers: Record<string, string | number | string[]> = {
          heard: ["yes", "no", "not-sure"][i % 3]!,
          safe: String(1 + (i % 5)),
          help: i % 4 === 0 ? ["family", "teacher"] : ["family"],
          age: older ? 13 + (i % 5) : 8 + (i % 5),
        };
        if (older && i % 3 === 0) answers.wish = "More time to play and safer streets";
        const body = JSON.stringify({
          submissionId: randomUUID(),
          ageBand: older ? "13-17" : "8-12",
          gender: i % 2 ? "girl" : "boy",
          language: "en",
          guardianConsentConfirmed: !older,
          answers,
        });
        const submissionId = JSON.parse(body).submissionId as string;
        for (let attempt = 0; attempt < (i % RETRY_EVERY === 0 ? 2 : 1); attempt++) {
          const start = performance.now();
          const res = await fetch(url(`/api/children/join/${code}/submissions`), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          });
          const out = (await res.json()) as { answers?: number };
          latencies.push(performance.now() - start);
          if (res.status !== (attempt === 0 ? 201 : 200)) failures.push(`child ${i}: ${res.status}`);
          else sent.set(submissionId, out.answers ?? -1);
        }
      };
      const load = loadavg()[0]!;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from(
          { length: CHILDREN },
          (_, i) =>
            new Promise<void>((resolve, reject) => {
              setTimeout(() => child(i).then(resolve, reject), (i * ARRIVALS_MS) / CHILDREN);
            }),
        ),
      );
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const [stored] = await db
        .select({ n: count() })
        .from(consultationSubmissions)
        .where(eq(consultationSubmissions.consultationId, id));
      const [answerRows] = await db
        .select({ n: count() })
        .from(consultationAnswers)
        .innerJoin(consultationSubmissions, eq(consultationSubmissions.id, consultationAnswers.submissionId))
        .where(eq(consultationSubmissions.consultationId, id));
      const expectedAnswers = [...sent.values()].reduce((a, b) => a + b, 0);
      const lost = CHILDREN - (stored?.n ?? 0) + (expectedAnswers - (answerRows?.n ?? 0));
      const sorted = latencies.sort((a, b) => a - b);
      const p50 = percentile(sorted, 0.5);
      const p95 = percentile(sorted, 0.95);
      console.log(
        `  ${kind}: ${CHILDREN} children (+${Math.ceil(CHILDREN / RETRY_EVERY)} retries) in ${formatFigure(wall / 1000)} s, submission p50 ${formatFigure(p50)} ms, p95 ${formatFigure(p95)} ms, max ${formatFigure(sorted.at(-1)!)} ms; stored ${stored?.n} submissions, ${answerRows?.n} answers of ${expectedAnswers} sent; failures ${failures.length}${failures.length ? ` (${failures.slice(0, 3).join(", ")})` : ""}; CPU ${formatFigure((cpu.user + cpu.system) / 1000 / CHILDREN)} ms/child (client + server); load ${load.toFixed(1)}`,
      );
      figures.push(
        {
          metric: `1,000 children, wall time (${kind})`,
          value: wall / 1000,
          unit: "s",
          target: TARGET_WALL_MS / 1000,
        },
        { metric: `submission p50 (${kind})`, value: p50, unit: "ms" },
        { metric: `submission p95 (${kind})`, value: p95, unit: "ms", target: TARGET_P95_MS },
        {
          metric: `lost answers and failed sends (${kind})`,
          value: lost + failures.length,
          unit: "",
          target: 0.5,
        },
      );
    } finally {
      await server.close();
    }
  }
  return figures;
}
