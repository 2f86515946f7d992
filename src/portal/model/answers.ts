import {
  type Indicator,
  type IndicatorRule,
  type ReleaseAnswer,
  resolveIndicatorRules,
} from "../../core/index.ts";
import type { PageEnv } from "../context.ts";
import { numberLocaleOf } from "../i18n/translate.ts";

const plainFormats = new Map<string, Intl.NumberFormat>();
const percentFormats = new Map<string, Intl.NumberFormat>();

/** A raw number as written in an answer (up to 2 decimals, grouped). */
export function plainNumber(lang: string, value: number): string {
  let f = plainFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocaleOf(lang), { maximumFractionDigits: 2 });
    plainFormats.set(lang, f);
  }
  return f.format(value);
}

function percent(lang: string, value: number): string {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocaleOf(lang), { style: "percent", maximumFractionDigits: 1 });
    percentFormats.set(lang, f);
  }
  return f.format(value / 100);
}

/** A number with its unit kept left to right as one piece, also in a right-to-left sentence. */
function withUnit(value: string, unit: string | undefined): string {
  return unit ? `\u2066${value} ${unit}\u2069` : value;
}

/** An answer in words: Yes / Partially / No, a number with its unit, a scale choice, "Not applicable". */
export function describeAnswer(
  env: PageEnv,
  indicator: Indicator,
  answer: ReleaseAnswer | undefined,
): string {
  const value = answer?.value ?? null;
  if (value === null) return env.t("answerMissing");
  if (value === "na") return env.t("answerNa");
  switch (indicator.type) {
    case "checklist":
      if (value === "yes") return env.t("answerYes");
      if (value === "partially") return env.t("answerPartially");
      if (value === "no") return env.t("answerNo");
      return String(value);
    case "scale": {
      const choice = indicator.scoring.choices.find((c) => c.code === value);
      return choice ? env.text(choice.label) : String(value);
    }
    case "percentage":
      return typeof value === "number" ? percent(env.lang, value) : String(value);
    case "number":
      if (typeof value !== "number") return String(value);
      return indicator.unit
        ? `${plainNumber(env.lang, value)} ${indicator.unit}`
        : plainNumber(env.lang, value);
  }
}

/** The short answer class used for colouring (yes / partially / no / na / missing / value). */
export function answerTone(answer: ReleaseAnswer | undefined): string {
  const value = answer?.value ?? null;
  if (value === null) return "missing";
  if (value === "na") return "na";
  if (value === "yes" || value === "partially" || value === "no") return value;
  return "value";
}

/**
 * How an indicator is scored, in one or two sentences generated from its rule: its own, or the
 * normalisation, goalposts and imputation set on the nearest node above it (as the engine scores).
 */
export function scoringRule(env: PageEnv, indicator: Indicator): string {
  const rule = resolveIndicatorRules(env.fw, [indicator])[0]!;
  const sentence = normalisationRule(env, indicator, rule);
  return rule.imputation === "none" ? sentence : `${sentence} ${env.t(`ruleImpute_${rule.imputation}`)}`;
}

function normalisationRule(env: PageEnv, indicator: Indicator, rule: IndicatorRule): string {
  // Indicator scores are 0–1 inside the engine; pages show every score on the framework's scale.
  const scale = env.fw.scoreScale;
  const shown = (share: number) => plainNumber(env.lang, Math.round(share * scale * 1000) / 1000);
  const numeric = indicator.type === "number" || indicator.type === "percentage";
  const unit = indicator.type === "number" ? indicator.unit : undefined;
  const value = (v: number) =>
    indicator.type === "percentage" ? percent(env.lang, v) : withUnit(plainNumber(env.lang, v), unit);
  const lower = numeric && indicator.scoring.direction === "lower";
  const direction = env.t(lower ? "ruleLower" : "ruleHigher");
  switch (rule.normalisation) {
    case "minmax":
    case "zscore":
    case "rank":
      return env.t(`rule_${rule.normalisation}`, {
        scale: plainNumber(env.lang, scale),
        half: shown(0.5),
        direction,
      });
    case "distance": {
      const ref = rule.reference;
      const reference =
        typeof ref === "number"
          ? value(ref)
          : env.t("ruleReferenceCountry", { country: env.countryName(ref ?? "") });
      return env.t(lower ? "ruleDistanceLower" : "ruleDistanceHigher", {
        reference,
        scale: plainNumber(env.lang, scale),
      });
    }
    case "banded": {
      const list = rule.thresholds ?? [];
      // The lowest band also takes every value below it: it reads "below the next threshold".
      const bands = list.map((b, k) => {
        const next = list[k + 1];
        if (k > 0) return env.t("ruleBandFrom", { from: value(b.from), score: shown(b.score) });
        return next
          ? env.t("ruleBandFirst", { to: value(next.from), score: shown(b.score) })
          : env.t("ruleBandAll", { score: shown(b.score) });
      });
      return env.t("ruleBanded", { bands: bands.join("; "), scale: plainNumber(env.lang, scale) });
    }
    case "goalposts":
      break;
  }
  switch (indicator.type) {
    case "checklist": {
      const s = indicator.scoring;
      return env.t("ruleChecklist", {
        yes: shown(s.yes),
        partially: shown(s.partially),
        no: shown(s.no),
        scale: plainNumber(env.lang, scale),
      });
    }
    case "scale":
      return env.t("ruleScale", {
        choices: indicator.scoring.choices.map((c) => `${env.text(c.label)} = ${shown(c.score)}`).join("; "),
      });
    case "number":
    case "percentage": {
      // Goalposts set on a node above replace the indicator's own, as in the engine.
      const s = { ...indicator.scoring, ...(rule.goalposts ?? {}) };
      const post = (g: number | "data", which: "min" | "max") =>
        g === "data" ? env.t("goalpostData", { which }) : value(g);
      const lowFirst = s.direction === "higher";
      const parts = [
        env.t("ruleNumeric", {
          min: post(lowFirst ? s.min : s.max, lowFirst ? "min" : "max"),
          max: post(lowFirst ? s.max : s.min, lowFirst ? "max" : "min"),
          direction: env.t(s.direction === "higher" ? "ruleHigher" : "ruleLower"),
          scale: plainNumber(env.lang, scale),
        }),
      ];
      if (s.log) parts.push(env.t("ruleLog"));
      parts.push(env.t(s.cap ? "ruleCap" : "ruleNoCap"));
      return parts.join(" ");
    }
  }
}
