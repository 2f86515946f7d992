import type {
  BandThreshold,
  DistanceReference,
  Framework,
  ImputationPolicy,
  Indicator,
  NormalisationMethod,
} from "../framework/model.ts";

/** How one indicator is normalised and what replaces its missing answers, as set on the nodes above it. */
export interface IndicatorRule {
  normalisation: NormalisationMethod;
  imputation: ImputationPolicy;
  /** Goalposts from a node above, replacing the indicator's own; null: its own. */
  goalposts: { min: number | "data"; max: number | "data" } | null;
  /** The reference of a `distance` normalisation (from the node that sets the normalisation); null otherwise. */
  reference: DistanceReference | null;
  /** The thresholds of a `banded` normalisation (from the node that sets the normalisation); null otherwise. */
  thresholds: readonly BandThreshold[] | null;
}

/**
 * The rule of every indicator (in the framework's indicator order): for each setting, the
 * nearest node on the path from the indicator's node to the root that sets it; unset anywhere,
 * the indicator's own goalposts and no imputation.
 */
export function resolveIndicatorRules(fw: Framework, indicators: readonly Indicator[]): IndicatorRule[] {
  const nodes = new Map(fw.nodes.map((node) => [node.code, node]));
  return indicators.map((ind) => {
    const rule = { normalisation: "goalposts" as const, imputation: "none" as const, goalposts: null };
    let normalisation: NormalisationMethod | undefined;
    let reference: DistanceReference | null = null;
    let thresholds: readonly BandThreshold[] | null = null;
    let imputation: ImputationPolicy | undefined;
    let goalposts: IndicatorRule["goalposts"] | undefined;
    // The path is short and acyclic (validated); a guard still bounds it.
    for (let node = nodes.get(ind.node), steps = 0; node && steps <= fw.nodes.length; steps++) {
      if (normalisation === undefined && node.normalisation !== undefined) {
        // A distance's reference and a banding's thresholds come with the method, from the same node.
        normalisation = node.normalisation;
        reference = node.reference ?? null;
        thresholds = node.thresholds ?? null;
      }
      imputation ??= node.imputation;
      goalposts ??= node.goalposts;
      node = node.parent === null ? undefined : nodes.get(node.parent);
    }
    return {
      normalisation: normalisation ?? rule.normalisation,
      imputation: imputation ?? rule.imputation,
      goalposts: goalposts ?? rule.goalposts,
      reference: normalisation === "distance" ? reference : null,
      thresholds: normalisation === "banded" ? thresholds : null,
    };
  });
}

/** True when no node sets a normalisation, goalposts or imputation: every indicator scored by its own rule. */
export function hasOnlyOwnRules(rules: readonly IndicatorRule[]): boolean {
  return rules.every(
    (r) => r.normalisation === "goalposts" && r.imputation === "none" && r.goalposts === null,
  );
}
