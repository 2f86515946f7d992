/**
 * Small-cell suppression of one breakdown (groups of children by one dimension, whose total is
 * also shown). Primary: every group under the threshold is hidden. Complementary: while the
 * hidden groups together hold fewer than `threshold` children (but more than none), the smallest
 * visible group is hidden too, so that subtracting the visible groups from the total gives only
 * a pool of at least `threshold` children, never one small group. When the total itself is
 * under the threshold, every group is hidden.
 */
export function hiddenGroups(sizes: ReadonlyMap<string, number>, threshold: number): Set<string> {
  const entries = [...sizes.entries()].filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total < threshold) return new Set(entries.map(([key]) => key));
  const hidden = new Set(entries.filter(([, n]) => n < threshold).map(([key]) => key));
  // Smallest first; ties broken by key so the result does not depend on the order of answers.
  const visible = entries
    .filter(([key]) => !hidden.has(key))
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  let pooled = entries.filter(([key]) => hidden.has(key)).reduce((sum, [, n]) => sum + n, 0);
  while (pooled > 0 && pooled < threshold) {
    const next = visible.shift();
    if (!next) break;
    hidden.add(next[0]);
    pooled += next[1];
  }
  return hidden;
}
