import { existsSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { articleClassifier, ISSUE_LABELS, shuffled, targetClassifier } from "../src/core/index.ts";
import { loadDemo } from "../src/server/app/load-demo.ts";
import { recommendations } from "../src/server/db/schema.ts";
import { suggestClassifications } from "../src/server/recommendations/classify.ts";
import { importRecommendations } from "../src/server/recommendations/import-recommendations.ts";
import {
  currentClassifiers,
  labelledExamples,
  refreshClassifiers,
} from "../src/server/recommendations/trained-classifiers.ts";
import { seedReference } from "../src/server/reference/countries.ts";
import { sharedData } from "../test/support/shared-data.ts";
import { openTestDatabase } from "../test/support/test-database.ts";
import { benchDatabases } from "./databases.ts";
import { type BenchFigure, percentile } from "./harness.ts";

export const name = "recommendations suggestions (server)";

const FILE = "upr-info/upr-info-sessions1-20.child-rights.csv";
const UPR_FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv", "voluntary.csv"];
const SEED = 20261203;

/**
 * The suggestions as the server makes them (`suggestClassifications`), before and after the model
 * trained on the database's own classified recommendations:
 * 1. accuracy — 80 % of UPR Info's 7,027 child-rights recommendations imported (their issues become
 *    themes, which name articles and targets), the other 20 % stored with their text only; P@3 of
 *    the server's suggestions for those, from the vocabulary (before any training) and from the model;
 * 2. training at a realistic size — every UPR Info file (41,066 recommendations) imported, then
 *    trained: wall time, and how long the event loop and a suggestion request waited meanwhile;
 * 3. training on the demo's recommendations (PGlite only).
 */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(sharedData(FILE))) {
    console.log("  (shared data not found: suggestions benchmark skipped)");
    return [];
  }
  const figures: BenchFigure[] = [];
  const rows = parse(readFileSync(sharedData(FILE), "utf8"), { columns: true }) as Record<string, string>[];
  const mixed = shuffled(rows, SEED);
  const cut = Math.floor(mixed.length * 0.8);
  const train = mixed.slice(0, cut);
  const held = mixed.slice(cut).map((r) => {
    const labels = (r.issues ?? "")
      .split(/[,;]/)
      .map((i) => ISSUE_LABELS[i.trim()])
      .filter((l) => l !== undefined);
    return {
      text: r.text ?? "",
      articles: new Set(labels.flatMap((l) => l.articles)),
      targets: new Set(labels.flatMap((l) => l.targets)),
    };
  });
  for await (const database of benchDatabases()) {
    const { db, kind } = database;
    await importRecommendations(db, {
      bytes: Buffer.from(stringify(train, { header: true, columns: Object.keys(rows[0]!) })),
      fileName: "child-rights-train.csv",
      preset: "upr-info",
    });
    const ids: { id: string; key: string; expected: (typeof held)[number] }[] = [];
    for (const [i, h] of held.entries()) {
      if (h.articles.size === 0 && h.targets.size === 0) continue;
      const [row] = await db
        .insert(recommendations)
        .values({ mechanism: "upr", stateName: "Held out", text: { en: h.text }, importKey: `held-${i}` })
        .returning({ id: recommendations.id });
      ids.push({ id: row!.id, key: `held-${i}`, expected: h });
    }
    // Before: what the server answered until now, the vocabulary alone (the held-out rows have no themes).
    const vocabulary = async (id: string) => {
      const text = held[Number(id.split("-")[1])]!.text;
      return {
        uncrcArticles: articleClassifier.suggest(text, { limit: 3 }),
        sdgTargets: targetClassifier.suggest(text, { limit: 3 }),
      };
    };
    const precision = async (
      suggest: (id: string) => Promise<{ uncrcArticles: { id: string }[]; sdgTargets: { id: string }[] }>,
      byKey = false,
    ) => {
      const sums = { articles: [0, 0], targets: [0, 0] };
      for (const { id, key, expected } of ids) {
        const s = await suggest(byKey ? key : id);
        for (const [kind, list, want] of [
          ["articles", s.uncrcArticles, expected.articles],
          ["targets", s.sdgTargets, expected.targets],
        ] as const) {
          if (want.size === 0) continue;
          sums[kind][0]! += list.filter((x) => want.has(x.id)).length / 3;
          sums[kind][1]! += 1;
        }
      }
      return {
        articles: sums.articles[0]! / sums.articles[1]!,
        targets: sums.targets[0]! / sums.targets[1]!,
      };
    };
    const before = await precision(vocabulary, true);
    const start = performance.now();
    const trained = await refreshClassifiers(db);
    const trainMs = performance.now() - start;
    const after = await precision((id) => suggestClassifications(db, id, 3));
    console.log(
      `  ${kind}: ${ids.length} held-out recommendations; server P@3 articles ${before.articles.toFixed(3)} → ${after.articles.toFixed(3)}, ` +
        `targets ${before.targets.toFixed(3)} → ${after.targets.toFixed(3)} (model of ${trained?.articles?.model.examples} / ${trained?.targets?.model.examples} examples, trained in ${(trainMs / 1000).toFixed(1)} s)`,
    );
    figures.push(
      { metric: `articles P@3, server, vocabulary (${kind})`, value: pct(before.articles), unit: "%" },
      { metric: `articles P@3, server, trained (${kind})`, value: pct(after.articles), unit: "%" },
      { metric: `targets P@3, server, vocabulary (${kind})`, value: pct(before.targets), unit: "%" },
      { metric: `targets P@3, server, trained (${kind})`, value: pct(after.targets), unit: "%" },
    );
  }

  for await (const database of benchDatabases()) {
    const { db, kind } = database;
    for (const file of UPR_FILES)
      await importRecommendations(db, {
        bytes: readFileSync(sharedData("upr-info", file)),
        fileName: file,
        preset: "upr-info",
      });
    const [one] = await db.select({ id: recommendations.id }).from(recommendations).limit(1);
    const readStart = performance.now();
    const examples = await labelledExamples(db);
    const readMs = performance.now() - readStart;
    await suggestClassifications(db, one!.id);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const start = performance.now();
    let done = false;
    const training = refreshClassifiers(db).then((t) => {
      done = true;
      return t;
    });
    const latencies: number[] = [];
    while (!done) {
      const t0 = performance.now();
      await suggestClassifications(db, one!.id);
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const trained = await training;
    const trainMs = performance.now() - start;
    delay.disable();
    latencies.sort((a, b) => a - b);
    const p95 = percentile(latencies, 0.95);
    const maxDelay = delay.max / 1e6;
    console.log(
      `  ${kind}: ${examples.length} labelled of the UPR Info files (read in ${readMs.toFixed(0)} ms); trained ` +
        `(${trained?.articles?.model.examples} article, ${trained?.targets?.model.examples} target examples) in ${(trainMs / 1000).toFixed(1)} s wall; ` +
        `meanwhile ${latencies.length} suggestion requests, p95 ${p95.toFixed(1)} ms, event loop delay max ${maxDelay.toFixed(1)} ms`,
    );
    figures.push(
      { metric: `training on the UPR Info files, wall (${kind})`, value: Math.round(trainMs), unit: "ms" },
      { metric: `reading the labelled examples (${kind})`, value: Math.round(readMs), unit: "ms" },
      { metric: `suggestion p95 while training (${kind})`, value: round(p95), unit: "ms", target: 100 },
      {
        metric: `event loop delay max while training (${kind})`,
        value: round(maxDelay),
        unit: "ms",
        target: 100,
      },
    );
  }

  if (process.env.BENCH_SKIP_DEMO !== "1") {
    const database = await openTestDatabase("pglite");
    try {
      await seedReference(database.db);
      await loadDemo(database);
      const start = performance.now();
      const trained = await refreshClassifiers(database.db);
      const ms = performance.now() - start;
      const examples = (await labelledExamples(database.db)).length;
      console.log(
        `  demo (pglite): ${examples} classified recommendations; ${trained?.articles ? "trained" : "vocabulary only (too few)"} in ${ms.toFixed(0)} ms; in use: ${(await currentClassifiers(database.db))?.articles ? "model" : "vocabulary"}`,
      );
      figures.push({ metric: "training on the demo (pglite)", value: Math.round(ms), unit: "ms" });
    } finally {
      await database.close();
    }
  }
  return figures;
}

function pct(value: number): number {
  return Math.round(value * 1000) / 10;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
