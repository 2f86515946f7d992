import {
  type AnalysisModel,
  createEvaluator,
  type DrawBlock,
  evaluate,
  evaluationCount,
  nominalConfiguration,
  rankScores,
} from "./model.ts";
import { sobolIndices } from "./sobol.ts";

/** How one entity's rank varies over the draws. */
export interface EntityUncertainty {
  entity: string;
  /** Rank under the framework's own choices (0 when unranked). */
  nominalRank: number;
  medianRank: number;
  /** 5th and 95th percentiles of the rank over the draws. */
  p5: number;
  p95: number;
  /** The interval shown: the 5th–95th percentile range, widened to include the nominal rank when it falls outside. */
  low: number;
  high: number;
  /** Share of the draws in each band (framework band order); Copeland draws have no band. */
  bandShares: number[];
  /** Largest rank shift when one indicator or section is left out, and which. */
  largestShift: number;
  largestShiftItem: string | null;
}

export interface FactorSensitivity {
  key: string;
  /** First-order and total Sobol indices of the rank, pooled over entities (numerators over variances). */
  first: number;
  total: number;
}

export interface LeaveOneOut {
  item: string;
  kind: "indicator" | "node";
  /** Mean and largest absolute rank shift over entities. */
  meanShift: number;
  maxShift: number;
}

export interface AnalysisResult {
  entities: EntityUncertainty[];
  factors: FactorSensitivity[];
  leaveOneOut: LeaveOneOut[];
  evaluations: number;
}

/** Percentile (nearest rank) of a histogram of ranks 1..E. */
function histogramPercentile(hist: Int32Array, count: number, q: number): number {
  const target = Math.max(1, Math.ceil(q * count));
  let seen = 0;
  for (let r = 1; r < hist.length; r++) {
    seen += hist[r]!;
    if (seen >= target) return r;
  }
  return 0;
}

/** Combines the workers' blocks (in any order) into the result. */
export function summariseDraws(model: AnalysisModel, blocks: readonly DrawBlock[]): AnalysisResult {
  const E = model.entities.length;
  const total = evaluationCount(model);
  const ranks = new Int32Array(total * E);
  const bands = new Int8Array(total * E);
  for (const block of blocks) {
    ranks.set(block.ranks, block.from * E);
    bands.set(block.bands, block.from * E);
  }
  const nominal = nominalRanks(model);
  const loo = leaveOneOut(model, nominal);
  const bandCount = model.cf.framework.bands.length;
  const entities: EntityUncertainty[] = model.entities.map((entity, x) => {
    const hist = new Int32Array(E + 1);
    const bandHits = new Array<number>(bandCount).fill(0);
    let ranked = 0;
    let banded = 0;
    for (let d = 0; d < total; d++) {
      const r = ranks[d * E + x]!;
      if (r > 0) {
        hist[r]!++;
        ranked++;
      }
      const b = bands[d * E + x]!;
      if (b >= 0) {
        bandHits[b]!++;
        banded++;
      }
    }
    const p5 = histogramPercentile(hist, ranked, 0.05);
    const p95 = histogramPercentile(hist, ranked, 0.95);
    const nom = nominal[x]!;
    return {
      entity,
      nominalRank: nom,
      medianRank: histogramPercentile(hist, ranked, 0.5),
      p5,
      p95,
      low: nom > 0 ? Math.min(p5, nom) : p5,
      high: Math.max(p95, nom),
      bandShares: bandHits.map((h) => (banded ? h / banded : 0)),
      largestShift: loo.byEntity[x]!.shift,
      largestShiftItem: loo.byEntity[x]!.item,
    };
  });
  return { entities, factors: factorSensitivity(model, ranks), leaveOneOut: loo.items, evaluations: total };
}

function factorSensitivity(model: AnalysisModel, ranks: Int32Array): FactorSensitivity[] {
  const k = model.factors.length;
  if (k === 0) return [];
  const E = model.entities.length;
  const N = model.baseSamples;
  const firstNum = new Float64Array(k);
  const totalNum = new Float64Array(k);
  let variance = 0;
  const column = (block: number, x: number) => {
    const out = new Float64Array(N);
    for (let j = 0; j < N; j++) out[j] = ranks[(block * N + j) * E + x]!;
    return out;
  };
  for (let x = 0; x < E; x++) {
    const yA = column(0, x);
    if (yA.some((r) => r === 0)) continue; // unranked in some draw: left out of the pooled indices
    const est = sobolIndices(
      yA,
      column(1, x),
      model.factors.map((_, f) => column(2 + f, x)),
    );
    variance += est.variance;
    for (let f = 0; f < k; f++) {
      firstNum[f] = firstNum[f]! + est.firstNumerator[f]!;
      totalNum[f] = totalNum[f]! + est.totalNumerator[f]!;
    }
  }
  return model.factors.map((factor, f) => ({
    key: factor.key,
    first: variance > 0 ? firstNum[f]! / variance : 0,
    total: variance > 0 ? totalNum[f]! / variance : 0,
  }));
}

/** Ranks under the framework's own choices. */
export function nominalRanks(model: AnalysisModel): Int32Array {
  const ev = createEvaluator(model);
  const ranks = new Int32Array(model.entities.length);
  rankScores(ev, evaluate(ev, nominalConfiguration(model)), ranks);
  return ranks;
}

/**
 * The rank shift of every entity when one indicator or one node is left out
 * (its weight set to 0), everything else as chosen by the framework.
 */
export function leaveOneOut(model: AnalysisModel, nominal: Int32Array) {
  const { cf } = model;
  const E = model.entities.length;
  const n = cf.indicators.length;
  const ev = createEvaluator(model);
  const config = nominalConfiguration(model);
  const ranks = new Int32Array(E);
  const items: LeaveOneOut[] = [];
  const byEntity = model.entities.map(() => ({ shift: 0, item: null as string | null }));
  for (let item = 0; item < config.weights.length; item++) {
    if (item === n + cf.rootNode || cf.itemWeight[item]! <= 0) continue;
    const code = item < n ? cf.indicators[item]!.code : cf.nodeCodes[item - n]!;
    config.weights[item] = 0;
    rankScores(ev, evaluate(ev, config), ranks);
    config.weights[item] = cf.itemWeight[item]!;
    let sum = 0;
    let max = 0;
    let counted = 0;
    for (let x = 0; x < E; x++) {
      if (!ranks[x] || !nominal[x]) continue;
      const shift = ranks[x]! - nominal[x]!;
      sum += Math.abs(shift);
      max = Math.max(max, Math.abs(shift));
      counted++;
      if (Math.abs(shift) > Math.abs(byEntity[x]!.shift)) byEntity[x] = { shift, item: code };
    }
    items.push({
      item: code,
      kind: item < n ? "indicator" : "node",
      meanShift: counted ? sum / counted : 0,
      maxShift: max,
    });
  }
  return { items, byEntity };
}
