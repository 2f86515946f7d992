import type { Vocabulary } from "./article-vocabulary.ts";
import {
  buildClassifier,
  type Classifier,
  compareLabels,
  type LabelSuggestion,
  stemmedWords,
} from "./classifier.ts";

/** A labelled text: a recommendation and the articles (or targets) a person or its issues gave it. */
export interface LabelledText {
  text: string;
  labels: readonly string[];
}

/** Where a suggestion's score came from: the trained model, or the curated vocabulary and themes. */
export type SuggestionSource = "model" | "vocabulary";

/** A classifier trained on labelled texts, with the score above which a suggestion is shown. */
export interface TrainedClassifier extends Classifier {
  suggest(...args: Parameters<Classifier["suggest"]>): (LabelSuggestion & { source: SuggestionSource })[];
  /** Chosen on a part of the examples kept out of the fit (the best F1 of shown suggestions). */
  threshold: number;
  labels: readonly string[];
  model: TrainedModel;
}

/**
 * What training learned, as plain data (typed arrays, strings): it can cross to another thread or
 * be kept, and `classifierFromModel` makes a classifier of it again with the same vocabulary.
 */
export interface TrainedModel {
  /** The labels learned (at least ten examples each), in reading order. */
  labels: string[];
  /** Stemmed words and word pairs, in the order of the weights' columns. */
  features: string[];
  /** labels × features, row by label. */
  weights: Float64Array;
  bias: Float64Array;
  /** The weight of the vocabulary's own score, per label. */
  vocabWeight: Float64Array;
  threshold: number;
  /** How many labelled texts it was trained on. */
  examples: number;
}

export interface TrainingOptions {
  vocabulary: Vocabulary;
  examples: readonly LabelledText[];
  /** Themes (UPR Info issues) → labels, as for `buildClassifier`. */
  themeLabels?: Record<string, readonly string[]>;
  epochs?: number;
  /** A word or word pair must occur in this many examples to become a feature. */
  minCount?: number;
  seed?: number;
}

/**
 * One logistic regression per label over a text's stemmed words and word pairs, plus the curated
 * vocabulary's score for that label as one more feature (so the vocabulary's phrases count where
 * examples are few). A label with fewer than ten examples (UPR Info's issues never give article 7
 * or 31, say) keeps the vocabulary's own score, so it can still be suggested.
 * Trained by stochastic gradient descent in a seeded order, so the same examples give the same
 * model. Scores are probabilities (0–1); the threshold is chosen on a fifth of the examples held
 * out of a first fit — the best F1 of the suggestions it would show — then the model is refitted on
 * all of them. Nothing here reads the examples' themes: the text alone is scored.
 */
export function trainClassifier(options: TrainingOptions): TrainedClassifier {
  return classifierFromModel(trainModel(options), options);
}

/** Trains the model of `trainClassifier` and returns it as data. */
export function trainModel(options: TrainingOptions): TrainedModel {
  const examples = shuffled(options.examples, options.seed ?? 1);
  const cut = Math.floor(examples.length * 0.8);
  const vocabulary = buildClassifier({ vocabulary: options.vocabulary });
  const trial = scorer(fitModel(options, examples.slice(0, cut), vocabulary), vocabulary);
  const threshold = chooseThreshold(trial, examples.slice(cut));
  return { ...fitModel(options, examples, vocabulary), threshold, examples: examples.length };
}

/**
 * A classifier of a trained model: its labels scored by the model (source "model"), the others by
 * the vocabulary alone, and a theme the recommendation already has (its labels through
 * `themeLabels`) at 0.9 at least (source "vocabulary" where the theme raised the score).
 */
export function classifierFromModel(
  model: TrainedModel,
  options: { vocabulary: Vocabulary; themeLabels?: Record<string, readonly string[]> },
): TrainedClassifier {
  const vocabulary = buildClassifier({ vocabulary: options.vocabulary });
  const scored = scorer(model, vocabulary);
  const learned = new Set(model.labels);
  const themed = buildClassifier({ vocabulary: {}, themeLabels: options.themeLabels });
  return {
    threshold: model.threshold,
    labels: model.labels,
    model,
    suggest(text, suggestOptions = {}) {
      const exclude = new Set(suggestOptions.exclude ?? []);
      const scores = new Map(
        scored(text).map((s) => [
          s.id,
          { ...s, source: (learned.has(s.id) ? "model" : "vocabulary") as SuggestionSource },
        ]),
      );
      // A theme (UPR Info issue) the recommendation already has is as sure as the person who set it.
      for (const s of themed.suggest("", { themes: suggestOptions.themes, limit: 50 })) {
        const before = scores.get(s.id);
        scores.set(s.id, {
          id: s.id,
          score: Math.max(before?.score ?? 0, 0.9),
          because: [...s.because, ...(before?.because ?? [])],
          source: before && before.score >= 0.9 ? before.source : "vocabulary",
        });
      }
      return [...scores.values()]
        .filter((s) => !exclude.has(s.id) && s.score >= (suggestOptions.minScore ?? 0))
        .sort((a, b) => b.score - a.score || compareLabels(a.id, b.id))
        .slice(0, suggestOptions.limit ?? 5)
        .map((s) => ({ ...s, score: Math.round(s.score * 1000) / 1000 }));
    },
  };
}

/** A label needs this many examples to be learned; below it the vocabulary alone scores it. */
const MIN_EXAMPLES = 10;

type Fitted = Omit<TrainedModel, "threshold" | "examples">;
type Score = (text: string) => LabelSuggestion[];

function features(words: readonly string[]): string[] {
  const found = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) found.add(`${words[i]} ${words[i + 1]}`);
  return [...found];
}

/** A text's feature columns and its vocabulary scores, learned labels apart from the others. */
function encoder(labels: readonly string[], index: ReadonlyMap<string, number>, vocabulary: Classifier) {
  const labelIndex = new Map(labels.map((label, l) => [label, l]));
  return (text: string, f: readonly string[]) => {
    const ids = f.map((x) => index.get(x)).filter((i) => i !== undefined);
    const vocab = new Float64Array(labels.length);
    const because: string[][] = labels.map(() => []);
    const untrained: LabelSuggestion[] = [];
    for (const s of vocabulary.suggest(text, { limit: Number.MAX_SAFE_INTEGER })) {
      const l = labelIndex.get(s.id);
      if (l === undefined) untrained.push(s);
      else {
        vocab[l] = s.score;
        because[l] = s.because;
      }
    }
    return { ids, scale: 1 / Math.sqrt(ids.length + 1), vocab, because, untrained };
  };
}
type Encoded = ReturnType<ReturnType<typeof encoder>>;

function logit(model: Fitted, width: number, e: Encoded, l: number): number {
  let sum = model.bias[l]! + model.vocabWeight[l]! * e.vocab[l]!;
  const base = l * width;
  for (const i of e.ids) sum += model.weights[base + i]! * e.scale;
  return sum;
}

function scorer(model: Fitted, vocabulary: Classifier): Score {
  const index = new Map(model.features.map((x, i) => [x, i]));
  const encode = encoder(model.labels, index, vocabulary);
  const width = model.features.length;
  return (text) => {
    const e = encode(text, features(stemmedWords(text)));
    return [
      ...model.labels.map((id, l) => ({
        id,
        score: sigmoid(logit(model, width, e, l)),
        because: e.because[l]!,
      })),
      ...e.untrained,
    ];
  };
}

function fitModel(
  options: TrainingOptions,
  examples: readonly LabelledText[],
  vocabulary: Classifier,
): Fitted {
  // Labels with too few examples to learn from keep the vocabulary's own score.
  const positives = new Map<string, number>();
  for (const e of examples) for (const l of e.labels) positives.set(l, (positives.get(l) ?? 0) + 1);
  const labels = [...positives.keys()].filter((l) => positives.get(l)! >= MIN_EXAMPLES).sort(compareLabels);
  const count = new Map<string, number>();
  const prepared = examples.map((e) => {
    const f = features(stemmedWords(e.text));
    for (const x of f) count.set(x, (count.get(x) ?? 0) + 1);
    return { f, labels: new Set(e.labels), text: e.text };
  });
  const index = new Map<string, number>();
  for (const [x, n] of count) if (n >= (options.minCount ?? 3)) index.set(x, index.size);
  const L = labels.length;
  const model: Fitted = {
    labels,
    features: [...index.keys()],
    weights: new Float64Array(L * index.size),
    bias: new Float64Array(L),
    vocabWeight: new Float64Array(L),
  };
  const { weights, bias, vocabWeight } = model;
  const encode = encoder(labels, index, vocabulary);
  const encoded = prepared.map((p) => ({ ...encode(p.text, p.f), labels: p.labels }));
  const epochs = options.epochs ?? 8;
  const l2 = 1e-4;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.3 / (1 + epoch / 2);
    for (const e of shuffled(encoded, (options.seed ?? 1) + epoch + 1)) {
      for (let l = 0; l < L; l++) {
        const g = (e.labels.has(labels[l]!) ? 1 : 0) - sigmoid(logit(model, index.size, e, l));
        bias[l] = bias[l]! + rate * g;
        vocabWeight[l] = vocabWeight[l]! + rate * g * e.vocab[l]!;
        const base = l * index.size;
        for (const i of e.ids)
          weights[base + i] = weights[base + i]! + rate * (g * e.scale - l2 * weights[base + i]!);
      }
    }
  }
  return model;
}

/** The threshold (0.05 steps) whose shown suggestions (at most three) have the best F1 on `held`. */
function chooseThreshold(score: Score, held: readonly LabelledText[]): number {
  const ranked = held.map((e) => ({
    top: score(e.text)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3),
    expected: new Set(e.labels),
  }));
  let best = { threshold: 0.5, f1: -1 };
  for (let step = 1; step < 20; step++) {
    const threshold = step / 20;
    let shown = 0;
    let right = 0;
    let expected = 0;
    for (const r of ranked) {
      const s = r.top.filter((x) => x.score >= threshold);
      shown += s.length;
      right += s.filter((x) => r.expected.has(x.id)).length;
      expected += r.expected.size;
    }
    const precision = shown === 0 ? 0 : right / shown;
    const recall = expected === 0 ? 0 : right / expected;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best.threshold;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Fisher–Yates with a seeded generator (mulberry32): the same seed gives the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
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
