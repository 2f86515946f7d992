/**
 * First-order and total Sobol indices of one output from a Saltelli design:
 * `yA` and `yB` are the output on two independent samples of the inputs,
 * `yAB[i]` on sample A with input i taken from B. First order by Saltelli
 * (2010), `mean(yB · (yABi − yA)) / V`; total by Jansen (1999),
 * `mean((yA − yABi)²) / 2V`; V the variance of yA and yB together.
 * Returns the numerators and V as well, so that indices over many outputs
 * can be pooled (summed numerators over summed variances).
 */
export interface SobolEstimate {
  first: number[];
  total: number[];
  variance: number;
  firstNumerator: number[];
  totalNumerator: number[];
}

export function sobolIndices(
  yA: ArrayLike<number>,
  yB: ArrayLike<number>,
  yAB: readonly ArrayLike<number>[],
): SobolEstimate {
  const n = yA.length;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += yA[j]! + yB[j]!;
  mean /= 2 * n;
  let variance = 0;
  for (let j = 0; j < n; j++) variance += (yA[j]! - mean) ** 2 + (yB[j]! - mean) ** 2;
  variance /= 2 * n;
  const firstNumerator = yAB.map((y) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += yB[j]! * (y[j]! - yA[j]!);
    return s / n;
  });
  const totalNumerator = yAB.map((y) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += (yA[j]! - y[j]!) ** 2;
    return s / (2 * n);
  });
  const ratio = (x: number) => (variance > 0 ? x / variance : 0);
  return {
    first: firstNumerator.map(ratio),
    total: totalNumerator.map(ratio),
    variance,
    firstNumerator,
    totalNumerator,
  };
}
