/*
 * A problem of an IATI file: a code with its parameters (the web app words it in its
 * languages), where it is (activity, node, indicator, period, value) and the same in
 * English for the API and the command line.
 */

/** Where a problem is in the file; every part optional. */
export interface IatiWhere {
  /** The activity's identifier. */
  activity?: string;
  /** A node's code (merge: where the plan would put it). */
  node?: string;
  /** The indicator's title, or its code when it has none. */
  indicator?: string;
  /** The period's label, or its position in the indicator when its dates are wrong. */
  period?: string;
  value?: "baseline" | "target" | "actual";
  /** The dimensions a value is broken down by, e.g. "sex, age". */
  by?: string;
}

export interface IatiProblem {
  code: string;
  params: Record<string, string | number>;
  at: IatiWhere;
  /** The problem in English, its place first. */
  message: string;
}

/** A problem whose English message is `place: text` (no place: the text alone). */
export function iatiProblem(
  place: string,
  at: IatiWhere,
  code: string,
  params: Record<string, string | number>,
  text: string,
): IatiProblem {
  return { code, params, at, message: place ? `${place}: ${text}` : text };
}
