import { z } from "zod";
import { ASSESSOR_KINDS, IMPLEMENTATION_STATUSES, MECHANISMS, POSITIONS } from "../../core/index.ts";
import { localTextOut } from "./index.ts";

/*
 * The request and response shapes of the recommendations API, shared by the server routes and
 * the web pages (the only server folder the web app may import).
 */

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

const optionalText = z.string().trim().min(1).max(200).optional();
const statusFilter = z.enum([...IMPLEMENTATION_STATUSES, "none"]).optional();

/** Query of GET /api/recommendations: every filter is optional; `q` takes web-search syntax. */
export const searchQuery = z.object({
  q: z.string().max(500).optional(),
  state: optionalText,
  mechanism: z.enum(MECHANISMS).optional(),
  position: z.enum([...POSITIONS, "none"]).optional(),
  session: optionalText,
  cycle: optionalText,
  theme: optionalText,
  group: optionalText,
  article: optionalText,
  sdg: optionalText,
  recommendingState: optionalText,
  status: statusFilter,
  coalitionStatus: statusFilter,
  governmentStatus: statusFilter,
  institution: optionalText,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const recommendationItem = z.object({
  id: z.uuid(),
  mechanism: z.string(),
  session: z.string().nullable(),
  cycle: z.string().nullable(),
  documentSymbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  stateCode: z.string().nullable(),
  stateName: z.string(),
  recommendingStates: z.array(z.string()),
  text: localTextOut,
  position: z.string().nullable(),
  actionCategory: z.number().nullable(),
  themes: z.array(z.string()),
  uncrcArticles: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  /** Null for both kinds when the reader may not see the tracking of the State. */
  currentStatus: z.object({ government: z.string().nullable(), coalition: z.string().nullable() }),
});
export type RecommendationItem = z.infer<typeof recommendationItem>;

const facet = z.array(z.object({ value: z.string(), count: z.number() }));

export const searchResult = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(recommendationItem),
  facets: z.object({
    position: facet,
    mechanism: facet,
    session: facet,
    state: facet,
    theme: facet,
    status: facet,
    institution: facet,
  }),
});
export type SearchResultOut = z.infer<typeof searchResult>;

export const recommendationDetail = recommendationItem.omit({ currentStatus: true }).extend({
  issuedOn: z.string().nullable(),
  positionSource: z.string().nullable(),
  affectedGroups: z.array(z.string()),
  indicatorCodes: z.array(z.string()),
  createdAt: z.string(),
});
export type RecommendationDetail = z.infer<typeof recommendationDetail>;

export const idParams = z.object({ id: z.uuid() });
export const mappingParams = z.object({ name: z.string().trim().min(1).max(100) });
export const mappingBody = z.object({ columns: columnMapping });
export const mappingOut = z.object({
  name: z.string(),
  columns: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});
export type MappingOut = z.infer<typeof mappingOut>;

/** The text fields of a multipart import request (the file travels as the part `file`). */
export const importFields = z.object({
  preset: z.enum(PRESETS),
  mapping: z.string().trim().min(1).max(100).optional(),
  /** The mapping checked on the preview, as JSON `{ "column": "field" }` (generic preset). */
  columns: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "columns must be a JSON object { column: field }" });
        return z.NEVER;
      }
    })
    .pipe(columnMapping)
    .optional(),
  state: z.string().trim().min(1).max(200).optional(),
  /** The mechanism of rows whose file has no mechanism column (e.g. upr). */
  mechanism: z.string().trim().min(1).max(100).optional(),
});

export const importSummary = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  preset: z.string(),
  encoding: z.string(),
  rowsRead: z.number(),
  added: z.number(),
  duplicatesInFile: z.number(),
  alreadyStored: z.number(),
  merged: z.number(),
  duplicates: z.array(z.object({ line: z.number(), sameAsLine: z.number().nullable() })),
});
export type ImportSummaryOut = z.infer<typeof importSummary>;

/** The columns and first rows of a file, read but not imported: the column-mapping step. */
export const importPreview = z.object({
  fileName: z.string(),
  encoding: z.string(),
  columns: z.array(z.string()),
  rowCount: z.number(),
  sample: z.array(z.record(z.string(), z.string())),
  /** The fields the columns were matched to by their names: `{ "column": "field" }`. */
  mapping: z.record(z.string(), z.string()),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importRecord = z.object({
  id: z.uuid(),
  fileName: z.string(),
  preset: z.string(),
  mappingName: z.string().nullable(),
  rowsRead: z.number(),
  added: z.number(),
  duplicates: z.number(),
  importedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type ImportRecordOut = z.infer<typeof importRecord>;

const isoDay = z.iso.date();

/** A new implementation assessment, as the API and the tracking form send it. */
export const implementationInput = z.object({
  status: z.enum(IMPLEMENTATION_STATUSES),
  assessedByKind: z.enum(ASSESSOR_KINDS),
  assessorName: z.string().trim().max(200).optional(),
  assessedOn: isoDay,
  evidenceText: z.string().max(20_000).optional(),
  evidenceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  evidenceUrls: z
    .array(z.url({ protocol: /^https?$/ }).max(2000))
    .max(20)
    .default([]),
  responsibleInstitutions: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  dueOn: isoDay.optional(),
  followUpActions: z.string().max(20_000).optional(),
});
export type ImplementationInput = z.infer<typeof implementationInput>;

export const implementationOutput = implementationInput.extend({
  id: z.uuid(),
  recommendationId: z.uuid(),
  assessorId: z.uuid().nullable(),
  assessorName: z.string().nullable(),
  evidenceText: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  dueOn: z.string().nullable(),
  followUpActions: z.string().nullable(),
  /** Who recorded it (the signed-in person), apart from `assessorName` (who assessed, as written). */
  recordedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The confirmed synergy it was recorded for, with the group's other members (null: on its own). */
  synergyId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type ImplementationOutput = z.infer<typeof implementationOutput>;

/** Every assessment of a recommendation in order, and the current one of each kind of assessor. */
export const timelineOut = z.object({
  recommendationId: z.uuid(),
  current: z.object({
    government: implementationOutput.nullable(),
    coalition: implementationOutput.nullable(),
  }),
  entries: z.array(implementationOutput),
});
export type TimelineOut = z.infer<typeof timelineOut>;

const suggestion = z.object({
  id: z.string(),
  score: z.number(),
  title: z.string(),
  /** The phrases of the text, or the themes, that led to the suggestion. */
  because: z.array(z.string()),
  /**
   * "model": scored by the model trained on this database's classified recommendations;
   * "vocabulary": by the curated vocabulary or the recommendation's themes.
   */
  source: z.enum(["model", "vocabulary"]),
});
/** The model a kind of suggestion came from, or null when the vocabulary alone gave them. */
const suggestionModel = z.object({ examples: z.number(), trainedAt: z.string() }).nullable();
export const classificationSuggestions = z.object({
  uncrcArticles: z.array(suggestion),
  sdgTargets: z.array(suggestion),
  models: z.object({ uncrcArticles: suggestionModel, sdgTargets: suggestionModel }),
});
export type ClassificationSuggestionsOut = z.infer<typeof classificationSuggestions>;

const tagList = z.array(z.string().trim().min(1).max(200)).max(100).default([]);
const tagSet = z.object({
  themes: tagList,
  affectedGroups: tagList,
  uncrcArticles: tagList,
  sdgTargets: tagList,
  indicatorCodes: tagList,
});

/** Tags added to and removed from one or many recommendations at once. */
export const tagChange = z.object({
  ids: z.array(z.uuid()).min(1).max(5000),
  add: tagSet.partial().default({}),
  remove: tagSet.partial().default({}),
});
export type TagChange = z.infer<typeof tagChange>;
export const tagResult = z.object({ updated: z.number() });

/** Query of the dashboard: which recommendations, and whose assessment gives the status. */
export const dashboardQuery = z.object({
  state: z.string().trim().min(1).max(200).optional(),
  mechanism: z.enum(MECHANISMS).optional(),
  cycle: z.string().trim().min(1).max(200).optional(),
  assessor: z.enum(ASSESSOR_KINDS).default("coalition"),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const DASHBOARD_STATUSES = [...IMPLEMENTATION_STATUSES, "none"] as const;

const dashboardRow = z.object({
  value: z.string(),
  total: z.number(),
  counts: z.record(z.string(), z.number()),
});
export const dashboardOutput = z.object({
  assessor: z.enum(ASSESSOR_KINDS),
  total: z.number(),
  statuses: z.array(z.string()),
  byStatus: z.record(z.string(), z.number()),
  byTheme: z.array(dashboardRow),
  byArticle: z.array(dashboardRow),
  byInstitution: z.array(dashboardRow),
  byMechanism: z.array(dashboardRow),
  byCycle: z.array(dashboardRow),
});
export type Dashboard = z.infer<typeof dashboardOutput>;

/** Query of the follow-up reports: one State; grouped by UNCRC article or by cluster (theme). */
export const reportQuery = z.object({
  state: z.string().trim().min(1, "state: name the State under review (ISO code or name)").max(200),
  groupBy: z.enum(["article", "cluster"]).default("article"),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const reportCardQuery = z.object({
  state: z.string().trim().min(1, "state: name the State under review (ISO code or name)").max(200),
});

export const reportCardOutput = z.object({
  stateName: z.string(),
  rule: z.string(),
  themes: z.array(
    z.object({
      theme: z.string(),
      total: z.number(),
      implemented: z.number(),
      partiallyImplemented: z.number(),
      score: z.number(),
      grade: z.enum(["A", "B", "C", "D", "F"]),
    }),
  ),
});
export type ReportCard = z.infer<typeof reportCardOutput>;

/** A search to save: its name and the query string of GET /api/recommendations (without `?`). */
export const savedSearchInput = z.object({
  name: z.string().trim().min(1, "name: give the search a name").max(100),
  query: z.string().trim().max(2000),
});
export type SavedSearchInput = z.infer<typeof savedSearchInput>;

export const savedSearchOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.string(),
  createdAt: z.string(),
});
export type SavedSearch = z.infer<typeof savedSearchOutput>;

export const indicatorSuggestionQuery = z.object({
  frameworkVersionId: z.uuid(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const indicatorSuggestion = z.object({ code: z.string(), score: z.number(), text: z.string() });

export const indicatorDecision = z.object({
  frameworkVersionId: z.uuid(),
  indicatorCode: z.string().trim().min(1).max(200),
  decision: z.enum(["accept", "reject"]),
});
export type IndicatorDecision = z.infer<typeof indicatorDecision>;
export const indicatorDecisionOut = z.object({
  decision: z.enum(["accept", "reject"]),
  indicatorCodes: z.array(z.string()),
});

/** A State of the synergies view: an ISO country code. */
export const synergyQuery = z.object({
  state: z.string().regex(/^[A-Za-z]{2}$/, "an ISO country code of two letters"),
});

/** The recommendations a person confirms as one synergy, or dismisses as a suggestion. */
export const synergyDecision = z.object({
  ids: z.array(z.uuid()).min(2).max(50),
});
export type SynergyDecision = z.infer<typeof synergyDecision>;

/** A member of a synergy: its source (mechanism, document, paragraph), text and tags. */
export const synergyMember = z.object({
  id: z.uuid(),
  mechanism: z.string(),
  session: z.string().nullable(),
  documentSymbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  issuedOn: z.string().nullable(),
  recommendingStates: z.array(z.string()),
  text: localTextOut,
  uncrcArticles: z.array(z.string()),
  themes: z.array(z.string()),
  /** The latest status of each kind of assessor (null: none). */
  currentStatus: z.object({ government: z.string().nullable(), coalition: z.string().nullable() }),
});
export type SynergyMember = z.infer<typeof synergyMember>;

/** A suggested synergy: what `groupSynergies` found, not yet decided. */
export const synergySuggestion = z.object({
  ids: z.array(z.uuid()),
  mechanisms: z.array(z.string()),
  articles: z.array(z.string()),
  themes: z.array(z.string()),
  score: z.number(),
  members: z.array(synergyMember),
});

/** A confirmed synergy, tracked once: its members with all their sources and the group's history. */
export const synergyGroup = z.object({
  id: z.uuid(),
  stateCode: z.string(),
  mechanisms: z.array(z.string()),
  confirmedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  confirmedAt: z.string(),
  /** The members' common latest status by kind of assessor, or null where they differ or have none. */
  status: z.object({ government: z.string().nullable(), coalition: z.string().nullable() }),
  members: z.array(synergyMember),
  /** Assessments recorded for the whole group, newest first (each is also in every member's timeline). */
  history: z.array(implementationOutput.omit({ recommendationId: true })),
});
export type SynergyGroupOut = z.infer<typeof synergyGroup>;

export const synergiesOut = z.object({
  stateCode: z.string(),
  /** The State's recommendations the grouping read. */
  recommendations: z.number(),
  suggestions: z.array(synergySuggestion),
  groups: z.array(synergyGroup),
});
export type SynergiesOut = z.infer<typeof synergiesOut>;
