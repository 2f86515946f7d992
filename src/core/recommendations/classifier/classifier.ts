import { normaliseText } from "../normalise.ts";
import { stem } from "../similarity.ts";
import type { Vocabulary } from "./article-vocabulary.ts";

/** A label suggested for a text, with a 0–1 score and the phrases that led to it. */
export interface LabelSuggestion {
  id: string;
  score: number;
  because: string[];
}

/** Words of a text as the vocabulary reads them: normalised, stemmed, in order. */
export function stemmedWords(text: string): string[] {
  return normaliseText(text)
    .split(" ")
    .filter((w) => w !== "")
    .map(stem);
}

interface Phrase {
  words: string[];
  label: string;
  weight: number;
  text: string;
}

/** Evidence learned from labelled examples: for each word, how much more often a label comes with it. */
export type LearnedWeights = Map<string, Map<string, number>>;

export interface Classifier {
  suggest(
    text: string,
    options?: {
      limit?: number;
      themes?: readonly string[];
      exclude?: readonly string[];
      /** Leave out suggestions scoring below this (0–1). */
      minScore?: number;
    },
  ): LabelSuggestion[];
}

/**
 * Builds a scorer from a curated vocabulary (phrase → weight per label), optional weights learned
 * from labelled examples and an optional map from themes (UPR Info issues) to labels. Phrases are
 * indexed by their first word, so scoring a text costs one pass over its words.
 */
export function buildClassifier(input: {
  vocabulary: Vocabulary;
  learned?: LearnedWeights;
  themeLabels?: Record<string, readonly string[]>;
}): Classifier {
  // Phrases that stem alike ("school", "schools") count once for a label, at their highest weight.
  const unique = new Map<string, Phrase>();
  for (const [label, phrases] of Object.entries(input.vocabulary)) {
    for (const [text, weight] of Object.entries(phrases)) {
      const words = stemmedWords(text);
      const key = `${label}\u001f${words.join(" ")}`;
      if (words.length > 0 && (unique.get(key)?.weight ?? 0) < weight)
        unique.set(key, { words, label, weight, text });
    }
  }
  const byFirstWord = new Map<string, Phrase[]>();
  for (const phrase of unique.values()) {
    const list = byFirstWord.get(phrase.words[0]!) ?? [];
    list.push(phrase);
    byFirstWord.set(phrase.words[0]!, list);
  }
  return {
    suggest(text, options = {}) {
      const words = stemmedWords(text);
      const raw = new Map<string, { score: number; because: Set<string> }>();
      const add = (label: string, score: number, reason?: string) => {
        const entry = raw.get(label) ?? { score: 0, because: new Set<string>() };
        entry.score += score;
        if (reason) entry.because.add(reason);
        raw.set(label, entry);
      };
      const matched = new Set<Phrase>();
      words.forEach((word, i) => {
        for (const phrase of byFirstWord.get(word) ?? []) {
          if (matched.has(phrase)) continue;
          if (phrase.words.every((w, j) => words[i + j] === w)) matched.add(phrase);
        }
      });
      for (const phrase of matched) add(phrase.label, phrase.weight, phrase.text);
      if (input.learned) {
        const distinct = new Set(words);
        const scale = 1 / Math.sqrt(Math.max(1, distinct.size));
        for (const word of distinct)
          for (const [label, weight] of input.learned.get(word) ?? []) add(label, weight * scale);
      }
      // The first label of a theme is its main one: 2, then 1.5, 1.
      for (const theme of options.themes ?? [])
        (input.themeLabels?.[theme] ?? []).forEach((label, i) => {
          add(label, Math.max(1, 2 - i / 2), theme);
        });
      const exclude = new Set(options.exclude ?? []);
      return [...raw.entries()]
        .filter(([label, e]) => e.score > 0 && !exclude.has(label))
        .sort((a, b) => b[1].score - a[1].score || compareLabels(a[0], b[0]))
        .map(([id, e]) => ({
          id,
          score: Math.round((e.score / (e.score + 3)) * 1000) / 1000,
          because: [...e.because],
        }))
        .filter((s) => s.score >= (options.minScore ?? 0))
        .slice(0, options.limit ?? 5);
    },
  };
}

/** Article and target codes in reading order: 2 before 19, 16.2 before 16.10, 4.7 before 4.a. */
export function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * Learns word evidence from labelled texts: a word seen in at least `minCount` texts gives a label
 * the log of how much more often the label comes with it than without (positive values only).
 */
export function learnWeights(
  examples: readonly { text: string; labels: readonly string[] }[],
  minCount = 5,
): LearnedWeights {
  const wordCount = new Map<string, number>();
  const labelCount = new Map<string, number>();
  const pairCount = new Map<string, Map<string, number>>();
  for (const example of examples) {
    const words = new Set(stemmedWords(example.text));
    for (const label of example.labels) labelCount.set(label, (labelCount.get(label) ?? 0) + 1);
    for (const word of words) {
      wordCount.set(word, (wordCount.get(word) ?? 0) + 1);
      const pairs = pairCount.get(word) ?? new Map<string, number>();
      for (const label of example.labels) pairs.set(label, (pairs.get(label) ?? 0) + 1);
      pairCount.set(word, pairs);
    }
  }
  const total = examples.length;
  const learned: LearnedWeights = new Map();
  for (const [word, pairs] of pairCount) {
    const n = wordCount.get(word)!;
    if (n < minCount) continue;
    const weights = new Map<string, number>();
    for (const [label, together] of pairs) {
      const lift = Math.log(((together + 0.5) * total) / ((n + 1) * labelCount.get(label)!));
      if (lift > 0.5) weights.set(label, lift);
    }
    if (weights.size > 0) learned.set(word, weights);
  }
  return learned;
}
