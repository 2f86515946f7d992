import { columnKey, matchColumns } from "../../core/index.ts";
import {
  type ColumnMapping,
  columnMapping,
  IMPORT_FIELDS,
  type ImportField,
  PRESETS,
  type PresetName,
} from "../api-schemas/recommendations.ts";

export { type ColumnMapping, columnMapping, IMPORT_FIELDS, type ImportField, PRESETS, type PresetName };

export interface Preset {
  /** Columns by name (compared without case, spaces or punctuation); other columns are matched by their usual names. */
  columns: ColumnMapping;
  /** Fields a column must give (or a constant, or the request's State). */
  required: ImportField[];
  /** Values of fields that no column gives. */
  constants?: Partial<Record<ImportField, string>>;
  /** Lists are separated by commas too (UPR Info: "Rights of the Child,Women's rights"). */
  listCommas?: boolean;
}

/** Built-in layouts: UPR Info's database files, OHCHR's Universal Human Rights Index, OHCHR thematic lists. */
export const BUILT_IN_PRESETS: Record<Exclude<PresetName, "generic">, Preset> = {
  "upr-info": {
    // The originals' names; copies derived from them ("state_under_review", "issues", "upr_session") match by alias.
    columns: {
      To: "state",
      Text: "text",
      From: "recommendingStates",
      Response: "position",
      Action: "actionCategory",
      Issue: "themes",
      Session: "session",
    },
    required: ["state", "text", "recommendingStates", "position", "session"],
    constants: { mechanism: "upr" },
    listCommas: true,
  },
  uhri: {
    columns: {
      "State under Review": "state",
      Recommendation: "text",
      "Reccomending Body": "mechanism",
      "Recommending State": "recommendingStates",
      "Document Symbol": "documentSymbol",
      Paragraph: "paragraph",
      Session: "session",
      "Date of Document": "date",
      Position: "position",
      Themes: "themes",
      "Affected Persons": "affectedGroups",
      SDGs: "sdgTargets",
    },
    required: ["state", "text", "mechanism"],
  },
  "ohchr-thematic": {
    columns: {
      cycle: "cycle",
      paragraph: "paragraph",
      text: "text",
      positionSource: "positionSource",
      position: "position",
      themes: "themes",
      groups: "affectedGroups",
      sdgs: "sdgTargets",
      recommendingStates: "recommendingStates",
    },
    required: ["cycle", "paragraph", "text", "position"],
    constants: { mechanism: "upr" },
  },
};

/** The generic layout: columns matched by name or mapped by the person, lists split on `,` and `;`. */
export function genericPreset(columns: ColumnMapping): Preset {
  return { columns, required: ["text", "state"], listCommas: true };
}

/**
 * The file's own columns for a preset: a column named as in the preset (in any case or spacing)
 * fills its field; a field the preset names no column for takes a column with one of its usual
 * names. `missing` are required fields that neither a column nor a constant fills.
 */
export function resolveColumns(
  preset: Preset,
  fileColumns: readonly string[],
  given: { state?: string } = {},
): { columns: ColumnMapping; missing: ImportField[] } {
  const named = new Map(Object.entries(preset.columns).map(([c, f]) => [columnKey(c), f]));
  const columns: ColumnMapping = {};
  const filled = new Set<string>();
  for (const column of fileColumns) {
    const field = named.get(columnKey(column));
    if (field && !filled.has(field)) {
      columns[column] = field;
      filled.add(field);
    }
  }
  for (const [column, field] of Object.entries(matchColumns(fileColumns))) {
    if (!filled.has(field) && !(column in columns)) {
      columns[column] = field as ImportField;
      filled.add(field);
    }
  }
  const missing = preset.required.filter(
    (f) => !filled.has(f) && !preset.constants?.[f] && !(f === "state" && given.state),
  );
  return { columns, missing };
}

/** Where a field is looked for, for the message about a missing column: "text (a column named Text)". */
export function describeField(preset: Preset, field: ImportField): string {
  const names = Object.entries(preset.columns)
    .filter(([, f]) => f === field)
    .map(([c]) => c);
  return names.length > 0 ? `${field} (a column named ${names.join(" or ")})` : field;
}
