import { z } from "zod";

/*
 * Results plans: the request and response shapes of /api/results. The same field
 * shapes validate the web forms and every imported row (XLSX, IATI).
 */

const language = z.string().min(2).max(35);

/** A required text in languages (language → text), each at most `max` characters; at least one given. */
export const localTextOf = (max: number) =>
  z
    .record(language, z.string().trim().max(max))
    .refine((t) => Object.values(t).some((v) => v.length > 0), "give the text in at least one language");
export const localText = localTextOf(2000);

/** An optional text in languages: empty languages are left out, so nothing given is `{}`. */
export const optionalLocalTextOf = (max: number) =>
  z
    .record(language, z.string().trim().max(max))
    .transform((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.length > 0)));
export const key = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, dot, dash or underscore");
export const isoDate = z.iso.date();

export const planLevelIn = z.object({ key, name: localText });
export const planPeriodIn = z
  .object({ key, label: z.string().trim().min(1).max(80), startsOn: isoDate, endsOn: isoDate })
  .refine((p) => p.startsOn <= p.endsOn, { message: "a period must end after it starts", path: ["endsOn"] });
export const disaggregationIn = z.object({
  key,
  name: localText,
  values: z.array(z.object({ key, name: localText })).min(2, "a breakdown needs at least two values"),
});

const uniqueKeys = <T extends { key: string }>(list: T[]) =>
  new Set(list.map((x) => x.key)).size === list.length;

export const planBody = z.object({
  organisationId: z.uuid(),
  title: localText,
  levels: z.array(planLevelIn).min(1).max(8).refine(uniqueKeys, "level keys must differ"),
  periods: z.array(planPeriodIn).min(1).max(60).refine(uniqueKeys, "period keys must differ"),
  disaggregations: z
    .array(disaggregationIn)
    .max(10)
    .refine(uniqueKeys, "category keys must differ")
    .default([]),
});
export type PlanBody = z.infer<typeof planBody>;
export const planUpdateBody = planBody.omit({ organisationId: true });

export const planParams = z.object({ id: z.uuid() });
export const nodeParams = z.object({ id: z.uuid(), nodeId: z.uuid() });
export const indicatorParams = z.object({ id: z.uuid(), indicatorId: z.uuid() });
export const valueParams = indicatorParams.extend({ period: key });

export const nodeBody = z.object({
  parentId: z.uuid().nullable(),
  level: key,
  code: key,
  title: localText,
  description: localText.nullable().default(null),
  responsible: z.string().trim().max(200).nullable().default(null),
  startsOn: isoDate.nullable().default(null),
  endsOn: isoDate.nullable().default(null),
  rollUp: z.enum(["average", "weighted", "none"]).default("average"),
  weight: z.number().min(0).max(1000).default(1),
});
export type NodeBody = z.infer<typeof nodeBody>;

/** The version an edit started from: a stale one gets 409 and changes nothing. */
const expectedVersion = z.number().int().min(1);
/** A change of a node: the node as `nodeBody`, and the version the edit started from. */
export const nodeUpdateBody = nodeBody.extend({ expectedVersion });

export const indicatorLinkIn = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("index"),
    frameworkCode: z.string().min(1).max(100),
    itemCode: z.string().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as MD"),
  }),
  z.object({
    kind: z.literal("recommendations"),
    recommendationIds: z.array(z.uuid()).min(1).max(500),
    status: z.enum(["in_progress", "partially_implemented", "implemented"]),
  }),
]);

const indicatorFields = z.object({
  nodeId: z.uuid(),
  code: key,
  title: localText,
  type: z.enum(["number", "percentage", "scale", "narrative"]),
  unit: z.string().trim().max(40).nullable().default(null),
  scaleMin: z.number().nullable().default(null),
  scaleMax: z.number().nullable().default(null),
  direction: z.enum(["increase", "decrease", "maintain"]).default("increase"),
  cumulation: z.enum(["sum", "latest"]).default("latest"),
  baselineValue: z.number().nullable().default(null),
  baselineDate: isoDate.nullable().default(null),
  weight: z.number().min(0).max(1000).default(1),
  disaggregations: z.array(key).max(10).default([]),
  link: indicatorLinkIn.nullable().default(null),
});
/** A scale needs its lowest and highest points, lowest first. */
const scaleIsComplete = (i: { type: string; scaleMin: number | null; scaleMax: number | null }) =>
  i.type !== "scale" || (i.scaleMin !== null && i.scaleMax !== null && i.scaleMin < i.scaleMax);
const scaleProblem = {
  message: "a scale needs its lowest and highest points, lowest first",
  path: ["scaleMax"],
};
export const indicatorBody = indicatorFields.refine(scaleIsComplete, scaleProblem);
export type IndicatorBody = z.infer<typeof indicatorBody>;
/** A change of an indicator's definition, and the version the edit started from. */
export const indicatorUpdateBody = indicatorFields
  .extend({ expectedVersion })
  .refine(scaleIsComplete, scaleProblem);

const breakdown = z.record(key, z.record(key, z.number().finite()));

/** A target or an actual; `expectedVersion` is the version the edit started from (0: new). */
export const valueBody = z.object({
  value: z.number().finite().nullable(),
  narrative: z.string().trim().max(10_000).nullable().default(null),
  breakdown: breakdown.nullable().default(null),
  comment: z.string().trim().max(4000).nullable().default(null),
  evidence: z.string().trim().max(4000).nullable().default(null),
  expectedVersion: z.number().int().min(0),
});
export type ValueBody = z.infer<typeof valueBody>;

export const publishingBody = z.object({ publishesPlans: z.boolean() });

export const approveBody = z.object({ approved: z.boolean(), isPublic: z.boolean().default(false) });

export const dashboardQuery = z.object({ period: key.optional(), level: key.optional() });
export const planReportQuery = z.object({ period: key.optional() });

/* Responses */

const text = z.record(z.string(), z.string());

export const organisationOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  publishesPlans: z.boolean(),
  mayEdit: z.boolean(),
});

export const planSummaryOut = z.object({
  id: z.uuid(),
  title: text,
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  status: z.string(),
  isPublic: z.boolean(),
  periods: z.number().int(),
  indicators: z.number().int(),
});
export type PlanSummaryOut = z.infer<typeof planSummaryOut>;

export const storedValueOut = z.object({
  value: z.number().nullable(),
  narrative: z.string().nullable(),
  breakdown: breakdown.nullable(),
  comment: z.string().nullable(),
  evidence: z.string().nullable(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type StoredValueOut = z.infer<typeof storedValueOut>;

const achievementOut = z.object({
  ratio: z.number().nullable(),
  score: z.number().nullable(),
  band: z.string(),
  missing: z.string().nullable(),
});

export const planIndicatorOut = z.object({
  id: z.uuid(),
  nodeId: z.uuid(),
  code: z.string(),
  title: text,
  type: z.string(),
  unit: z.string().nullable(),
  scaleMin: z.number().nullable(),
  scaleMax: z.number().nullable(),
  direction: z.string(),
  cumulation: z.string(),
  baselineValue: z.number().nullable(),
  baselineDate: z.string().nullable(),
  weight: z.number(),
  disaggregations: z.array(z.string()),
  link: indicatorLinkIn.nullable(),
  /** Send it back as `expectedVersion` when changing the indicator's definition. */
  version: z.number().int(),
  /** Per period key: the target and the actual (actuals of linked indicators are read, not typed). */
  values: z.record(
    z.string(),
    z.object({ target: storedValueOut.nullable(), actual: storedValueOut.nullable() }),
  ),
});
export type PlanIndicatorOut = z.infer<typeof planIndicatorOut>;

export const planNodeOut = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: z.string(),
  code: z.string(),
  title: text,
  description: text.nullable(),
  responsible: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  rollUp: z.string(),
  weight: z.number(),
  /** Send it back as `expectedVersion` when changing the node. */
  version: z.number().int(),
});
export type PlanNodeOut = z.infer<typeof planNodeOut>;

export const planOut = z.object({
  id: z.uuid(),
  title: text,
  organisation: organisationOut,
  levels: z.array(z.object({ key: z.string(), name: text })),
  periods: z.array(
    z.object({ key: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  ),
  disaggregations: z.array(
    z.object({ key: z.string(), name: text, values: z.array(z.object({ key: z.string(), name: text })) }),
  ),
  status: z.string(),
  isPublic: z.boolean(),
  approvedAt: z.string().nullable(),
  nodes: z.array(planNodeOut),
  indicators: z.array(planIndicatorOut),
  /** What the signed-in person may do with this plan. */
  may: z.object({ edit: z.boolean(), report: z.boolean(), approve: z.boolean() }),
});
export type PlanOut = z.infer<typeof planOut>;

export const savedValueOut = storedValueOut.extend({ changed: z.boolean() });

/** 409: a stale edit (with the current value to compare) or a locked target (without). */
export const valueConflictOut = z.object({
  error: z.string(),
  details: z.array(z.string()).optional(),
  current: storedValueOut.optional(),
});

export const valueHistoryOut = z.array(
  z.object({
    kind: z.string(),
    period: z.string(),
    version: z.number().int(),
    before: z.unknown(),
    after: z.unknown(),
    changedBy: z.string().nullable(),
    changedAt: z.string(),
    source: z.string(),
  }),
);

export const dashboardOut = z.object({
  period: z.string(),
  periods: z.array(z.string()),
  nodes: z.array(
    z.object({
      id: z.uuid(),
      period: achievementOut.omit({ ratio: true, missing: true }).extend({
        indicators: z.number().int(),
        measured: z.number().int(),
      }),
      cumulative: achievementOut.omit({ ratio: true, missing: true }).extend({
        indicators: z.number().int(),
        measured: z.number().int(),
      }),
    }),
  ),
  indicators: z.array(z.object({ id: z.uuid(), period: achievementOut, cumulative: achievementOut })),
  late: z.array(z.object({ indicatorId: z.uuid(), period: z.string() })),
});
export type DashboardOut = z.infer<typeof dashboardOut>;

/* IATI import (multipart fields) and its answers */

export const iatiImportFields = z.object({
  organisationId: z.uuid(),
  dryRun: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export const iatiProblem = z.object({
  code: z
    .string()
    .describe("What is wrong, e.g. notNumber, periodDates, breakdown: the web app words it in its languages"),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe("The code's parameters, e.g. { found: '2015:1004106' }"),
  at: z
    .object({
      activity: z.string().describe("The activity's identifier"),
      node: z.string().describe("A node's code"),
      indicator: z.string().describe("The indicator's title, or its code when it has none"),
      period: z.string().describe("The period's label, or its position when its dates are wrong"),
      value: z.enum(["baseline", "target", "actual"]),
      by: z.string().describe("The dimensions a value is broken down by"),
    })
    .partial()
    .describe("Where the problem is in the file"),
  message: z.string().describe("The problem in English, its place first, for the API and the command line"),
});
export type IatiProblemOut = z.infer<typeof iatiProblem>;

export const iatiPreviewOut = z.object({
  fileName: z.string(),
  title: text,
  activities: z.number().int(),
  levels: z.array(z.string()),
  periods: z.array(z.string()),
  nodes: z.number().int(),
  indicators: z.number().int(),
  values: z.number().int(),
  /** Any problem and the file is refused; each names the activity, the indicator and the period. */
  problems: z.array(iatiProblem),
  /** What is read but not kept. */
  notes: z.array(z.string()),
});
export const iatiImportOut = iatiPreviewOut.extend({ id: z.uuid() });

export const iatiMergeFields = z.object({
  dryRun: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export const iatiMergeChange = z.object({
  action: z.enum(["add", "change"]),
  part: z.enum(["plan", "node", "indicator", "value"]),
  code: z.string().describe("The node's or indicator's code; for a value, the indicator's"),
  what: z.string().describe("In English, e.g. 'actual 2024 of A1.R1.I1: 180 → 200'"),
});
export type IatiMergeChange = z.infer<typeof iatiMergeChange>;

export const iatiMergeOut = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  ok: z.boolean(),
  activities: z.number().int(),
  added: z.number().int().describe("Nodes, indicators, values, periods, levels and categories added"),
  changed: z.number().int().describe("Nodes, indicators and values whose content changes"),
  unchanged: z.number().int().describe("Nodes, indicators and values of the file already as in the plan"),
  left: z
    .number()
    .int()
    .describe("Nodes and indicators of the plan that the file does not have: left as they are"),
  changes: z.array(iatiMergeChange),
  problems: z.array(iatiProblem),
  notes: z.array(z.string()),
});
export type IatiMergeOut = z.infer<typeof iatiMergeOut>;
