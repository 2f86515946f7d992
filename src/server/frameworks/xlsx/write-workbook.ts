import type { BandThreshold, Framework, Indicator, LocalText } from "../../../core/index.ts";
import { loadExcelJs } from "../../exceljs.ts";
import {
  CLASSIFICATION_PREFIX,
  COLUMNS,
  collectClassificationCodes,
  collectLanguages,
  LIST_SEPARATOR,
  SHEETS,
  THRESHOLD_SEPARATOR,
  textColumn,
} from "./layout.ts";
import { writeWorkbook } from "./neutralise-workbook.ts";
import { addListSheet, type CellInput } from "./write-sheet.ts";

const NOTES: Record<string, string> = {
  parent: "Code of the parent node; empty for the single root node.",
  weight: "Zero or more; weights are relative to the siblings.",
  minCoverage: "Share (0–1) of the children's weight that must have data for a score.",
  normalisation:
    "goalposts, minmax, zscore, rank, distance or banded, for every indicator below; empty: as set above.",
  goalpostMin: "Lower goalpost of the numeric indicators below (a number or 'data'); empty: their own.",
  goalpostMax: "Upper goalpost of the numeric indicators below (a number or 'data'); empty: their own.",
  imputation:
    "none, mean, median, previous (the country's previous cycle) or group (its group's mean, sheet groups): what replaces a missing answer below; empty: as set above.",
  reference:
    "With normalisation distance: the target (a number above 0) or a country code whose value in the same cycle is the reference.",
  thresholds:
    "With normalisation banded: 'from: score' pairs in increasing order, e.g. '0: 0; 25: 0.5; 75: 1' (a value from 25 below 75 scores 0.5).",
  members: "Country codes of the group, separated by ';'. A country belongs to one group at most.",
  fromVersion: "The earlier framework version whose codes 'from' names.",
  from: "Code of the indicator or node in the earlier version.",
  to: "Its code in this version; empty when it was removed.",
  change: "renamed, moved, split, merged, rescored or removed.",
  min: "Lower goalpost: a number, or 'data' for the lowest value in the period.",
  max: "Upper goalpost: a number, or 'data' for the highest value in the period.",
  log: "TRUE to take the natural logarithm before normalising.",
  cap: "TRUE to clamp values to the goalposts.",
  score: "Score of this choice, from 0 to 1.",
  value: "Empty on the row that names the classification itself.",
};

/** Writes a framework as the XLSX template; `readFrameworkWorkbook` reads it back unchanged. */
export async function writeFrameworkWorkbook(fw: Framework): Promise<Buffer> {
  const langs = collectLanguages(fw);
  const texts = (field: string, text: LocalText | undefined) =>
    Object.fromEntries(langs.map((l) => [textColumn(field, l), text?.[l]]));
  const columns = (fields: readonly string[]) => fields.flatMap((f) => langs.map((l) => textColumn(f, l)));
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = "Childmark";

  const settings: [string, CellInput][] = [
    ["format", fw.format],
    ["code", fw.code],
    ["version", fw.version],
    ["defaultLanguage", fw.defaultLanguage],
    ["languages", fw.languages.join(`${LIST_SEPARATOR} `)],
    ["scoreScale", fw.scoreScale],
    ["precision", fw.precision],
    ["gap.classification", fw.gap?.classification],
    ["gap.policy", fw.gap?.policy.join(`${LIST_SEPARATOR} `)],
    ["gap.implementation", fw.gap?.implementation.join(`${LIST_SEPARATOR} `)],
    ...langs.map((l): [string, CellInput] => [textColumn("title", l), fw.title[l]]),
    ...langs.map((l): [string, CellInput] => [textColumn("description", l), fw.description?.[l]]),
  ];
  addListSheet(
    wb,
    SHEETS.framework,
    ["setting", "value"],
    settings.filter(([, v]) => v !== undefined).map(([setting, value]) => ({ setting, value })),
  );

  addListSheet(
    wb,
    SHEETS.nodes,
    // code and parent, the translated texts, then the rules (the reader's own list).
    [...COLUMNS.nodes.fixed.slice(0, 2), ...columns(COLUMNS.nodes.texts), ...COLUMNS.nodes.fixed.slice(2)],
    fw.nodes.map((n) => ({
      code: n.code,
      parent: n.parent ?? undefined,
      ...texts("label", n.label),
      ...texts("description", n.description),
      weight: n.weight,
      aggregation: n.aggregation,
      missing: n.missing,
      minCoverage: n.minCoverage,
      normalisation: n.normalisation,
      goalpostMin: n.goalposts?.min,
      goalpostMax: n.goalposts?.max,
      imputation: n.imputation,
      reference: n.reference,
      thresholds: n.thresholds && thresholdsCell(n.thresholds),
    })),
    NOTES,
  );

  const classCodes = collectClassificationCodes(fw);
  addListSheet(
    wb,
    SHEETS.indicators,
    [
      "code",
      "node",
      "type",
      ...columns(["text", "guidance"]),
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
      ...columns(["evidence"]),
      ...classCodes.map((c) => `${CLASSIFICATION_PREFIX}${c}`),
    ],
    fw.indicators.map((ind) => ({
      code: ind.code,
      node: ind.node,
      type: ind.type,
      ...texts("text", ind.text),
      ...texts("guidance", ind.guidance),
      weight: ind.weight,
      ...scoringCells(ind),
      evidence_required: ind.evidence.required,
      ...texts("evidence", ind.evidence.description),
      ...Object.fromEntries(
        Object.entries(ind.classifications).map(([c, values]) => [
          `${CLASSIFICATION_PREFIX}${c}`,
          values.join(`${LIST_SEPARATOR} `),
        ]),
      ),
    })),
    NOTES,
  );

  addListSheet(
    wb,
    SHEETS.choices,
    ["indicator", "code", ...columns(["label"]), "score"],
    fw.indicators.flatMap((ind) =>
      ind.type === "scale"
        ? ind.scoring.choices.map((c) => ({
            indicator: ind.code,
            code: c.code,
            ...texts("label", c.label),
            score: c.score,
          }))
        : [],
    ),
    NOTES,
  );

  addListSheet(
    wb,
    SHEETS.classifications,
    ["classification", "value", ...columns(["label"])],
    fw.classifications.flatMap((c) => [
      { classification: c.code, ...texts("label", c.label) },
      ...c.values.map((v) => ({ classification: c.code, value: v.code, ...texts("label", v.label) })),
    ]),
    NOTES,
  );

  addListSheet(
    wb,
    SHEETS.bands,
    ["code", ...columns(["label"]), "min", "max", "color"],
    fw.bands.map((b) => ({
      code: b.code,
      ...texts("label", b.label),
      min: b.min,
      max: b.max,
      color: b.color,
    })),
    NOTES,
  );

  addListSheet(
    wb,
    SHEETS.groups,
    ["code", ...columns(["label"]), "members"],
    (fw.groups ?? []).map((g) => ({
      code: g.code,
      ...texts("label", g.label),
      members: g.members.join(`${LIST_SEPARATOR} `),
    })),
    NOTES,
  );

  addListSheet(
    wb,
    SHEETS.crosswalk,
    ["fromVersion", "from", "to", "change", ...columns(["note"])],
    (fw.crosswalks ?? []).flatMap((walk) =>
      walk.entries.map((entry) => ({
        fromVersion: walk.fromVersion,
        from: entry.from,
        to: entry.to ?? undefined,
        change: entry.change,
        ...texts("note", entry.note),
      })),
    ),
    NOTES,
  );

  return writeWorkbook(wb);
}

/** A banding's thresholds in one cell: `0: 0; 25: 0.5; 75: 1`. */
function thresholdsCell(thresholds: readonly BandThreshold[]): string {
  return thresholds.map((t) => `${t.from}${THRESHOLD_SEPARATOR} ${t.score}`).join(`${LIST_SEPARATOR} `);
}

function scoringCells(ind: Indicator): Record<string, CellInput> {
  switch (ind.type) {
    case "checklist":
      return { ...ind.scoring };
    case "number":
    case "percentage":
      return {
        unit: ind.unit,
        ...ind.scoring,
        source_figure: ind.source?.figure,
        source_sector: ind.source?.sector,
        source_basis: ind.source?.basis,
      };
    case "scale":
      return {};
  }
}
