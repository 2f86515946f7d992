import { z } from "zod";
import { IMPLEMENTATION_STATUSES, MECHANISMS, POSITIONS } from "../../core/index.ts";
import { localTextOut } from "../api-schemas/index.ts";
import { columnMapping, PRESETS } from "./fields.ts";

const optionalText = z.string().trim().min(1).max(200).optional();

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
  status: z.enum([...IMPLEMENTATION_STATUSES, "none"]).optional(),
  coalitionStatus: z.enum([...IMPLEMENTATION_STATUSES, "none"]).optional(),
  governmentStatus: z.enum([...IMPLEMENTATION_STATUSES, "none"]).optional(),
  institution: optionalText,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

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
  currentStatus: z.object({ government: z.string().nullable(), coalition: z.string().nullable() }),
});

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

export const recommendationDetail = recommendationItem.omit({ currentStatus: true }).extend({
  issuedOn: z.string().nullable(),
  positionSource: z.string().nullable(),
  affectedGroups: z.array(z.string()),
  indicatorCodes: z.array(z.string()),
  createdAt: z.string(),
});

export const idParams = z.object({ id: z.uuid() });
export const mappingParams = z.object({ name: z.string().trim().min(1).max(100) });
export const mappingBody = z.object({ columns: columnMapping });
export const mappingOut = z.object({
  name: z.string(),
  columns: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});

/** The text fields of a multipart import request (the file travels as the part `file`). */
export const importFields = z.object({
  preset: z.enum(PRESETS),
  mapping: z.string().trim().min(1).max(100).optional(),
  state: z.string().trim().min(1).max(200).optional(),
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
