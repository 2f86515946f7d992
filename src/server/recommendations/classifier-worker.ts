import { parentPort, workerData } from "node:worker_threads";
import { ARTICLE_VOCABULARY, TARGET_VOCABULARY, type TrainedModel, trainModel } from "../../core/index.ts";
import type { TrainingJob } from "./trained-classifiers.ts";

/** A worker thread: trains the article and the target models, and sends them back as typed arrays. */
const job = workerData as TrainingJob;
const train = (examples: TrainingJob["articles"], vocabulary: typeof ARTICLE_VOCABULARY) =>
  examples.length >= job.minExamples ? trainModel({ vocabulary, examples, seed: job.seed }) : null;
const articles = train(job.articles, ARTICLE_VOCABULARY);
const targets = train(job.targets, TARGET_VOCABULARY);
const buffers = [articles, targets]
  .filter((m): m is TrainedModel => m !== null)
  .flatMap((m) => [m.weights.buffer, m.bias.buffer, m.vocabWeight.buffer] as ArrayBuffer[]);
parentPort!.postMessage({ articles, targets }, buffers);
