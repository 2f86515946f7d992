import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  type AnalysisResult,
  type AnalysisSettings,
  type AnswerColumns,
  buildAnalysisModel,
  compileFramework,
  type DrawBlock,
  evaluationCount,
  type Framework,
  summariseDraws,
} from "../../core/index.ts";
import { typescriptWorkerCode } from "../typescript-worker.ts";

const WORKER_URL = new URL("./draws-worker.ts", import.meta.url).href;
const WORKER_BOOT = typescriptWorkerCode(WORKER_URL);

/** What one worker is given: everything to rebuild the model, and its range of evaluations. */
export interface DrawsJob {
  framework: Framework;
  columns: AnswerColumns;
  period: string;
  settings: AnalysisSettings;
  from: number;
  to: number;
}

/**
 * Runs an uncertainty analysis in worker threads (one per core by default),
 * so the event loop stays free while the draws run; reports the evaluations
 * done so far. The result is the same whatever the number of workers.
 */
export async function runAnalysisInWorkers(
  framework: Framework,
  columns: AnswerColumns,
  period: string,
  settings: AnalysisSettings,
  options: {
    workers?: number;
    onProgress?: (done: number, total: number) => void;
    /** Aborting stops every worker at once; the promise then rejects with the signal's reason. */
    signal?: AbortSignal;
  } = {},
): Promise<AnalysisResult> {
  options.signal?.throwIfAborted();
  const model = buildAnalysisModel(compileFramework(framework), columns, period, settings);
  const total = evaluationCount(model);
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), total));
  const done = new Array<number>(count).fill(0);
  const blocks = await Promise.all(
    Array.from({ length: count }, (_, w) => {
      const from = Math.floor((total * w) / count);
      const to = Math.floor((total * (w + 1)) / count);
      const job: DrawsJob = { framework, columns, period, settings, from, to };
      return new Promise<DrawBlock>((resolve, reject) => {
        const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
        const stop = () => {
          void worker.terminate();
          reject(options.signal!.reason);
        };
        options.signal?.addEventListener("abort", stop, { once: true });
        worker.on("exit", () => options.signal?.removeEventListener("abort", stop));
        worker.on("message", (message: { progress?: number; block?: DrawBlock }) => {
          if (message.block) resolve(message.block);
          else if (message.progress !== undefined) {
            done[w] = message.progress;
            options.onProgress?.(
              done.reduce((a, b) => a + b, 0),
              total,
            );
          }
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (code !== 0) reject(new Error(`analysis worker stopped with code ${code}`));
        });
      });
    }),
  );
  return summariseDraws(model, blocks);
}
