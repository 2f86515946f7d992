import { parentPort, workerData } from "node:worker_threads";
import { buildAnalysisModel, compileFramework, runDraws } from "../../core/index.ts";
import type { DrawsJob } from "./run-draws.ts";

/** A worker thread: rebuilds the (deterministic) model and computes its share of the draws. */
const job = workerData as DrawsJob;
const model = buildAnalysisModel(compileFramework(job.framework), job.columns, job.period, job.settings);
const block = runDraws(model, job.from, job.to, (done) => parentPort!.postMessage({ progress: done }));
parentPort!.postMessage({ block }, [block.ranks.buffer as ArrayBuffer, block.bands.buffer as ArrayBuffer]);
