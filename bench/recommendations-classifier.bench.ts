import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  ARTICLE_VOCABULARY,
  buildClassifier,
  type Classifier,
  ISSUE_LABELS,
  learnWeights,
  TARGET_VOCABULARY,
} from "../src/core/index.ts";
import { sharedData } from "../test/support/shared-data.ts";
import type { BenchFigure } from "./harness.ts";

export const name = "recommendations classifier";

const FILE = "upr-info/upr-info-sessions1-20.child-rights.csv";
const SEED = 20261203;

interface Labelled {
  text: string;
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
      articles: [...new Set(labels.flatMap((l) => l.articles))],
      targets: [...new Set(labels.flatMap((l) => l.targets))],
    };
  });
  const shuffled = shuffle(labelled, SEED);
  const cut = Math.floor(shuffled.length * 0.8);
  const train = shuffled.slice(0, cut);
  const test = shuffled.slice(cut);
  const figures: BenchFigure[] = [];
  for (const kind of ["articles", "targets"] as const) {
    const vocabulary = kind === "articles" ? ARTICLE_VOCABULARY : TARGET_VOCABULARY;
    const examples = train.filter((e) => e[kind].length > 0).map((e) => ({ text: e.text, labels: e[kind] }));
    const held = test.filter((e) => e[kind].length > 0);
    const variants: [string, Classifier][] = [
      ["vocabulary", buildClassifier({ vocabulary })],
      ["vocabulary + learned", buildClassifier({ vocabulary, learned: learnWeights(examples) })],
    ];
    for (const [variant, classifier] of variants) {
      const start = performance.now();
      const m = measure(classifier, held, kind);
      const ms = (performance.now() - start) / held.length;
      console.log(
        `  ${kind}, ${variant}: ${held.length} held-out recommendations, P@3 ${m.precision.toFixed(3)}, ` +
          `R@3 ${m.recall.toFixed(3)}, P@3 bounded ${m.bounded.toFixed(3)}, hit@3 ${m.hit.toFixed(3)}, best possible P@3 ${m.ceiling.toFixed(3)}, ${ms.toFixed(3)} ms each`,
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
        { metric: `${kind}, ${variant}: suggestion time`, value: round(ms), unit: "ms", target: 1 },
      );
    }
  }
  return figures;
}

/**
 * Means over the held-out texts: precision@3 (right labels among the first three / 3), recall@3
 * (right labels among the first three / expected labels), precision of min(3, expected) (the
 * precision an oracle could reach is 1 even when fewer than three labels are expected) and hit@3.
 */
function measure(classifier: Classifier, held: Labelled[], kind: "articles" | "targets") {
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
  }
  const n = held.length;
  return {
    precision: precision / n,
    recall: recall / n,
    bounded: bounded / n,
    hit: hit / n,
    ceiling: ceiling / n,
  };
}

/** Fisher–Yates with a small seeded generator (mulberry32), so the split is the same on every run. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function percent(value: number): number {
  return Math.round(value * 1000) / 10;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
