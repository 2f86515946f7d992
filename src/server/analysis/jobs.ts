import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import {
  type AnalysisResult,
  type AnalysisSettings,
  buildAnalysisModel,
  checkAnalysisSettings,
  compileFramework,
  evaluationCount,
  type ReleaseSnapshot,
  releaseAnalysisInput,
  usesPreviousCycle,
} from "../../core/index.ts";
import type { AnalysisJobOut } from "../api-schemas/analysis.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { releaseAnalyses, releases } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { loadEarlierAnswers } from "../releases/publish.ts";
import { runAnalysisInWorkers } from "./run-draws.ts";

/** A run in the background: its progress, and how to stop it. */
interface Job extends AnalysisJobOut {
  controller: AbortController;
  promise: Promise<void>;
}

/**
 * Runs by cycle, in this process. At most one runs per cycle; the last one (finished or not) stays
 * to be reported. Nothing of a run is written before it ends: the result is stored complete, in one
 * transaction, or not at all (a server stopped mid-run leaves nothing behind).
 */
const jobsByDb = new WeakMap<Db, Map<string, Job>>();

function jobsOf(db: Db): Map<string, Job> {
  let jobs = jobsByDb.get(db);
  if (!jobs) {
    jobs = new Map();
    jobsByDb.set(db, jobs);
  }
  return jobs;
}

const publicJob = (job: Job): AnalysisJobOut => ({
  id: job.id,
  release: job.release,
  status: job.status,
  done: job.done,
  total: job.total,
  startedAt: job.startedAt,
  finishedAt: job.finishedAt,
  error: job.error,
  analysisId: job.analysisId,
});

/** The current or last run of a cycle, or null. */
export function analysisJobOf(db: Db, cycleId: string): AnalysisJobOut | null {
  const job = jobsOf(db).get(cycleId);
  return job ? publicJob(job) : null;
}

/** Waits for a cycle's run to end (tests, the command line). */
export async function settleAnalysisJob(db: Db, cycleId: string): Promise<AnalysisJobOut | null> {
  const job = jobsOf(db).get(cycleId);
  if (!job) return null;
  await job.promise;
  return publicJob(job);
}

/** Stops every run of a database (the server is closing). */
export async function stopAnalysisJobs(db: Db): Promise<void> {
  const jobs = [...jobsOf(db).values()];
  for (const job of jobs) if (job.status === "running") job.controller.abort(new Error("the server stopped"));
  await Promise.all(jobs.map((j) => j.promise));
}

export interface StartAnalysis {
  cycleId: string;
  release: string;
  settings: AnalysisSettings;
  userId: string | null;
  audit?: AuditActor;
  workers?: number;
}

/**
 * Starts an analysis of a release of the cycle in worker threads and returns at once. A run
 * already going for the cycle: 409. A release of another cycle: 404; a set-up that does not fit
 * the framework: 400 naming what to fix.
 */
export async function startAnalysis(db: Db, input: StartAnalysis): Promise<AnalysisJobOut> {
  const jobs = jobsOf(db);
  const current = jobs.get(input.cycleId);
  if (current?.status === "running")
    throw new UserError(
      `an analysis of ${current.release} is running (${current.done} of ${current.total} draws); wait for it or cancel it`,
      [],
      409,
    );
  const [release] = await db
    .select({ id: releases.id, cycleId: releases.cycleId, snapshot: releases.snapshot })
    .from(releases)
    .where(eq(releases.slug, input.release));
  if (!release || release.cycleId !== input.cycleId)
    throw new UserError(`release: ${input.release} is not a release of this cycle`, [], 404);
  const snapshot = release.snapshot;
  const problems = checkAnalysisSettings(
    input.settings,
    snapshot.framework.nodes.map((n) => n.code),
  );
  if (problems.length) throw new UserError("the analysis set-up needs changes", problems);
  // As the release was scored: with the earlier releases' answers when the framework imputes from them.
  const earlier = usesPreviousCycle(snapshot.framework)
    ? await loadEarlierAnswers(
        db,
        snapshot.release.frameworkCode,
        snapshot.release.period,
        new Date(snapshot.release.publishedAt),
      )
    : [];
  const { columns, period } = releaseAnalysisInput(snapshot, earlier);
  if (columns.entities.length < 2)
    throw new UserError(`release: ${input.release} has fewer than two countries to rank`);
  const total = evaluationCount(
    buildAnalysisModel(compileFramework(snapshot.framework), columns, period, input.settings),
  );
  const controller = new AbortController();
  const job: Job = {
    id: randomUUID(),
    release: input.release,
    status: "running",
    done: 0,
    total,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    error: null,
    analysisId: null,
    controller,
    promise: Promise.resolve(),
  };
  jobs.set(input.cycleId, job);
  const started = performance.now();
  job.promise = runAnalysisInWorkers(snapshot.framework, columns, period, input.settings, {
    workers: input.workers,
    signal: controller.signal,
    onProgress: (done) => {
      job.done = Math.min(done, total);
    },
  })
    .then(async (result) => {
      const id = await storeAnalysis(db, {
        releaseId: release.id,
        snapshot,
        settings: input.settings,
        result,
        elapsedMs: Math.round(performance.now() - started),
        userId: input.userId,
        audit: input.audit,
      });
      job.done = total;
      job.analysisId = id;
      job.status = "done";
    })
    .catch((error: unknown) => {
      if (controller.signal.aborted) job.status = "cancelled";
      else {
        job.status = "failed";
        job.error = error instanceof Error ? error.message : String(error);
      }
    })
    .finally(() => {
      job.finishedAt = new Date().toISOString();
    });
  return publicJob(job);
}

/** Cancels the cycle's running analysis (nothing is stored); 404 when none runs. */
export async function cancelAnalysis(db: Db, cycleId: string): Promise<AnalysisJobOut> {
  const job = jobsOf(db).get(cycleId);
  if (job?.status !== "running") throw new UserError("no analysis of this cycle is running", [], 404);
  job.controller.abort(new Error("cancelled"));
  await job.promise;
  return publicJob(job);
}

/** Writes a finished analysis as the release's next version, with its audit event, in one transaction. */
export async function storeAnalysis(
  db: Db,
  input: {
    releaseId: string;
    snapshot: ReleaseSnapshot;
    settings: AnalysisSettings;
    result: AnalysisResult;
    elapsedMs: number;
    userId: string | null;
    audit?: AuditActor;
    publish?: boolean;
  },
): Promise<string> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [last] = await tx
      .select({ version: releaseAnalyses.version })
      .from(releaseAnalyses)
      .where(eq(releaseAnalyses.releaseId, input.releaseId))
      .orderBy(desc(releaseAnalyses.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    const now = new Date();
    const [row] = await tx
      .insert(releaseAnalyses)
      .values({
        releaseId: input.releaseId,
        version,
        settings: input.settings,
        result: input.result,
        evaluations: input.result.evaluations,
        elapsedMs: input.elapsedMs,
        createdBy: input.userId,
        publishedAt: input.publish ? now : null,
        publishedBy: input.publish ? input.userId : null,
      })
      .returning({ id: releaseAnalyses.id });
    if (input.audit)
      await recordAudit(tx, {
        action: "analysis.stored",
        ...input.audit,
        targetType: "release",
        targetId: input.snapshot.release.slug,
        details: { version, evaluations: input.result.evaluations, seed: input.settings.seed },
      });
    return row!.id;
  });
}

/** Publishes a stored analysis once: the portal then shows it with its release (409 when already public). */
export async function publishAnalysis(
  db: Db,
  input: { cycleId: string; analysisId: string; userId: string; audit: AuditActor },
): Promise<void> {
  await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [row] = await tx
      .select({
        id: releaseAnalyses.id,
        publishedAt: releaseAnalyses.publishedAt,
        slug: releases.slug,
        version: releaseAnalyses.version,
      })
      .from(releaseAnalyses)
      .innerJoin(releases, eq(releases.id, releaseAnalyses.releaseId))
      .where(and(eq(releaseAnalyses.id, input.analysisId), eq(releases.cycleId, input.cycleId)))
      .for("update", { of: releaseAnalyses });
    if (!row) throw new UserError("no such analysis of this cycle", [], 404);
    if (row.publishedAt) throw new UserError("this analysis is already published", [], 409);
    await tx
      .update(releaseAnalyses)
      .set({ publishedAt: new Date(), publishedBy: input.userId })
      .where(eq(releaseAnalyses.id, row.id));
    await recordAudit(tx, {
      action: "analysis.published",
      ...input.audit,
      targetType: "release",
      targetId: row.slug,
      details: { version: row.version },
    });
  });
}
