import { listAnswerHistory } from "../src/server/assessments/answer-history.ts";
import { loadAssessment } from "../src/server/assessments/load-assessment.ts";
import { saveAnswer } from "../src/server/assessments/save-answer.ts";
import { loadSessionActor } from "../src/server/auth/actor.ts";
import { hashToken } from "../src/server/auth/tokens.ts";
import type { Db } from "../src/server/db/connect.ts";
import { preparedStatement, runPrepared } from "../src/server/db/prepared.ts";
import { buildSyntheticFramework } from "./fixtures/synthetic.ts";
import type { BenchFigure } from "./harness.ts";
import { createSignedInUsers, openAssessments, startBenchServer } from "./workspace-server.ts";

export const name = "PGlite statements of a workspace request";

const CALLS = Number(process.env.BENCH_STATEMENT_CALLS ?? 2000);
const NOTHING = preparedStatement("bench_nothing", ["int"], "select $1");

/**
 * The CPU each database step of an editor's request costs on PGlite, called
 * one after another (no HTTP), on a fully answered 626-indicator assessment
 * whose answer has 20 versions: a prepared statement that does nothing (the
 * fixed cost of a trip into PGlite), the session lookup of the auth hook, the
 * assessment, the answer's history and an autosave. CPU time, not wall clock:
 * it compares builds on a busy machine. Figures: bench/README.md,
 * "Concurrent editors".
 */
export async function run(): Promise<BenchFigure[]> {
  const server = await startBenchServer("pglite");
  try {
    const { db } = server.database;
    const framework = buildSyntheticFramework({ indicators: 626 });
    const ids = await openAssessments(db, framework, ["MD"]);
    const [person] = await createSignedInUsers(db, 1, () => ({
      role: "coordinator",
      scopeType: "country",
      scopeCode: "MD",
    }));
    const session = hashToken(person!.session.cookie.split("=")[1]!);
    const assessment = await loadAssessment(db, ids.MD!);
    const edited = framework.indicators.find((i) => i.type === "number")!.code;
    const save = (code: string, value: string | number, expectedVersion: number) =>
      saveAnswer(db, {
        assessment,
        indicatorCode: code,
        value,
        expectedVersion,
        actorId: person!.id,
        source: "entry",
      });
    for (const indicator of framework.indicators) {
      if (indicator.code !== edited)
        await save(indicator.code, indicator.type === "checklist" ? "yes" : 5, 0);
    }
    let version = 0;
    for (; version < 20; version++) await save(edited, version + 1, version);

    const figures: BenchFigure[] = [];
    const time = async (label: string, call: () => Promise<unknown>) => {
      for (let i = 0; i < 100; i++) await call();
      const before = process.cpuUsage();
      for (let i = 0; i < CALLS; i++) await call();
      const cpu = process.cpuUsage(before);
      const ms = (cpu.user + cpu.system) / 1000 / CALLS;
      console.log(`  ${label}: ${ms.toFixed(3)} ms of CPU per call (${CALLS} calls)`);
      figures.push({ metric: `${label}, CPU per call`, value: ms, unit: "ms" });
    };
    await time("prepared statement doing nothing", () => runPrepared(db as Db, NOTHING, [1]));
    await time("session, user and grants (auth hook)", () => loadSessionActor(db, session));
    await time("assessment with cycle and country", () => loadAssessment(db, ids.MD!));
    await time("an answer's history (20 versions, 626 answers)", () =>
      listAnswerHistory(db, assessment, edited),
    );
    await time("autosave (read and write)", () => save(edited, 1000 + version, version++));
    return figures;
  } finally {
    await server.close();
  }
}
