import {
  agreeingValues,
  type ChildAnswerValue,
  type ConsultationDefinition,
  type Question,
} from "./model.ts";
import { hiddenGroups } from "./suppress.ts";

/** The coarse, optional facts a child may give; the only ways results are broken down. */
export const DIMENSIONS = ["band", "gender", "country", "region"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Children who did not say (gender, region) form a group of their own, suppressed like any other. */
export const NOT_STATED = "not-stated";

/** One child's sent answers with the coarse facts they chose to give. */
export interface ChildResponse {
  band: string;
  gender?: string | null;
  country?: string | null;
  region?: string | null;
  answers: Readonly<Record<string, ChildAnswerValue>>;
}

/** What a group of children answered: how many, how many chose each value, the share agreeing. */
export interface Tally {
  n: number;
  /** Children per value (for several choices, children who chose each option). */
  counts: Record<string, number>;
  /** Share (0–1) of the group agreeing, for questions that have agreeing answers. */
  agreeing: number | null;
  /** For number questions: the median answer. */
  median: number | null;
}

export interface GroupTally extends Tally {
  key: string;
}

/**
 * One breakdown: only the groups that may be shown. Hidden groups are not listed at all (not even
 * their names: a lone region's name would point at its child); `hidden` says some were left out.
 */
export interface ChildBreakdown {
  dimension: Dimension;
  groups: GroupTally[];
  hidden: boolean;
}

export interface QuestionAggregate {
  code: string;
  type: Question["type"];
  /** Null when fewer than the threshold answered: nothing of the question is shown then. */
  total: Tally | null;
  breakdowns: ChildBreakdown[];
}

export interface ConsultationAggregate {
  threshold: number;
  /** Children who sent answers, or null under the threshold. */
  participants: { n: number; breakdowns: ChildBreakdown[] } | null;
  questions: QuestionAggregate[];
}

/** The group of `response` in `dimension`. */
export function groupOf(response: ChildResponse, dimension: Dimension): string {
  const value = dimension === "band" ? response.band : response[dimension];
  return value || NOT_STATED;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The tally of the children of `responses` who answered `question`. */
export function tally(question: Question, responses: readonly ChildResponse[]): Tally {
  const values = responses
    .map((r) => r.answers[question.code])
    .filter((v) => v !== undefined)
    // A smiley "4" read back from a JSON column may arrive as the number 4 (the driver parses it twice).
    .map((v) => (question.type !== "number" && typeof v === "number" ? String(v) : v));
  const counts: Record<string, number> = {};
  const numbers: number[] = [];
  // By the question's type, not the value's: a stored "4" of a smiley scale may come back as 4.
  for (const value of values) {
    if (question.type === "number") {
      const n = Number(value);
      if (Number.isFinite(n)) numbers.push(n);
    } else if (question.type !== "short-text")
      for (const v of Array.isArray(value) ? value : [value])
        counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  }
  const agree = agreeingValues(question);
  const agreeingCount = values.filter((v) => !Array.isArray(v) && agree.includes(String(v))).length;
  return {
    n: values.length,
    counts,
    agreeing: agree.length && values.length ? agreeingCount / values.length : null,
    median: question.type === "number" ? median(numbers) : null,
  };
}

/** A breakdown of `responses` by `dimension`, with every group under the threshold (and its complement) left out. */
export function breakdown<T extends Tally>(
  responses: readonly ChildResponse[],
  dimension: Dimension,
  threshold: number,
  measure: (group: readonly ChildResponse[]) => T,
): ChildBreakdown & { groups: (T & { key: string })[] } {
  const byKey = new Map<string, ChildResponse[]>();
  for (const r of responses) {
    const key = groupOf(r, dimension);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const measured = [...byKey.entries()].map(([key, group]) => ({ key, ...measure(group) }));
  const hidden = hiddenGroups(new Map(measured.map((g) => [g.key, g.n])), threshold);
  return {
    dimension,
    groups: measured.filter((g) => !hidden.has(g.key)).sort((a, b) => (a.key < b.key ? -1 : 1)),
    hidden: hidden.size > 0,
  };
}

/**
 * Everything that may be shown of a consultation's answers: per question its total and one
 * breakdown per dimension, each group of at least `threshold` children, with complementary
 * suppression. Only one-dimensional breakdowns of the same children are given, never a
 * breakdown within a group, so no hidden group can be worked out by subtracting one table from
 * another. Free texts are counted, never listed here (moderated quotes are a separate matter).
 */
export function aggregateConsultation(
  definition: ConsultationDefinition,
  responses: readonly ChildResponse[],
  threshold = definition.threshold,
): ConsultationAggregate {
  const people = (group: readonly ChildResponse[]): Tally => ({
    n: group.length,
    counts: {},
    agreeing: null,
    median: null,
  });
  const participants =
    responses.length >= threshold
      ? { n: responses.length, breakdowns: DIMENSIONS.map((d) => breakdown(responses, d, threshold, people)) }
      : null;
  const questions = definition.questions.map((q): QuestionAggregate => {
    const answered = responses.filter((r) => r.answers[q.code] !== undefined);
    const measure = (group: readonly ChildResponse[]) => tally(q, group);
    if (answered.length < threshold) return { code: q.code, type: q.type, total: null, breakdowns: [] };
    return {
      code: q.code,
      type: q.type,
      total: measure(answered),
      breakdowns: DIMENSIONS.map((d) => breakdown(answered, d, threshold, measure)),
    };
  });
  return { threshold, participants, questions };
}

/**
 * A few of the moderated quotes to show beside the figures: each text once, spread over the
 * (sorted) list rather than its first few, at most `count`.
 */
export function someQuotes(quotes: readonly string[], count = 3): string[] {
  const distinct = [...new Set(quotes)];
  if (distinct.length <= count) return distinct;
  return Array.from({ length: count }, (_, i) => distinct[Math.floor((i * distinct.length) / count)]!);
}
