import { normaliseText } from "./normalise.ts";

/** Words too common in recommendations to say anything about their subject. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be by for from has have in into is it its of on or that the their this to with " +
    "all any ensure including its take measures continue further efforts state states party parties " +
    "adopt strengthen implement necessary order"
  ).split(" "),
);

/** Lower-cased content words of a text, with a light English stemming (plural and -ing/-ed endings). */
export function tokenise(text: string): string[] {
  return normaliseText(text)
    .split(" ")
    .filter((w) => w.length > 2 && !STOP_WORDS.has(w))
    .map(stem);
}

/** A light English stem: plural and -ing/-ed endings. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && (word.endsWith("ing") || word.endsWith("ed")))
    return word.slice(0, word.endsWith("ed") ? -2 : -3);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export interface Candidate {
  id: string;
  text: string;
}

export interface Suggestion {
  id: string;
  /** Cosine similarity of TF-IDF vectors, 0–1, rounded to three decimals. */
  score: number;
}

/**
 * Ranks candidates (UNCRC articles, SDG targets, indicators) by how close their text is to `text`:
 * cosine similarity of TF-IDF word vectors, the IDF taken over the candidates themselves so words
 * shared by every candidate weigh nothing. Returns the best `limit` with a score above zero.
 */
export function rankBySimilarity(text: string, candidates: readonly Candidate[], limit = 5): Suggestion[] {
  const space = tfIdfSpace(candidates.map((c) => c.text));
  const query = space.vectorOf(text);
  const scored = space.vectors.map((doc, i) => ({ id: candidates[i]!.id, score: cosine(query, doc) }));
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => ({ id: s.id, score: roundScore(s.score) }));
}

/** A similarity score as the module reports it: three decimals. */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/**
 * TF-IDF word vectors of `texts`, the IDF taken over the texts themselves, and the weighting of any
 * other text in that space: computed once for many comparisons (`textSimilarity`).
 */
export function tfIdfSpace(texts: readonly string[]) {
  const docs = texts.map((t) => countWords(tokenise(t)));
  const documentFrequency = new Map<string, number>();
  for (const doc of docs)
    for (const word of doc.keys()) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const idf = (word: string) => Math.log((1 + docs.length) / (1 + (documentFrequency.get(word) ?? 0)));
  return {
    vectors: docs.map((doc) => weigh(doc, idf)),
    vectorOf: (text: string) => weigh(countWords(tokenise(text)), idf),
  };
}

/** Cosine similarity (0–1) of two TF-IDF vectors of one space. */
export function textSimilarity(a: Map<string, number>, b: Map<string, number>): number {
  return cosine(a, b);
}

function countWords(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function weigh(counts: Map<string, number>, idf: (word: string) => number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [word, n] of counts) weights.set(word, n * idf(word));
  return weights;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [word, weight] of a) dot += weight * (b.get(word) ?? 0);
  if (dot === 0) return 0;
  return dot / (norm(a) * norm(b));
}

function norm(v: Map<string, number>): number {
  let sum = 0;
  for (const weight of v.values()) sum += weight * weight;
  return Math.sqrt(sum);
}
