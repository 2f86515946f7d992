import type { Framework, Indicator } from "../framework/model.ts";
import { NOT_APPLICABLE } from "../scoring/normalise.ts";
import type { ReleaseAnswer, ReleaseSnapshot } from "./snapshot.ts";

/*
 * The answers of a release as rows of a table, for the answers CSV, the XLSX and the reports:
 * pure formatting of a snapshot, so only what was published can appear.
 */

const CHECKLIST_LABELS: Record<string, string> = { yes: "Yes", partially: "Partially", no: "No" };

/** What an answer's value means to a reader: a checklist word, a scale choice's label, a number with its unit. */
export function answerMeaning(
  indicator: Indicator | undefined,
  value: ReleaseAnswer["value"],
  inLanguage: (text: Record<string, string> | undefined) => string,
): string {
  if (value === null) return "";
  if (value === NOT_APPLICABLE) return "Not applicable";
  if (!indicator) return String(value);
  if (indicator.type === "checklist") return CHECKLIST_LABELS[String(value)] ?? String(value);
  if (indicator.type === "scale") {
    const choice = indicator.scoring.choices.find((c) => c.code === value);
    return choice ? inLanguage(choice.label) : String(value);
  }
  const unit = indicator.type === "percentage" ? "%" : indicator.unit ? ` ${indicator.unit}` : "";
  return `${value}${unit}`;
}

/** One published answer, ready for a table. */
export interface AnswerRow {
  country: string;
  indicator: string;
  section: string;
  question: string;
  value: string | number | null;
  meaning: string;
  /** The public comment of an answer: why it does not apply (internal review comments are never published). */
  comment: string;
  sourceCount: number;
  /** One line per source: citation — legal reference — link — file (date). */
  sources: string[];
}

/** The sources of an answer, one readable line each. */
export function sourceLines(evidence: ReleaseAnswer["evidence"]): string[] {
  return evidence.map((e) =>
    [e.citation, e.legalReference, e.url, e.fileName, e.sourceDate ? `(${e.sourceDate})` : null]
      .filter(Boolean)
      .join(" — "),
  );
}

/**
 * Every published answer of a snapshot (or of one country), in framework order within each
 * country; texts in `lang` when the framework has it, else its default language.
 */
export function answerRows(snapshot: ReleaseSnapshot, lang?: string, country?: string): AnswerRow[] {
  const fw: Framework = snapshot.framework;
  const inLanguage = (text: Record<string, string> | undefined) =>
    text ? ((lang ? text[lang] : undefined) ?? text[fw.defaultLanguage] ?? Object.values(text)[0] ?? "") : "";
  const position = new Map(fw.indicators.map((ind, i) => [ind.code, i]));
  const byCode = new Map(fw.indicators.map((ind) => [ind.code, ind]));
  const nodes = new Map(fw.nodes.map((n) => [n.code, n]));
  const cc = country?.toUpperCase();
  return snapshot.answers
    .filter((a) => !cc || a.country === cc)
    .sort(
      (a, b) =>
        a.country.localeCompare(b.country) ||
        (position.get(a.indicator) ?? 0) - (position.get(b.indicator) ?? 0),
    )
    .map((a) => {
      const ind = byCode.get(a.indicator);
      return {
        country: a.country,
        indicator: a.indicator,
        section: ind ? inLanguage(nodes.get(ind.node)?.label) : "",
        question: inLanguage(ind?.text),
        value: a.value,
        meaning: answerMeaning(ind, a.value, inLanguage),
        comment: a.justification ?? "",
        sourceCount: a.evidence.length,
        sources: sourceLines(a.evidence),
      };
    });
}
