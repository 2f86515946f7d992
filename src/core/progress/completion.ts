/**
 * The completion of an assessment as a whole percent: indicators answered out
 * of the framework's indicators, rounded once. Every page that shows a
 * completion (my work, the workspace header, the progress page, the reviewer
 * queue) shows this number, so 154 of 158 is 97 % everywhere (rounding 97.5
 * from a one-decimal figure gave 98 % on one page and 97 % on another).
 */
export function completionPercent(answered: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((100 * Math.min(answered, total)) / total);
}
