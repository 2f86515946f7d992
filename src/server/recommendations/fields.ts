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
  columns: ColumnMapping;
  /** Columns that must be present (the others may be missing). */
  required: string[];
  /** Values of fields that no column gives. */
  constants?: Partial<Record<ImportField, string>>;
  /** Lists are separated by commas too (UPR Info: "Rights of the Child,Women's rights"). */
  listCommas?: boolean;
}

/** Built-in layouts: UPR Info's database files, OHCHR's Universal Human Rights Index, OHCHR thematic lists. */
export const BUILT_IN_PRESETS: Record<Exclude<PresetName, "generic">, Preset> = {
  "upr-info": {
    columns: {
      To: "state",
      Text: "text",
      From: "recommendingStates",
      Response: "position",
      Action: "actionCategory",
      Issue: "themes",
      Session: "session",
    },
    required: ["To", "Text", "From", "Response", "Session"],
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
    required: ["State under Review", "Recommendation", "Reccomending Body"],
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
