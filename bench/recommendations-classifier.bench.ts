import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  ARTICLE_VOCABULARY,
  buildClassifier,
  type Classifier,
  ISSUE_LABELS,
  learnWeights,
  shuffled,
  TARGET_VOCABULARY,
  trainClassifier,
} from "../src/core/index.ts";
import { sharedData } from "../test/support/shared-data.ts";
import type { BenchFigure } from "./harness.ts";

export const name = "recommendations classifier";

const FILE = "upr-info/upr-info-sessions1-20.child-rights.csv";
const SEED = 20261203;

interface Labelled {
  text: string;
  session: number;
  articles: string[];
  targets: string[];
}

/**
 * Precision and recall at 3 of the suggested UNCRC articles and SDG targets on a seeded 20 %
 * hold-out of UPR Info's 7,027 child-rights recommendations. A recommendation's expected labels
 * come from its UPR Info issues through ISSUE_LABELS (its text is not used for them); those with
 * no issue that maps to a label are left out. The classifier reads the text only: the curated
 * vocabulary alone, then with word weights learned from the other 80 %.
 */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(sharedData(FILE))) {
    console.log("  (shared data not found: classifier benchmark skipped)");
    return [];
  }
  const rows = parse(readFileSync(sharedData(FILE), "utf8"), { columns: true }) as Record<string, string>[];
  const labelled: Labelled[] = rows.map((r) => {
    const issues = (r.issues ?? "").split(/[,;]/).map((i) => i.trim());
    const labels = issues.map((i) => ISSUE_LABELS[i]).filter((l) => l !== undefined);
    return {
      text: r.text ?? "",
      session: Number(r.upr_session),
      articles: [...new Set(labels.flatMap((l) => l.articles))],
      targets: [...new Set(labels.flatMap((l) => l.targets))],
    };
  });
  const mixed = shuffled(labelled, SEED);
  const cut = Math.floor(mixed.length * 0.8);
  const train = mixed.slice(0, cut);
  const test = mixed.slice(cut);
  const figures: BenchFigure[] = [];
  for (const kind of ["articles", "targets"] as const) {
    const vocabulary = kind === "articles" ? ARTICLE_VOCABULARY : TARGET_VOCABULARY;
    const examples = train.filter((e) => e[kind].length > 0).map((e) => ({ text: e.text, labels: e[kind] }));
    const held = test.filter((e) => e[kind].length > 0);
    const cpu = process.cpuUsage();
    const trained = trainClassifier({ vocabulary, examples, seed: SEED });
    const trainCpu = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    console.log(
      `  ${kind}: trained on ${examples.length} recommendations in ${trainCpu.toFixed(1)} s CPU, threshold ${trained.threshold} (chosen on a fifth of the training part)`,
    );
    const variants: [string, Classifier, number][] = [
      ["vocabulary", buildClassifier({ vocabulary }), 0],
      [
        "vocabulary + learned word weights",
        buildClassifier({ vocabulary, learned: learnWeights(examples) }),
        0,
      ],
      ["vocabulary + trained", trained, trained.threshold],
    ];
    for (const [variant, classifier, threshold] of variants) {
      const start = performance.now();
      const m = measure(classifier, held, kind, threshold);
      const ms = (performance.now() - start) / held.length;
      console.log(
        `  ${kind}, ${variant}: ${held.length} held-out recommendations, P@3 ${m.precision.toFixed(3)}, ` +
          `R@3 ${m.recall.toFixed(3)}, P@3 bounded ${m.bounded.toFixed(3)}, hit@3 ${m.hit.toFixed(3)}, best possible P@3 ${m.ceiling.toFixed(3)}, ` +
          `shown (score ≥ ${threshold}, at most 3): ${m.shown.toFixed(2)} each, precision ${m.shownPrecision.toFixed(3)}, recall ${m.shownRecall.toFixed(3)}, ${ms.toFixed(3)} ms each`,
      );
      figures.push(
        { metric: `${kind}, ${variant}: precision@3`, value: percent(m.precision), unit: "%" },
        { metric: `${kind}, ${variant}: best possible precision@3`, value: percent(m.ceiling), unit: "%" },
        { metric: `${kind}, ${variant}: recall@3`, value: percent(m.recall), unit: "%" },
        {
          metric: `${kind}, ${variant}: precision@3 of min(3, expected)`,
          value: percent(m.bounded),
          unit: "%",
        },
        {
          metric: `${kind}, ${variant}: precision of shown suggestions`,
          value: percent(m.shownPrecision),
          unit: "%",
        },
        {
          metric: `${kind}, ${variant}: recall of shown suggestions`,
          value: percent(m.shownRecall),
          unit: "%",
        },
        { metric: `${kind}, ${variant}: suggestion time`, value: round(ms), unit: "ms", target: 1 },
      );
    }
  }
  // A harder split: trained on sessions 1–16, measured on the later sessions 17–20 (new wording,
  // new States), to see whether the model holds on recommendations written after its examples.
  for (const kind of ["articles", "targets"] as const) {
    const vocabulary = kind === "articles" ? ARTICLE_VOCABULARY : TARGET_VOCABULARY;
    const examples = labelled
      .filter((e) => e.session <= 16 && e[kind].length > 0)
      .map((e) => ({ text: e.text, labels: e[kind] }));
    const held = labelled.filter((e) => e.session > 16 && e[kind].length > 0);
    const trained = trainClassifier({ vocabulary, examples, seed: SEED });
    const m = measure(trained, held, kind, trained.threshold);
    console.log(
      `  ${kind}, trained on sessions 1–16, ${held.length} recommendations of sessions 17–20: P@3 ${m.precision.toFixed(3)}, ` +
        `R@3 ${m.recall.toFixed(3)}, best possible P@3 ${m.ceiling.toFixed(3)}, shown (score ≥ ${trained.threshold}): ` +
        `${m.shown.toFixed(2)} each, precision ${m.shownPrecision.toFixed(3)}, recall ${m.shownRecall.toFixed(3)}`,
    );
    figures.push(
      { metric: `${kind}, sessions 17–20 held out: precision@3`, value: percent(m.precision), unit: "%" },
      { metric: `${kind}, sessions 17–20 held out: recall@3`, value: percent(m.recall), unit: "%" },
      {
        metric: `${kind}, sessions 17–20 held out: precision of shown suggestions`,
        value: percent(m.shownPrecision),
        unit: "%",
      },
    );
  }
  return figures;
}

/**
 * Means over the held-out texts: precision@3 (right labels among the first three / 3), recall@3
 * (right labels among the first three / expected labels), precision of min(3, expected) (the
 * precision an oracle could reach is 1 even when fewer than three labels are expected) and hit@3.
 * "Shown" are the first three with a score at or above the classifier's threshold — what a person
 * is offered: their precision is right shown / all shown (over all texts), their recall the mean of
 * right shown / expected.
 */
function measure(classifier: Classifier, held: Labelled[], kind: "articles" | "targets", threshold: number) {
  let shown = 0;
  let shownRight = 0;
  let shownRecall = 0;
  let precision = 0;
  let recall = 0;
  let bounded = 0;
  let hit = 0;
  let ceiling = 0;
  for (const example of held) {
    const expected = new Set(example[kind]);
    const top = classifier.suggest(example.text, { limit: 3 }).map((s) => s.id);
    const right = top.filter((id) => expected.has(id)).length;
    precision += right / 3;
    recall += right / expected.size;
    bounded += right / Math.min(3, expected.size);
    hit += right > 0 ? 1 : 0;
    ceiling += Math.min(3, expected.size) / 3;
    const offered = classifier.suggest(example.text, { limit: 3, minScore: threshold }).map((s) => s.id);
    const offeredRight = offered.filter((id) => expected.has(id)).length;
    shown += offered.length;
    shownRight += offeredRight;
    shownRecall += offeredRight / expected.size;
  }
  const n = held.length;
  return {
    precision: precision / n,
    recall: recall / n,
    bounded: bounded / n,
    hit: hit / n,
    ceiling: ceiling / n,
    shown: shown / n,
    shownPrecision: shown === 0 ? 0 : shownRight / shown,
    shownRecall: shownRecall / n,
  };
}

function percent(value: number): number {
  return Math.round(value * 1000) / 10;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
