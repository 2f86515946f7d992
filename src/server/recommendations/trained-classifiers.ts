import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import {
  ARTICLE_VOCABULARY,
  classifierFromModel,
  ISSUE_LABELS,
  type LabelledText,
  TARGET_VOCABULARY,
  type TrainedClassifier,
  type TrainedModel,
} from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { typescriptWorkerCode } from "../typescript-worker.ts";
import { searchVersion } from "./facet-cache.ts";

/*
 * The suggestions' trained classifiers, one pair (UNCRC articles, SDG targets) per database,
 * learned from the database's own classified recommendations: those with articles or targets (set
 * by a person or by the imported file) or with UPR Info issues that name them (ISSUE_LABELS).
 * Training takes seconds of CPU for thousands of recommendations, so it runs in a worker thread and
 * never on a request: a request uses the models trained so far (or the vocabulary, before the first
 * ones or with too few examples) and, when the recommendations changed since they were last
 * looked at, starts a check in the background. The check reads the labelled examples and retrains
 * only if enough of them changed since the models were trained.
 */

/**
 * Below this many labelled recommendations of a kind, suggestions of that kind come from the
 * vocabulary: the demo's 77 (14 texts, repeated per country) gave a model whose best suggestions
 * scored 0.07, worse than the vocabulary's.
 */
export const MIN_TRAINING_EXAMPLES = 200;
/** After a check, changes wait this long before the next one (imports change thousands of rows at once). */
const CHECK_INTERVAL_MS = 30_000;
/** Retrain when this share of the examples changed (added, removed or relabelled), or this many. */
const CHANGED_SHARE = 0.05;
const CHANGED_ROWS = 20;
const SEED = 20261203;

const WORKER_URL = new URL("./classifier-worker.ts", import.meta.url).href;
const WORKER_BOOT = typescriptWorkerCode(WORKER_URL);

/** What the worker is given. */
export interface TrainingJob {
  articles: LabelledText[];
  targets: LabelledText[];
  minExamples: number;
  seed: number;
}

/** The classifiers a database's suggestions use, with what they were trained on. */
export interface TrainedClassifiers {
  articles: TrainedClassifier | null;
  targets: TrainedClassifier | null;
  /** When training finished, and how long it took (wall clock, in the worker). */
  trainedAt: Date;
  trainingMs: number;
}

interface State {
  current: TrainedClassifiers | null;
  /** Each labelled recommendation the current models saw: id → its labels. */
  seen: Map<string, string>;
  checkedVersion?: string;
  checkedAt: number;
  running: Promise<void> | null;
}

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) {
    state = { current: null, seen: new Map(), checkedAt: 0, running: null };
    states.set(db, state);
  }
  return state;
}

/**
 * The trained classifiers of this database as they are now (null before the first training ends);
 * starts a check in the background when the recommendations changed since the last one. Reads one
 * sequence value; never waits for training.
 */
export async function currentClassifiers(db: Db): Promise<TrainedClassifiers | null> {
  const state = stateOf(db);
  if (!state.running) {
    const version = await searchVersion(db);
    const due = state.checkedAt === 0 || Date.now() - state.checkedAt >= CHECK_INTERVAL_MS;
    if (version !== state.checkedVersion && due && !state.running) startCheck(db, state, version);
  }
  return state.current;
}

/** Waits for a check or training under way, if any (tests, benchmarks, shutting down). */
export async function classifierTraining(db: Db): Promise<void> {
  await states.get(db)?.running;
}

/** Checks now (whatever the interval) and waits for any training it starts. */
export async function refreshClassifiers(db: Db): Promise<TrainedClassifiers | null> {
  const state = stateOf(db);
  await state.running;
  startCheck(db, state, await searchVersion(db));
  await state.running;
  return state.current;
}

function startCheck(db: Db, state: State, version: string): void {
  state.checkedVersion = version;
  state.checkedAt = Date.now();
  state.running = check(db, state)
    .catch((error: unknown) => {
      // A failed training keeps the models (or the vocabulary) in use; the next change tries again.
      state.checkedVersion = undefined;
      console.error("childmark: training the suggestions' classifier failed:", error);
    })
    .finally(() => {
      state.running = null;
    });
}

async function check(db: Db, state: State): Promise<void> {
  const examples = await labelledExamples(db);
  const seen = new Map(examples.map((e) => [e.id, `${e.articles.join(",")}|${e.targets.join(",")}`]));
  let changed = 0;
  for (const [id, labels] of seen) if (state.seen.get(id) !== labels) changed++;
  for (const id of state.seen.keys()) if (!seen.has(id)) changed++;
  const needed = Math.min(CHANGED_ROWS, Math.max(1, Math.ceil(state.seen.size * CHANGED_SHARE)));
  if (state.current && changed < needed) return;
  if (!state.current && changed === 0) return;
  const articles = examples
    .filter((e) => e.articles.length > 0)
    .map((e) => ({ text: e.text, labels: e.articles }));
  const targets = examples
    .filter((e) => e.targets.length > 0)
    .map((e) => ({ text: e.text, labels: e.targets }));
  const enough = (list: unknown[]) => list.length >= MIN_TRAINING_EXAMPLES;
  const start = performance.now();
  const models =
    enough(articles) || enough(targets)
      ? await trainInWorker({ articles, targets, minExamples: MIN_TRAINING_EXAMPLES, seed: SEED })
      : { articles: null, targets: null };
  state.current = {
    articles: models.articles
      ? classifierFromModel(models.articles, { vocabulary: ARTICLE_VOCABULARY, themeLabels: ARTICLE_THEMES })
      : null,
    targets: models.targets
      ? classifierFromModel(models.targets, { vocabulary: TARGET_VOCABULARY, themeLabels: TARGET_THEMES })
      : null,
    trainedAt: new Date(),
    trainingMs: Math.round(performance.now() - start),
  };
  state.seen = seen;
}

const ARTICLE_THEMES = Object.fromEntries(Object.entries(ISSUE_LABELS).map(([k, v]) => [k, v.articles]));
const TARGET_THEMES = Object.fromEntries(Object.entries(ISSUE_LABELS).map(([k, v]) => [k, v.targets]));

/** Rows read per query: PGlite runs a query on the server's own thread, so a long read is cut in pages. */
const READ_PAGE = 1_000;

/**
 * Every recommendation that is classified: its text (English, else its first language) and its
 * articles and targets, with those its UPR Info issues name. Read a page at a time in the order of
 * the ids, so requests are served between pages (one read of 35,000 rows held PGlite, and with it
 * every request, for seconds).
 */
export async function labelledExamples(
  db: Db,
  pageSize = READ_PAGE,
): Promise<{ id: string; text: string; articles: string[]; targets: string[] }[]> {
  const issues = JSON.stringify(Object.keys(ISSUE_LABELS));
  const examples: { id: string; text: string; articles: string[]; targets: string[] }[] = [];
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; text: string | null; themes: string[]; a: string[]; t: string[] }[] =
      await queryRows(
        db,
        sql`select id, coalesce(text->>'en', (select value from jsonb_each_text(text) limit 1)) as text,
              themes, uncrc_articles as a, sdg_targets as t
            from recommendations
            where (cardinality(uncrc_articles) > 0 or cardinality(sdg_targets) > 0
                or themes && array(select jsonb_array_elements_text(${issues}::jsonb)))
              ${after === null ? sql`` : sql`and id > ${after}::uuid`}
            order by id limit ${pageSize}`,
      );
    for (const r of rows) {
      if (!r.text) continue;
      const fromThemes = r.themes.map((theme) => ISSUE_LABELS[theme]).filter((l) => l !== undefined);
      examples.push({
        id: r.id,
        text: r.text,
        articles: [...new Set([...r.a, ...fromThemes.flatMap((l) => l.articles)])].sort(),
        targets: [...new Set([...r.t, ...fromThemes.flatMap((l) => l.targets)])].sort(),
      });
    }
    if (rows.length < pageSize) return examples;
    after = rows.at(-1)!.id;
  }
}

function trainInWorker(
  job: TrainingJob,
): Promise<{ articles: TrainedModel | null; targets: TrainedModel | null }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    // A server closing while a model trains does not wait for it.
    worker.unref();
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`classifier worker stopped with code ${code}`));
    });
  });
}
