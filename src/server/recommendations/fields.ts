import { z } from "zod";

/**
 * The fields a column of an imported file can fill. `text` is the English text; `text.fr`,
 * `text.es`… hold other languages. List fields take `- ` bullets, one item per line, or `;`.
 */
export const IMPORT_FIELDS = [
  "mechanism",
  "session",
  "cycle",
  "documentSymbol",
  "paragraph",
  "date",
  "state",
  "recommendingStates",
  "text",
  "text.fr",
  "text.es",
  "text.ar",
  "text.ru",
  "text.zh",
  "position",
  "positionSource",
  "actionCategory",
  "themes",
  "affectedGroups",
  "uncrcArticles",
  "sdgTargets",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A column mapping `{ "column in the file": "field" }`, as saved by name for the generic preset. */
export const columnMapping = z
  .record(z.string().min(1).max(200), z.enum(IMPORT_FIELDS))
  .refine((m) => Object.values(m).includes("text"), { message: "map one column to the field text" });
export type ColumnMapping = z.infer<typeof columnMapping>;

export const PRESETS = ["upr-info", "uhri", "ohchr-thematic", "generic"] as const;
export type PresetName = (typeof PRESETS)[number];

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
