import type { FrameworkNode } from "../framework/model.ts";
import {
  aggregateColumns,
  type ColumnState,
  createColumnState,
  createGoalposts,
  createScratch,
  normaliseRows,
  periodGoalposts,
} from "../scoring/column-engine.ts";
import type { AnswerColumns } from "../scoring/columns.ts";
import type { CompiledFramework } from "../scoring/compile.ts";
import { findBand, roundTo } from "../scoring/rank.ts";
import { createRandom, gamma, seedFrom } from "./random.ts";

/**
 * `goalposts`: as the framework normalises (each node's rule, a distance or banding included);
 * the others imposed on every indicator. A distance or a banding needs a node's reference or
 * thresholds, so neither can be imposed on every indicator.
 */
export const NORMALISATIONS = ["goalposts", "minmax", "zscore", "rank"] as const;
/**
 * `framework`: each node's own method; the next five impose one method on every node (as the
 * framework's aggregation methods do); `copeland` ranks by an outranking count at the root.
 */
export const AGGREGATIONS = [
  "framework",
  "arithmetic",
  "geometric",
  "harmonic",
  "median",
  "minimum",
  "copeland",
] as const;
export const MISSING_POLICIES = ["framework", "zero", "mean"] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];
export type MissingPolicy = (typeof MISSING_POLICIES)[number];

/**
 * What a methodologist could have chosen otherwise, and how many draws to make.
 * Each list is drawn from uniformly; a list of one fixes that choice. The first
 * entry of each list should be the framework's own choice (the nominal one).
 */
export interface AnalysisSettings {
  seed: number;
  /** Model evaluations in all (the Monte Carlo draws, Sobol's design included). */
  draws: number;
  weights: {
    /** `uniform`: each child weight times U(1 − r, 1 + r); `dirichlet`: children's shares ~ Dirichlet(c · nominal shares). */
    mode: "none" | "uniform" | "dirichlet";
    /** r for `uniform`, by node code; `defaultRange` for nodes not listed. */
    range?: Record<string, number>;
    defaultRange: number;
    /** c for `dirichlet`: larger keeps the weights closer to the chosen ones. */
    concentration: number;
  };
  normalisations: Normalisation[];
  aggregations: Aggregation[];
  missing: MissingPolicy[];
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  seed: 1,
  draws: 1000,
  weights: { mode: "uniform", defaultRange: 0.25, concentration: 50 },
  normalisations: ["goalposts"],
  aggregations: ["framework"],
  missing: ["framework"],
};

/** One uncertain input: a group of weights (a node's subtree) or one methodological choice. */
export interface Factor {
  key: string;
  kind: "weights" | "normalisation" | "aggregation" | "missing";
  /** For weights: the nodes whose children's weights this factor draws. */
  nodes: number[];
}

/** The normalised indicator scores of one period, for each normalisation and missing-data variant. */
interface Variant {
  score: Float64Array;
  coverage: Float64Array;
}

/** Everything the draws need, computed once: precomputed normalisations, factors, the Saltelli design. */
export interface AnalysisModel {
  cf: CompiledFramework;
  settings: AnalysisSettings;
  entities: string[];
  /** Item-major "not applicable" marks of the indicators (entities × indicators). */
  excluded: Uint8Array;
  variants: Map<string, Variant>;
  factors: Factor[];
  /** Base sample size N: evaluations are A (N), B (N), then A with factor i from B (N each). */
  baseSamples: number;
  /** Uniforms of samples A and B, `[sample * factors + factor]`. */
  sampleA: Float64Array;
  sampleB: Float64Array;
  /** Node rule variants by `aggregation/missing`. */
  nodeRules: Map<string, FrameworkNode[]>;
}

/**
 * Prepares an analysis of one period of answer columns: the entities with
 * answers in it, every normalisation asked for (and its mean-imputed
 * variant), the uncertain inputs and the random design (from the seed).
 */
export function buildAnalysisModel(
  cf: CompiledFramework,
  input: AnswerColumns,
  period: string,
  settings: AnalysisSettings,
): AnalysisModel {
  const p = input.periods.indexOf(period);
  if (p < 0) throw new Error(`no answers in period ${period}`);
  const E = input.entities.length;
  const rows: number[] = [];
  for (let e = 0; e < E; e++) if (input.present[p * E + e]) rows.push(p * E + e);
  const entities = rows.map((r) => input.entities[r - p * E]!);
  // The period's present entities as a compact column set: that period last, and the earlier
  // periods before it (the previous-cycle imputation reads an entity's rows R apart).
  const n = cf.indicators.length;
  const R = rows.length;
  const P = p + 1;
  const values = new Float64Array(n * P * R);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < P; q++) {
      const shift = (q - p) * E;
      for (let j = 0; j < R; j++)
        values[i * P * R + q * R + j] = input.values[i * input.rows + rows[j]! + shift]!;
    }
  }
  const one: AnswerColumns = {
    entities,
    periods: input.periods.slice(0, P),
    rows: P * R,
    values,
    present: new Uint8Array(P * R).fill(1),
    skipped: [],
  };
  const itemCount = n + cf.nodeCodes.length;
  const state = createColumnState(itemCount, Math.max(1, R));
  const gp = createGoalposts(n);
  // Each normalisation by the scoring engine itself: the framework's rules, or one method imposed on every indicator.
  const normaliseAs = (method: Normalisation) => {
    const variantCf =
      method === "goalposts" ? cf : { ...cf, rules: cf.rules.map((r) => ({ ...r, normalisation: method })) };
    periodGoalposts(variantCf, one, p * R, R, gp);
    normaliseRows(variantCf, one, p * R, R, gp, state);
    return {
      score: state.score.slice(0, n * rows.length),
      coverage: state.coverage.slice(0, n * rows.length),
    };
  };
  const nominal = normaliseAs("goalposts");
  const excluded = state.excluded.slice(0, n * rows.length);
  const variants = new Map<string, Variant>();
  for (const method of settings.normalisations) {
    const plain = method === "goalposts" ? nominal : normaliseAs(method);
    variants.set(`${method}/plain`, plain);
    if (settings.missing.includes("mean")) {
      const imputed = imputeMean(plain.score, excluded, n, rows.length);
      // An imputed score is not data: coverage 0, as the engine marks its own imputations.
      variants.set(`${method}/mean`, { score: imputed, coverage: plain.coverage });
    }
  }
  if (settings.aggregations.includes("geometric")) {
    for (const [key, variant] of [...variants])
      variants.set(`${key}/positive`, { score: positive(variant.score), coverage: variant.coverage });
  }
  const factors = buildFactors(cf, settings);
  const k = factors.length;
  const baseSamples = k === 0 ? settings.draws : Math.max(1, Math.floor(settings.draws / (k + 2)));
  const random = createRandom(settings.seed);
  const sampleA = new Float64Array(baseSamples * k);
  const sampleB = new Float64Array(baseSamples * k);
  for (let j = 0; j < sampleA.length; j++) sampleA[j] = random();
  for (let j = 0; j < sampleB.length; j++) sampleB[j] = random();
  const nodeRules = new Map<string, FrameworkNode[]>();
  for (const aggregation of settings.aggregations) {
    for (const missing of settings.missing) {
      nodeRules.set(
        `${aggregation}/${missing}`,
        cf.framework.nodes.map((node) => ({
          ...node,
          aggregation:
            aggregation === "framework" || aggregation === "copeland" ? node.aggregation : aggregation,
          missing: missing === "zero" ? "zero" : node.missing,
        })),
      );
    }
  }
  return { cf, settings, entities, excluded, variants, factors, baseSamples, sampleA, sampleB, nodeRules };
}

/** Number of model evaluations of the design: N(k + 2), or N when nothing varies. */
export function evaluationCount(model: AnalysisModel): number {
  const k = model.factors.length;
  return k === 0 ? model.baseSamples : model.baseSamples * (k + 2);
}

function buildFactors(cf: CompiledFramework, settings: AnalysisSettings): Factor[] {
  const factors: Factor[] = [];
  const n = cf.indicators.length;
  if (settings.weights.mode !== "none") {
    // One factor for the root's children, one per top-level section for everything below it.
    const varies = (node: number) =>
      cf.children[node]!.filter((item) => cf.itemWeight[item]! > 0).length > 1 &&
      (settings.weights.mode === "dirichlet" || rangeOf(cf, settings, node) > 0);
    const subtree = (node: number): number[] => [
      node,
      ...[...cf.children[node]!].filter((item) => item >= n).flatMap((item) => subtree(item - n)),
    ];
    if (varies(cf.rootNode))
      factors.push({ key: `weights:${cf.nodeCodes[cf.rootNode]}`, kind: "weights", nodes: [cf.rootNode] });
    for (const item of cf.children[cf.rootNode]!) {
      if (item < n) continue;
      const nodes = subtree(item - n).filter(varies);
      if (nodes.length) factors.push({ key: `weights:${cf.nodeCodes[item - n]}`, kind: "weights", nodes });
    }
  }
  if (settings.normalisations.length > 1)
    factors.push({ key: "normalisation", kind: "normalisation", nodes: [] });
  if (settings.aggregations.length > 1) factors.push({ key: "aggregation", kind: "aggregation", nodes: [] });
  if (settings.missing.length > 1) factors.push({ key: "missing", kind: "missing", nodes: [] });
  return factors;
}

function rangeOf(cf: CompiledFramework, settings: AnalysisSettings, node: number): number {
  return settings.weights.range?.[cf.nodeCodes[node]!] ?? settings.weights.defaultRange;
}

/**
 * Where an imposed geometric mean takes its indicator scores from: 0–1 moved onto
 * `GEOMETRIC_FLOOR`–1, as composite-index audits rescale onto 1–100 before a geometric
 * mean. Otherwise one indicator at 0 (the lowest country under min-max or rank, a
 * checklist "no") makes every node above it 0, and whole draws rank every country 1st.
 */
export const GEOMETRIC_FLOOR = 0.01;

function positive(score: Float64Array): Float64Array {
  const out = new Float64Array(score.length);
  for (let k = 0; k < score.length; k++) out[k] = GEOMETRIC_FLOOR + (1 - GEOMETRIC_FLOOR) * score[k]!;
  return out;
}

/** Replaces a missing (not "not applicable") indicator score by the mean of the period's other entities. */
function imputeMean(score: Float64Array, excluded: Uint8Array, n: number, rows: number): Float64Array {
  const out = Float64Array.from(score);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < rows; j++) {
      const s = score[i * rows + j]!;
      if (!Number.isNaN(s)) {
        sum += s;
        count++;
      }
    }
    if (!count) continue;
    for (let j = 0; j < rows; j++) {
      const at = i * rows + j;
      if (Number.isNaN(score[at]!) && !excluded[at]) out[at] = sum / count;
    }
  }
  return out;
}

/** The uniforms of evaluation `e` of the design: A, B, then A with one factor from B. */
export function designPoint(model: AnalysisModel, e: number, out: Float64Array): void {
  const k = model.factors.length;
  const N = model.baseSamples;
  if (k === 0) return;
  const block = Math.floor(e / N);
  const j = e % N;
  const A = model.sampleA;
  const B = model.sampleB;
  for (let f = 0; f < k; f++) {
    const fromB = block === 1 || (block >= 2 && block - 2 === f);
    out[f] = (fromB ? B : A)[j * k + f]!;
  }
}

/** One methodological configuration: weights and the choices made. */
export interface Configuration {
  weights: Float64Array;
  normalisation: Normalisation;
  aggregation: Aggregation;
  missing: MissingPolicy;
}

export function nominalConfiguration(model: AnalysisModel): Configuration {
  const s = model.settings;
  return {
    weights: Float64Array.from(model.cf.itemWeight),
    normalisation: s.normalisations[0]!,
    aggregation: s.aggregations[0]!,
    missing: s.missing[0]!,
  };
}

/** Turns a design point into a configuration (weights drawn from sub-generators seeded by the point). */
export function configurationAt(model: AnalysisModel, point: Float64Array, out: Configuration): void {
  const { cf, settings } = model;
  out.weights.set(cf.itemWeight);
  out.normalisation = settings.normalisations[0]!;
  out.aggregation = settings.aggregations[0]!;
  out.missing = settings.missing[0]!;
  const pick = <T>(list: readonly T[], u: number) =>
    list[Math.min(list.length - 1, Math.floor(u * list.length))]!;
  model.factors.forEach((factor, f) => {
    const u = point[f]!;
    if (factor.kind === "normalisation") out.normalisation = pick(settings.normalisations, u);
    else if (factor.kind === "aggregation") out.aggregation = pick(settings.aggregations, u);
    else if (factor.kind === "missing") out.missing = pick(settings.missing, u);
    else {
      const random = createRandom(seedFrom(u));
      for (const node of factor.nodes) perturbChildren(model, node, random, out.weights);
    }
  });
}

function perturbChildren(
  model: AnalysisModel,
  node: number,
  random: () => number,
  weights: Float64Array,
): void {
  const { cf, settings } = model;
  const list = cf.children[node]!;
  if (settings.weights.mode === "uniform") {
    const r = rangeOf(cf, settings, node);
    for (const item of list) {
      const w = cf.itemWeight[item]!;
      if (w > 0) weights[item] = w * (1 + r * (2 * random() - 1));
    }
    return;
  }
  let total = 0;
  for (const item of list) total += Math.max(0, cf.itemWeight[item]!);
  let drawn = 0;
  for (const item of list) {
    const w = cf.itemWeight[item]!;
    if (w <= 0) continue;
    weights[item] = gamma(random, settings.weights.concentration * (w / total));
    drawn += weights[item]!;
  }
  for (const item of list) if (cf.itemWeight[item]! > 0) weights[item] = (weights[item]! / drawn) * total;
}

/** Working memory of one evaluator (one per worker). */
export interface Evaluator {
  model: AnalysisModel;
  state: ColumnState;
  scratch: ReturnType<typeof createScratch>;
  loaded: string;
  rootScore: Float64Array;
  rounded: Float64Array;
  sorted: Float64Array;
}

export function createEvaluator(model: AnalysisModel): Evaluator {
  const E = model.entities.length;
  const itemCount = model.cf.indicators.length + model.cf.nodeCodes.length;
  const state = createColumnState(itemCount, Math.max(1, E));
  state.rows = E;
  return {
    model,
    state,
    scratch: createScratch(Math.max(1, E)),
    loaded: "",
    rootScore: new Float64Array(E),
    rounded: new Float64Array(E),
    sorted: new Float64Array(E),
  };
}

/**
 * Scores the root of every entity under one configuration (displayed units;
 * a Copeland count rescaled to the score scale), with the engine's own
 * aggregation; writes into `ev.rootScore`.
 */
export function evaluate(ev: Evaluator, config: Configuration): Float64Array {
  const { model, state } = ev;
  const { cf } = model;
  const n = cf.indicators.length;
  const E = model.entities.length;
  const geometric = config.aggregation === "geometric";
  const key = `${config.normalisation}/${config.missing === "mean" ? "mean" : "plain"}${geometric ? "/positive" : ""}`;
  if (ev.loaded !== key) {
    const variant = model.variants.get(key)!;
    state.score.set(variant.score);
    state.coverage.set(variant.coverage);
    state.excluded.set(model.excluded);
    ev.loaded = key;
  }
  const rules = model.nodeRules.get(`${config.aggregation}/${config.missing}`)!;
  const variantCf = { ...cf, itemWeight: config.weights, framework: { ...cf.framework, nodes: rules } };
  aggregateColumns(variantCf, state, cf.order, cf.children, ev.scratch);
  const scale = cf.framework.scoreScale;
  const root = (n + cf.rootNode) * E;
  if (config.aggregation === "copeland") copeland(ev, config.weights);
  else if (geometric)
    // Back onto 0–1 (a root of 0 or 1 stays so), for bands and the scale.
    for (let e = 0; e < E; e++)
      ev.rootScore[e] = ((state.score[root + e]! - GEOMETRIC_FLOOR) / (1 - GEOMETRIC_FLOOR)) * scale;
  else for (let e = 0; e < E; e++) ev.rootScore[e] = state.score[root + e]! * scale;
  return ev.rootScore;
}

/**
 * Copeland's outranking count at the root: an entity beats another when the
 * weight of the root's children on which it scores higher exceeds the weight
 * on which it scores lower; its score is wins minus losses, rescaled to 0–scale.
 */
function copeland(ev: Evaluator, weights: Float64Array): void {
  const { model, state } = ev;
  const { cf } = model;
  const E = model.entities.length;
  const children = [...cf.children[cf.rootNode]!].filter((item) => weights[item]! > 0);
  const root = (cf.indicators.length + cf.rootNode) * E;
  for (let a = 0; a < E; a++) {
    if (Number.isNaN(state.score[root + a]!)) {
      ev.rootScore[a] = Number.NaN;
      continue;
    }
    let net = 0;
    for (let b = 0; b < E; b++) {
      if (a === b || Number.isNaN(state.score[root + b]!)) continue;
      let margin = 0;
      for (const item of children) {
        const sa = state.score[item * E + a]!;
        const sb = state.score[item * E + b]!;
        if (Number.isNaN(sa) || Number.isNaN(sb)) continue;
        if (sa > sb) margin += weights[item]!;
        else if (sa < sb) margin -= weights[item]!;
      }
      net += margin > 0 ? 1 : margin < 0 ? -1 : 0;
    }
    ev.rootScore[a] =
      E > 1 ? ((net + E - 1) / (2 * (E - 1))) * cf.framework.scoreScale : cf.framework.scoreScale;
  }
}

/** Competition ranks (1, 2, 2, 4) of scores rounded to the framework's precision; 0 for no score. */
export function rankScores(ev: Evaluator, scores: Float64Array, out: Int32Array, offset = 0): void {
  const E = scores.length;
  const precision = ev.model.cf.framework.precision;
  let count = 0;
  for (let e = 0; e < E; e++) {
    const s = scores[e]!;
    ev.rounded[e] = Number.isNaN(s) ? Number.NaN : roundTo(s, precision);
    if (!Number.isNaN(s)) ev.sorted[count++] = ev.rounded[e]!;
  }
  const ascending = ev.sorted.subarray(0, count).sort();
  for (let e = 0; e < E; e++) {
    const x = ev.rounded[e]!;
    if (Number.isNaN(x)) {
      out[offset + e] = 0;
      continue;
    }
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ascending[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    out[offset + e] = count - lo + 1;
  }
}

/** Ranks and bands of the evaluations `from` to `to` (exclusive): what one worker computes. */
export interface DrawBlock {
  from: number;
  to: number;
  /** `[(e − from) * entities + entity]`, 0 when unranked. */
  ranks: Int32Array;
  /** Band index of the root score, −1 when none (always −1 under Copeland). */
  bands: Int8Array;
}

export function runDraws(
  model: AnalysisModel,
  from: number,
  to: number,
  onProgress?: (done: number) => void,
): DrawBlock {
  const ev = createEvaluator(model);
  const E = model.entities.length;
  const point = new Float64Array(model.factors.length);
  const config = nominalConfiguration(model);
  const ranks = new Int32Array((to - from) * E);
  const bands = new Int8Array((to - from) * E);
  const { bands: bandDefs, precision } = model.cf.framework;
  for (let e = from; e < to; e++) {
    designPoint(model, e, point);
    configurationAt(model, point, config);
    const scores = evaluate(ev, config);
    rankScores(ev, scores, ranks, (e - from) * E);
    for (let x = 0; x < E; x++) {
      const s = scores[x]!;
      bands[(e - from) * E + x] =
        config.aggregation === "copeland" || Number.isNaN(s) ? -1 : findBand(bandDefs, roundTo(s, precision));
    }
    if (onProgress && (e - from) % 100 === 99) onProgress(e - from + 1);
  }
  return { from, to, ranks, bands };
}
