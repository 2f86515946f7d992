import {
  budgetSource,
  crosswalkChange,
  imputationPolicy,
  normalisationMethod,
} from "../../../core/framework/model.ts";
import type { Framework, LocalText } from "../../../core/index.ts";

/**
 * The sheets and columns of the XLSX framework template, shared by the writer
 * and the reader so the two cannot disagree. Translated columns are written
 * `label::fr`; `classification::dimension` columns hold `;`-separated values.
 */
export const SHEETS = {
  framework: "framework",
  nodes: "nodes",
  indicators: "indicators",
  choices: "choices",
  classifications: "classifications",
  bands: "bands",
  groups: "groups",
  crosswalk: "crosswalk",
} as const;

/**
 * The columns of each list sheet. `…Texts` are translated fields, one column
 * per language (`label::en`, `label::fr`); the reader accepts exactly these.
 */
export const COLUMNS = {
  nodes: {
    fixed: [
      "code",
      "parent",
      "weight",
      "aggregation",
      "missing",
      "minCoverage",
      "normalisation",
      "goalpostMin",
      "goalpostMax",
      "imputation",
      "reference",
      "thresholds",
    ],
    texts: ["label", "description"],
  },
  indicators: {
    fixed: [
      "code",
      "node",
      "type",
      "weight",
      "unit",
      "min",
      "max",
      "direction",
      "log",
      "cap",
      "yes",
      "partially",
      "no",
      "source_figure",
      "source_sector",
      "source_basis",
      "evidence_required",
    ],
    texts: ["text", "guidance", "evidence"],
  },
  choices: { fixed: ["indicator", "code", "score"], texts: ["label"] },
  classifications: { fixed: ["classification", "value"], texts: ["label"] },
  bands: { fixed: ["code", "min", "max", "color"], texts: ["label"] },
  groups: { fixed: ["code", "members"], texts: ["label"] },
  crosswalk: { fixed: ["fromVersion", "from", "to", "change"], texts: ["note"] },
} as const satisfies Record<string, { fixed: readonly string[]; texts: readonly string[] }>;

/** Prefix of the indicator columns linking to classification values. */
export const CLASSIFICATION_PREFIX = "classification::";
/** Separator of several values in one cell. */
export const LIST_SEPARATOR = ";";

/** Choices offered as drop-down lists in the template. */
export const DROPDOWNS: Record<string, readonly string[]> = {
  type: ["checklist", "number", "percentage", "scale"],
  direction: ["higher", "lower"],
  aggregation: ["arithmetic", "geometric", "harmonic", "median", "minimum"],
  missing: ["reweight", "zero"],
  normalisation: normalisationMethod.options,
  imputation: imputationPolicy.options,
  change: crosswalkChange.options,
  source_figure: budgetSource.shape.figure.options,
  source_basis: budgetSource.shape.basis.unwrap().options,
};

/** Separator of a band's lower bound and its score in a `thresholds` cell: `0: 0; 25: 0.5; 75: 1`. */
export const THRESHOLD_SEPARATOR = ":";

/** Column name of a translated field: `text::fr`. */
export function textColumn(field: string, language: string): string {
  return `${field}::${language}`;
}

/** Splits `label::fr` into field and language; undefined for untranslated columns. */
export function splitTextColumn(header: string): { field: string; language: string } | undefined {
  const at = header.indexOf("::");
  if (at <= 0) return undefined;
  return { field: header.slice(0, at), language: header.slice(at + 2) };
}

/**
 * Every language used anywhere in a framework, default language first, so that
 * a text in a language missing from `languages` still gets its column.
 */
export function collectLanguages(fw: Framework): string[] {
  const found = new Set<string>([fw.defaultLanguage, ...fw.languages]);
  const add = (text: LocalText | undefined) => {
    for (const key of Object.keys(text ?? {})) found.add(key);
  };
  add(fw.title);
  add(fw.description);
  for (const n of fw.nodes) {
    add(n.label);
    add(n.description);
  }
  for (const ind of fw.indicators) {
    add(ind.text);
    add(ind.guidance);
    add(ind.evidence.description);
    if (ind.type === "scale") for (const c of ind.scoring.choices) add(c.label);
  }
  for (const b of fw.bands) add(b.label);
  for (const g of fw.groups ?? []) add(g.label);
  for (const walk of fw.crosswalks ?? []) for (const entry of walk.entries) add(entry.note);
  for (const c of fw.classifications) {
    add(c.label);
    for (const v of c.values) add(v.label);
  }
  return [...found];
}

/** Every classification code used by the framework or its indicators, in first-seen order. */
export function collectClassificationCodes(fw: Framework): string[] {
  const found = new Set<string>(fw.classifications.map((c) => c.code));
  for (const ind of fw.indicators) for (const key of Object.keys(ind.classifications)) found.add(key);
  return [...found];
}
